import { PRINCIPAL_TYPES, type Identity, type PrincipalType } from '../model';
import { asObject, asString, objectOrEmpty, type JsonObject } from './json-shape';
import { stringSlot } from './string-interner';

const KNOWN_TYPES: ReadonlySet<string> = new Set(PRINCIPAL_TYPES);

const ASSUMED_ROLE = ':assumed-role/';

/** The role ARN an assumed-role ARN stands for, when the record lacks `sessionIssuer` (path unknown). */
function roleArnFromAssumed(arn: string, role: string | undefined): string | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || !role) return undefined;
  return `arn:${parts[1]}:iam::${parts[4]}:role/${role}`;
}

/** The `userIdentity` values an identity is made of, read once per record. */
interface IdentityFields {
  readonly type: string | undefined;
  readonly invokedBy: string | undefined;
  readonly arn: string | undefined;
  readonly accountId: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly principalId: string | undefined;
  readonly userName: string | undefined;
  readonly issuerArn: string | undefined;
  readonly issuerUserName: string | undefined;
  readonly sourceIdentity: string | undefined;
  readonly recipientAccountId: string | undefined;
}

function fieldsOf(ui: JsonObject, recipientAccountId: string | undefined): IdentityFields {
  const session: JsonObject = objectOrEmpty(ui.sessionContext);
  const issuer = objectOrEmpty(session.sessionIssuer);
  return {
    type: asString(ui.type),
    invokedBy: asString(ui.invokedBy),
    arn: asString(ui.arn),
    accountId: asString(ui.accountId),
    accessKeyId: asString(ui.accessKeyId),
    principalId: asString(ui.principalId),
    userName: asString(ui.userName),
    issuerArn: asString(issuer.arn),
    issuerUserName: asString(issuer.userName),
    sourceIdentity: asString(session.sourceIdentity),
    recipientAccountId,
  };
}

/** Most distinctive first: a session's access key and ARN tell most calls apart. */
function sameFields(a: IdentityFields, b: IdentityFields): boolean {
  return (
    a.accessKeyId === b.accessKeyId &&
    a.arn === b.arn &&
    a.issuerArn === b.issuerArn &&
    a.type === b.type &&
    a.accountId === b.accountId &&
    a.recipientAccountId === b.recipientAccountId &&
    a.principalId === b.principalId &&
    a.userName === b.userName &&
    a.issuerUserName === b.issuerUserName &&
    a.sourceIdentity === b.sourceIdentity &&
    a.invokedBy === b.invokedBy
  );
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
  return ui ? buildIdentity(fieldsOf(ui, recipientAccountId)) : undefined;
}

const CACHE_SLOTS = 512;

/**
 * `identityOf` with a memory: a log repeats a few sessions many times, so the identity of a record whose
 * `userIdentity` values all equal those of a recent one is that one's object. Sharing it saves building it
 * again and, more, hands the engine one principal string per session whose hash V8 computes once for the
 * many map lookups keyed by it. A small direct-mapped cache compared by content: no hashing of fresh
 * strings to find an entry.
 */
export class IdentityReader {
  private readonly slots = new Array<
    { readonly fields: IdentityFields; readonly identity: Identity | undefined } | undefined
  >(CACHE_SLOTS).fill(undefined);

  read(userIdentity: unknown, recipientAccountId: string | undefined): Identity | undefined {
    const ui = asObject(userIdentity);
    if (!ui) return undefined;
    const fields = fieldsOf(ui, recipientAccountId);
    const slot = stringSlot(
      fields.accessKeyId ?? fields.arn ?? fields.principalId ?? fields.invokedBy ?? '',
      CACHE_SLOTS - 1,
    );
    const hit = this.slots[slot];
    if (hit !== undefined && sameFields(hit.fields, fields)) return hit.identity;
    const identity = buildIdentity(fields);
    this.slots[slot] = { fields, identity };
    return identity;
  }
}

function buildIdentity(fields: IdentityFields): Identity | undefined {
  const { invokedBy, arn, accountId, principalId, userName, issuerArn, issuerUserName, recipientAccountId } =
    fields;
  // Service events (`eventType: AwsServiceEvent`, e.g. SharedSnapshotVolumeCreated) name only the service
  // that acted, with no type: they are AWS services' own calls.
  const typeName = fields.type ?? (invokedBy ? 'AWSService' : 'Unknown');
  const type = (KNOWN_TYPES.has(typeName) ? typeName : 'Unknown') as PrincipalType;
  const crossAccount =
    accountId !== undefined && recipientAccountId !== undefined && accountId !== recipientAccountId;
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
      principalArn = issuerArn ?? (arn ? roleArnFromAssumed(arn, role) : undefined) ?? arn;
      principalArn ??= principalId;
      name = issuerUserName ?? role;
      break;
    }
    case 'FederatedUser':
      principalArn = issuerArn ?? arn;
      name = issuerUserName ?? arn?.split('/').pop();
      break;
    case 'IAMUser':
      principalArn =
        arn ?? (accountId && userName ? `arn:aws:iam::${accountId}:user/${userName}` : undefined);
      name = userName ?? principalArn?.split('/').pop();
      break;
    case 'Root':
      principalArn = arn ?? (accountId ? `arn:aws:iam::${accountId}:root` : undefined);
      name = 'root';
      break;
    case 'AWSService': {
      const service = invokedBy ?? principalId ?? 'unknown-service';
      principalArn = `service:${service}`;
      name = service;
      break;
    }
    case 'AWSAccount':
      // The account that owns a role sees a cross-account caller only as that account.
      principalArn = accountId ? `arn:aws:iam::${accountId}:root` : principalId;
      name = accountId;
      break;
    default:
      principalArn = arn ?? principalId ?? userName;
      name = userName ?? principalArn;
  }
  if (!principalArn) return undefined;
  return {
    type,
    principalArn,
    callerArn: arn,
    name,
    sessionName,
    sourceIdentity: fields.sourceIdentity,
    accessKeyId: fields.accessKeyId,
    accountId,
    crossAccount,
    invokedBy,
  };
}
