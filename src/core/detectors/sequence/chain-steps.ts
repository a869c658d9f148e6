/**
 * The remembered steps of known dangerous chains, kept per agent in `ctx.state` marks. Keys are built only
 * for trigger events (a handful of IAM/EC2/… calls), never on the hot path of ordinary calls.
 */
import { asObject, asString } from '../../normalize/json-shape';
import type { LeashEvent } from '../../model';
import type { Mark } from '../../state/agent-state';

/** How far apart the steps of one chain may be. */
export const CHAIN_WINDOW_MS = 60 * 60 * 1000;

export const StepKey = {
  roleCreated: (role: string): string => `seq:role-created:${role}`,
  roleEmpowered: (role: string): string => `seq:role-empowered:${role}`,
  trustEdited: (role: string): string => `seq:trust-edited:${role}`,
  profileRole: (profile: string): string => `seq:profile:${profile}`,
  userCreated: (user: string): string => `seq:user-created:${user}`,
  userEmpowered: (user: string): string => `seq:user-empowered:${user}`,
  policyVersion: 'seq:policy-version',
  secretRead: 'seq:secret-read',
} as const;

/** The last path segment of an ARN or a plain name (`arn:…:role/path/name` → `name`). */
export function nameOf(value: unknown): string | undefined {
  const s = asString(value);
  if (s === undefined) return undefined;
  return s.slice(s.lastIndexOf('/') + 1) || undefined;
}

/** `roleArn`-like request fields that hand a role to a compute service (PassRole is never its own event). */
const PASSED_ROLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'lambda:CreateFunction': ['role'],
  'lambda:UpdateFunctionConfiguration': ['role'],
  'cloudformation:CreateStack': ['roleARN'],
  'glue:CreateDevEndpoint': ['roleArn'],
  'codebuild:CreateProject': ['serviceRole'],
  'ecs:RegisterTaskDefinition': ['taskRoleArn', 'executionRoleArn'],
  'sagemaker:CreateNotebookInstance': ['roleArn'],
};

/** Actions that take an instance profile (which carries a role) rather than a role. */
const PROFILE_ACTIONS: ReadonlySet<string> = new Set(['ec2:RunInstances', 'ec2:AssociateIamInstanceProfile']);

export const PASS_TO_COMPUTE_ACTIONS: readonly string[] = [
  ...Object.keys(PASSED_ROLE_FIELDS),
  ...PROFILE_ACTIONS,
];

/** What a pass-to-compute call hands over: a role name, or an instance profile name. */
export interface PassedRole {
  readonly role?: string;
  readonly profile?: string;
}

export function passedRoleOf(event: LeashEvent): PassedRole | undefined {
  const params = event.requestParameters;
  if (PROFILE_ACTIONS.has(event.action.action)) {
    const profile = asObject(params.iamInstanceProfile);
    const name = asString(profile?.name) ?? nameOf(profile?.arn);
    return name === undefined ? undefined : { profile: name };
  }
  for (const field of PASSED_ROLE_FIELDS[event.action.action] ?? []) {
    const role = nameOf(params[field]);
    if (role !== undefined) return { role };
  }
  return undefined;
}

/** Event ids of the marks that are present, in chain order. */
export function evidenceOf(...marks: readonly (Mark | undefined)[]): string[] {
  const ids: string[] = [];
  for (const m of marks) if (m !== undefined && !ids.includes(m.eventId)) ids.push(m.eventId);
  return ids;
}
