import { PRINCIPAL_TYPES, type Identity, type PrincipalType } from '../model';
import { asObject, asString, objectOrEmpty, type JsonObject } from './json-shape';

const KNOWN_TYPES: ReadonlySet<string> = new Set(PRINCIPAL_TYPES);

const ASSUMED_ROLE = ':assumed-role/';

/** The role ARN an assumed-role ARN stands for, when the record lacks `sessionIssuer` (path unknown). */
function roleArnFromAssumed(arn: string, role: string | undefined): string | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || !role) return undefined;
  return `arn:${parts[1]}:iam::${parts[4]}:role/${role}`;
}

/**
 * Who acted. For an assumed role the baseline binds to the issuing role (with its path), not the session;
 * for a federated user to the IAM user that minted the federation token.
 */
export function identityOf(
  userIdentity: unknown,
  recipientAccountId: string | undefined,
): Identity | undefined {
  const ui = asObject(userIdentity);
  if (!ui) return undefined;
  // Service events (`eventType: AwsServiceEvent`, e.g. SharedSnapshotVolumeCreated) name only the service
  // that acted, with no type: they are AWS services' own calls.
  const invokedBy = asString(ui.invokedBy);
  const rawType = asString(ui.type) ?? (invokedBy ? 'AWSService' : 'Unknown');
  const type = (KNOWN_TYPES.has(rawType) ? rawType : 'Unknown') as PrincipalType;
  const arn = asString(ui.arn);
  const accountId = asString(ui.accountId);
  const session: JsonObject = objectOrEmpty(ui.sessionContext);
  const issuer = objectOrEmpty(session.sessionIssuer);
  const accessKeyId = asString(ui.accessKeyId);
  const sourceIdentity = asString(session.sourceIdentity);
  const crossAccount =
    accountId !== undefined && recipientAccountId !== undefined && accountId !== recipientAccountId;
  // Locals filled by the switch, one object built at the end: this runs for every record.
  let principalArn: string | undefined;
  let name: string | undefined;
  let sessionName: string | undefined;
  switch (type) {
    case 'AssumedRole': {
      let role: string | undefined;
      if (arn) {
        const at = arn.indexOf(ASSUMED_ROLE);
        if (at >= 0) {
          const slash = arn.indexOf('/', at + ASSUMED_ROLE.length);
          role = arn.slice(at + ASSUMED_ROLE.length, slash < 0 ? undefined : slash);
          sessionName = slash < 0 ? undefined : arn.slice(slash + 1);
        }
      }
      principalArn = asString(issuer.arn) ?? (arn ? roleArnFromAssumed(arn, role) : undefined) ?? arn;
      principalArn ??= asString(ui.principalId);
      name = asString(issuer.userName) ?? role;
      break;
    }
    case 'FederatedUser':
      principalArn = asString(issuer.arn) ?? arn;
      name = asString(issuer.userName) ?? arn?.split('/').pop();
      break;
    case 'IAMUser': {
      const userName = asString(ui.userName);
      principalArn =
        arn ?? (accountId && userName ? `arn:aws:iam::${accountId}:user/${userName}` : undefined);
      name = userName ?? principalArn?.split('/').pop();
      break;
    }
    case 'Root':
      principalArn = arn ?? (accountId ? `arn:aws:iam::${accountId}:root` : undefined);
      name = 'root';
      break;
    case 'AWSService': {
      const service = invokedBy ?? asString(ui.principalId) ?? 'unknown-service';
      principalArn = `service:${service}`;
      name = service;
      break;
    }
    case 'AWSAccount':
      // The account that owns a role sees a cross-account caller only as that account.
      principalArn = accountId ? `arn:aws:iam::${accountId}:root` : asString(ui.principalId);
      name = accountId;
      break;
    default:
      principalArn = arn ?? asString(ui.principalId) ?? asString(ui.userName);
      name = asString(ui.userName) ?? principalArn;
  }
  if (!principalArn) return undefined;
  return {
    type,
    principalArn,
    callerArn: arn,
    name,
    sessionName,
    sourceIdentity,
    accessKeyId,
    accountId,
    crossAccount,
    invokedBy,
  };
}
