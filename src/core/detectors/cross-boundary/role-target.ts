/** Reading the role an STS call targets (shared by the assume-role and account checks). */

/** The STS calls that hand out another role's credentials. */
export const ASSUME_ROLE_ACTIONS: readonly string[] = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithWebIdentity',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoot',
];

export const ASSUME_ROLE_ACTION_SET: ReadonlySet<string> = new Set(ASSUME_ROLE_ACTIONS);

export interface RoleTarget {
  readonly arn: string;
  readonly account?: string;
  /** Role name without path. */
  readonly name: string;
}

/** `arn:aws:iam::111122223333:role/path/name` → parts; undefined for anything else. */
export function roleTargetOf(value: unknown): RoleTarget | undefined {
  if (typeof value !== 'string' || !value.startsWith('arn:')) return undefined;
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  const resource = parts.slice(5).join(':');
  const name = resource.slice(resource.lastIndexOf('/') + 1);
  return { arn: value, account: parts[4] === '' ? undefined : parts[4], name };
}
