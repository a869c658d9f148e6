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
  const session: JsonObject = objectOrEmpty(ui.sessionContext);
  const issuer = objectOrEmpty(session.sessionIssuer);
  return buildIdentity(
    asString(ui.type),
    asString(ui.invokedBy),
    asString(ui.arn),
    asString(ui.accountId),
    asString(ui.accessKeyId),
    asString(ui.principalId),
    asString(ui.userName),
    asString(issuer.arn),
    asString(issuer.userName),
    asString(session.sourceIdentity),
    recipientAccountId,
  );
}

const CACHE_SLOTS = 512;

/** The `userIdentity` values an identity was built from, and the identity. */
interface CachedIdentity {
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
  readonly identity: Identity | undefined;
}

/**
 * `identityOf` with a memory: a log repeats a few sessions many times, so the identity of a record whose
 * `userIdentity` values all equal those of a recent one is that one's object. Sharing it saves building it
 * again and, more, hands the engine one principal string per session whose hash V8 computes once for the
 * many map lookups keyed by it. A small direct-mapped cache compared by content: no hashing of fresh
 * strings to find an entry.
 */
export class IdentityReader {
  private readonly slots = new Array<CachedIdentity | undefined>(CACHE_SLOTS).fill(undefined);

  read(userIdentity: unknown, recipientAccountId: string | undefined): Identity | undefined {
    const ui = asObject(userIdentity);
    if (!ui) return undefined;
    const type = asString(ui.type);
    const invokedBy = asString(ui.invokedBy);
    const arn = asString(ui.arn);
    const accountId = asString(ui.accountId);
    const accessKeyId = asString(ui.accessKeyId);
    const principalId = asString(ui.principalId);
    const userName = asString(ui.userName);
    const session: JsonObject = objectOrEmpty(ui.sessionContext);
    const issuer = objectOrEmpty(session.sessionIssuer);
    const issuerArn = asString(issuer.arn);
    const issuerUserName = asString(issuer.userName);
    const sourceIdentity = asString(session.sourceIdentity);
    const slot = slotOf(accessKeyId ?? arn ?? principalId ?? invokedBy ?? '');
    const hit = this.slots[slot];
    if (
      hit !== undefined &&
      hit.accessKeyId === accessKeyId &&
      hit.arn === arn &&
      hit.issuerArn === issuerArn &&
      hit.type === type &&
      hit.accountId === accountId &&
      hit.recipientAccountId === recipientAccountId &&
      hit.principalId === principalId &&
      hit.userName === userName &&
      hit.issuerUserName === issuerUserName &&
      hit.sourceIdentity === sourceIdentity &&
      hit.invokedBy === invokedBy
    ) {
      return hit.identity;
    }
    const identity = buildIdentity(
      type,
      invokedBy,
      arn,
      accountId,
      accessKeyId,
      principalId,
      userName,
      issuerArn,
      issuerUserName,
      sourceIdentity,
      recipientAccountId,
    );
    this.slots[slot] = {
      type,
      invokedBy,
      arn,
      accountId,
      accessKeyId,
      principalId,
      userName,
      issuerArn,
      issuerUserName,
      sourceIdentity,
      recipientAccountId,
      identity,
    };
    return identity;
  }
}

/** Length and three characters: access keys and ARNs differ in their last characters. */
function slotOf(key: string): number {
  const len = key.length;
  if (len === 0) return 0;
  return (
    (len * 31 + key.charCodeAt(len - 1) * 7 + key.charCodeAt(len - 2) * 131 + key.charCodeAt(len >> 1)) &
    (CACHE_SLOTS - 1)
  );
}

function buildIdentity(
  rawType: string | undefined,
  invokedBy: string | undefined,
  arn: string | undefined,
  accountId: string | undefined,
  accessKeyId: string | undefined,
  principalId: string | undefined,
  userName: string | undefined,
  issuerArn: string | undefined,
  issuerUserName: string | undefined,
  sourceIdentity: string | undefined,
  recipientAccountId: string | undefined,
): Identity | undefined {
  // Service events (`eventType: AwsServiceEvent`, e.g. SharedSnapshotVolumeCreated) name only the service
  // that acted, with no type: they are AWS services' own calls.
  const typeName = rawType ?? (invokedBy ? 'AWSService' : 'Unknown');
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
    sourceIdentity,
    accessKeyId,
    accountId,
    crossAccount,
    invokedBy,
  };
}
