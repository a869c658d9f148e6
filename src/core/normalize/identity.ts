import { PRINCIPAL_TYPES, type Identity, type PrincipalType } from '../model';
import { asObject, asString, objectOrEmpty, type JsonObject } from './json-shape';

const KNOWN_TYPES: ReadonlySet<string> = new Set(PRINCIPAL_TYPES);

/** `arn:aws:sts::1:assumed-role/name/session` → { role: name, session }. */
function splitAssumedRoleArn(arn: string): { role?: string; session?: string } {
  const marker = ':assumed-role/';
  const at = arn.indexOf(marker);
  if (at < 0) return {};
  const rest = arn.slice(at + marker.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? { role: rest } : { role: rest.slice(0, slash), session: rest.slice(slash + 1) };
}

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
  const rawType = asString(ui.type) ?? 'Unknown';
  const type = (KNOWN_TYPES.has(rawType) ? rawType : 'Unknown') as PrincipalType;
  const arn = asString(ui.arn);
  const accountId = asString(ui.accountId);
  const session: JsonObject = objectOrEmpty(ui.sessionContext);
  const issuer = objectOrEmpty(session.sessionIssuer);
  const invokedBy = asString(ui.invokedBy);
  const accessKeyId = asString(ui.accessKeyId);
  const sourceIdentity = asString(session.sourceIdentity);
  const crossAccount =
    accountId !== undefined && recipientAccountId !== undefined && accountId !== recipientAccountId;
  const make = (principalArn: string, name: string | undefined, sessionName?: string): Identity => ({
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
  });

  switch (type) {
    case 'AssumedRole': {
      const { role, session: sessionName } = arn ? splitAssumedRoleArn(arn) : {};
      const issuerArn = asString(issuer.arn) ?? (arn ? roleArnFromAssumed(arn, role) : undefined);
      const principalArn = issuerArn ?? arn ?? asString(ui.principalId);
      if (!principalArn) return undefined;
      return make(principalArn, asString(issuer.userName) ?? role, sessionName);
    }
    case 'FederatedUser': {
      const principalArn = asString(issuer.arn) ?? arn;
      if (!principalArn) return undefined;
      return make(principalArn, asString(issuer.userName) ?? arn?.split('/').pop());
    }
    case 'IAMUser': {
      const userName = asString(ui.userName);
      const principalArn =
        arn ?? (accountId && userName ? `arn:aws:iam::${accountId}:user/${userName}` : undefined);
      if (!principalArn) return undefined;
      return make(principalArn, userName ?? principalArn.split('/').pop());
    }
    case 'Root': {
      const principalArn = arn ?? (accountId ? `arn:aws:iam::${accountId}:root` : undefined);
      if (!principalArn) return undefined;
      return make(principalArn, 'root');
    }
    case 'AWSService': {
      const service = invokedBy ?? asString(ui.principalId) ?? 'unknown-service';
      return make(`service:${service}`, service);
    }
    case 'AWSAccount': {
      // The account that owns a role sees a cross-account caller only as that account.
      const principalArn = accountId ? `arn:aws:iam::${accountId}:root` : asString(ui.principalId);
      if (!principalArn) return undefined;
      return make(principalArn, accountId);
    }
    default: {
      const principalArn = arn ?? asString(ui.principalId) ?? asString(ui.userName);
      if (!principalArn) return undefined;
      return make(principalArn, asString(ui.userName) ?? principalArn);
    }
  }
}
