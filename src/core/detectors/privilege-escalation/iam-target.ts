/**
 * Which IAM principal a call changes, and whether that principal is the caller itself: an agent that
 * widens its own role (or its own user, for user-bound callers) escalates in one step.
 */
import type { Identity, LeashEvent } from '../../model';
import { stringAt } from './request-fields';

export type IamTargetKind = 'role' | 'user' | 'group';

export interface IamTarget {
  readonly kind: IamTargetKind;
  readonly name: string;
  /** True when the target is the caller's own role or user. Group membership is unknown here: false. */
  readonly self: boolean;
}

/** The last path segment of a name that may be given as an ARN. */
function bareName(value: string): string {
  return value.startsWith('arn:') ? (value.split('/').pop() ?? value) : value;
}

export function isCallerRole(identity: Identity, roleName: string): boolean {
  if (identity.type !== 'AssumedRole') return false;
  const name = bareName(roleName);
  return identity.name === name || identity.principalArn.endsWith(`/${name}`);
}

export function isCallerUser(identity: Identity, userName: string): boolean {
  return identity.type === 'IAMUser' && identity.name === bareName(userName);
}

/** The role, user or group named by an IAM call's `roleName` / `userName` / `groupName`. */
export function iamTargetOf(event: LeashEvent): IamTarget | undefined {
  const params = event.requestParameters;
  const roleName = stringAt(params, 'roleName');
  if (roleName)
    return { kind: 'role', name: bareName(roleName), self: isCallerRole(event.identity, roleName) };
  const userName = stringAt(params, 'userName');
  if (userName)
    return { kind: 'user', name: bareName(userName), self: isCallerUser(event.identity, userName) };
  const groupName = stringAt(params, 'groupName');
  if (groupName) return { kind: 'group', name: bareName(groupName), self: false };
  return undefined;
}

/**
 * The user a user-scoped credential call (CreateAccessKey, CreateLoginProfile …) acts on. Without a
 * `userName` IAM applies the call to the calling user itself.
 */
export function credentialTargetOf(event: LeashEvent): IamTarget {
  const userName = stringAt(event.requestParameters, 'userName');
  if (!userName)
    return { kind: 'user', name: event.identity.name ?? event.identity.principalArn, self: true };
  return { kind: 'user', name: bareName(userName), self: isCallerUser(event.identity, userName) };
}

/** `details` entries the response planner reads to build the undo call. */
export function targetDetails(target: IamTarget | undefined): Record<string, unknown> {
  if (!target) return {};
  const key = target.kind === 'role' ? 'targetRole' : target.kind === 'user' ? 'targetUser' : 'targetGroup';
  return { [key]: target.name, self: target.self };
}

/** "its own role x" / "role x", for messages. */
export function describeTarget(target: IamTarget | undefined): string {
  if (!target) return 'an unnamed principal';
  return target.self ? `its own ${target.kind} ${target.name}` : `${target.kind} ${target.name}`;
}
