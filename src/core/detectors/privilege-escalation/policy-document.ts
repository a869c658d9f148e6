/**
 * Reading IAM policy documents as CloudTrail records them: an object, a JSON string, or a URL-encoded
 * JSON string (IAM logs `policyDocument` of some calls percent-encoded). Never throws.
 */
import { asObject, asString, type JsonObject } from '../../normalize/json-shape';
import { listOf, stringsOf } from './request-fields';

export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  /** Principals as written, flattened: `*` for a bare wildcard, else `<kind>:<value>` (e.g. `AWS:123…`). */
  readonly principals: readonly string[];
  readonly condition?: JsonObject;
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

/** Parse a policy document from whatever shape the record carries it in; undefined when unreadable. */
export function parsePolicyDocument(value: unknown): PolicyDocument | undefined {
  const object = asObject(value) ?? parseJsonText(value);
  if (!object) return undefined;
  const statements: PolicyStatement[] = [];
  for (const raw of listOf(object.Statement)) {
    const statement = asObject(raw);
    if (!statement) continue;
    statements.push({
      effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: stringsOf(statement.Action),
      notActions: stringsOf(statement.NotAction),
      principals: principalsOf(statement.Principal),
      condition: asObject(statement.Condition),
    });
  }
  return { statements };
}

function parseJsonText(value: unknown): JsonObject | undefined {
  let text = asString(value)?.trim();
  if (text === undefined) return undefined;
  if (text.startsWith('%7B') || text.startsWith('%7b')) {
    try {
      text = decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  }
  if (!text.startsWith('{')) return undefined;
  try {
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function principalsOf(value: unknown): string[] {
  if (value === '*') return ['*'];
  const object = asObject(value);
  if (!object) return [];
  const out: string[] = [];
  for (const [kind, names] of Object.entries(object)) {
    for (const name of stringsOf(names)) out.push(kind === 'AWS' && name === '*' ? '*' : `${kind}:${name}`);
  }
  return out;
}

export function allowStatements(document: PolicyDocument): PolicyStatement[] {
  return document.statements.filter((s) => s.effect === 'Allow');
}

const ADMIN_ACTIONS: ReadonlySet<string> = new Set(['*', '*:*', 'iam:*', 'sts:*']);
/** Actions that, granted on any resource, let the holder give itself anything else. */
const ESCALATING_ACTIONS: ReadonlySet<string> = new Set([
  'iam:passrole',
  'iam:attachrolepolicy',
  'iam:attachuserpolicy',
  'iam:putrolepolicy',
  'iam:putuserpolicy',
  'iam:createpolicyversion',
  'iam:updateassumerolepolicy',
  'iam:createaccesskey',
  'sts:assumerole',
]);

/**
 * True when an Allow statement grants everything, all of IAM/STS, a `NotAction` (allow all but a few),
 * or one of the actions that leads straight to everything else.
 */
export function grantsBroadAccess(document: PolicyDocument): boolean {
  for (const statement of allowStatements(document)) {
    if (statement.notActions.length > 0) return true;
    for (const action of statement.actions) {
      const lower = action.toLowerCase();
      if (ADMIN_ACTIONS.has(lower) || ESCALATING_ACTIONS.has(lower)) return true;
      if (lower.startsWith('iam:') && lower.includes('*') && !/^iam:(get|list)/.test(lower)) return true;
    }
  }
  return false;
}

/**
 * Condition keys that pin a wildcard principal to the caller's own organisation, account or network.
 * `sts:ExternalId` is deliberately absent: whoever writes the policy chooses the id, so it pins nothing.
 */
const RESTRICTING_CONDITION_KEYS: ReadonlySet<string> = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:userid',
  'aws:username',
  'kms:calleraccount',
]);

/** True when the statement's condition names a key that limits who can use a wildcard principal. */
export function isRestrictedByCondition(statement: PolicyStatement): boolean {
  if (!statement.condition) return false;
  for (const operator of Object.values(statement.condition)) {
    const keys = asObject(operator);
    if (!keys) continue;
    for (const key of Object.keys(keys)) if (RESTRICTING_CONDITION_KEYS.has(key.toLowerCase())) return true;
  }
  return false;
}

const ACCOUNT_IN_ARN = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/;
const BARE_ACCOUNT = /^\d{12}$/;

/** The account an `AWS:` principal belongs to (`123…`, `arn:aws:iam::123…:root`, a role ARN), if any. */
export function accountOfPrincipal(principal: string): string | undefined {
  const value = principal.startsWith('AWS:') ? principal.slice(4) : principal;
  if (BARE_ACCOUNT.test(value)) return value;
  return ACCOUNT_IN_ARN.exec(value)?.[1];
}
