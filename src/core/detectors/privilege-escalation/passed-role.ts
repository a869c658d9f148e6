/**
 * `iam:PassRole` is never its own CloudTrail event: the role shows up inside the call that receives it
 * (CATALOGS.md §5). This table says, per receiving IAM action, where to look.
 */
import { asObject, asString } from '../../normalize/json-shape';
import type { LeashEvent } from '../../model';
import { isCallerRole } from './iam-target';
import { listOf, valuesUnderKeys } from './request-fields';

interface PassSpec {
  /** Keys (lower-case) whose value is a role ARN or name. */
  readonly roleKeys?: ReadonlySet<string>;
  /** Keys (lower-case) whose value is an instance profile (`{ arn, name }` or a string). */
  readonly profileKeys?: ReadonlySet<string>;
  /** Data Pipeline: roles are `fields` of pipeline objects, `{ key: 'role', stringValue }`. */
  readonly pipelineFields?: boolean;
}

const keys = (...names: string[]): ReadonlySet<string> => new Set(names);
const INSTANCE_PROFILE: PassSpec = { profileKeys: keys('iaminstanceprofile') };
const ROLE_ARN: PassSpec = { roleKeys: keys('rolearn') };
const STACK_SET: PassSpec = { roleKeys: keys('administrationrolearn', 'executionrolename') };
const TASK_ROLES: PassSpec = { roleKeys: keys('taskrolearn', 'executionrolearn') };

/** Receiving action → where its passed role lives. Keys are the exact IAM actions (the pack's triggers). */
export const PASS_ROLE_SPECS: Readonly<Record<string, PassSpec>> = {
  'ec2:RunInstances': INSTANCE_PROFILE,
  'ec2:RequestSpotInstances': INSTANCE_PROFILE,
  'ec2:CreateLaunchTemplate': INSTANCE_PROFILE,
  'autoscaling:CreateLaunchConfiguration': INSTANCE_PROFILE,
  // Existing instances handed a (new) role.
  'ec2:AssociateIamInstanceProfile': INSTANCE_PROFILE,
  'ec2:ReplaceIamInstanceProfileAssociation': INSTANCE_PROFILE,
  'lambda:CreateFunction': { roleKeys: keys('role') },
  'cloudformation:CreateStack': ROLE_ARN,
  'cloudformation:CreateChangeSet': ROLE_ARN,
  'cloudformation:CreateStackSet': STACK_SET,
  'cloudformation:UpdateStackSet': STACK_SET,
  'glue:CreateDevEndpoint': ROLE_ARN,
  'glue:CreateJob': { roleKeys: keys('role') },
  'glue:UpdateJob': { roleKeys: keys('role') },
  'ecs:RegisterTaskDefinition': TASK_ROLES,
  'ecs:RunTask': TASK_ROLES,
  'ecs:StartTask': TASK_ROLES,
  'codebuild:CreateProject': { roleKeys: keys('servicerole') },
  'sagemaker:CreateNotebookInstance': ROLE_ARN,
  'sagemaker:CreateTrainingJob': ROLE_ARN,
  'sagemaker:CreateProcessingJob': ROLE_ARN,
  'apprunner:CreateService': { roleKeys: keys('instancerolearn') },
  'bedrock-agentcore:CreateCodeInterpreter': { roleKeys: keys('executionrolearn') },
  'datapipeline:PutPipelineDefinition': { pipelineFields: true },
  'codestar:CreateProject': ROLE_ARN,
  'states:CreateStateMachine': ROLE_ARN,
};

const PIPELINE_ROLE_FIELDS: ReadonlySet<string> = new Set(['role', 'resourcerole']);

export interface PassedRoles {
  /** Role ARNs or names handed to the service. */
  readonly roles: readonly string[];
  /** Instance profile ARNs or names (each carries one role). */
  readonly instanceProfiles: readonly string[];
}

function pushUnique(out: string[], value: string | undefined): void {
  if (value !== undefined && !out.includes(value)) out.push(value);
}

function pipelineRoles(params: unknown, out: string[]): void {
  for (const object of listOf(asObject(params)?.pipelineObjects)) {
    for (const field of listOf(asObject(object)?.fields)) {
      const entry = asObject(field);
      const key = asString(entry?.key)?.toLowerCase();
      if (key && PIPELINE_ROLE_FIELDS.has(key)) pushUnique(out, asString(entry?.stringValue));
    }
  }
}

/** The roles and instance profiles an event passes, per the table above (empty when it passes none). */
export function passedRolesOf(event: LeashEvent): PassedRoles {
  const spec = PASS_ROLE_SPECS[event.action.action];
  const roles: string[] = [];
  const instanceProfiles: string[] = [];
  if (!spec) return { roles, instanceProfiles };
  const params = event.requestParameters;
  if (spec.roleKeys)
    for (const value of valuesUnderKeys(params, spec.roleKeys)) pushUnique(roles, asString(value));
  if (spec.profileKeys) {
    for (const value of valuesUnderKeys(params, spec.profileKeys)) {
      const profile = asObject(value);
      pushUnique(
        instanceProfiles,
        profile
          ? (asString(profile.arn) ??
              asString(profile.Arn) ??
              asString(profile.name) ??
              asString(profile.Name))
          : asString(value),
      );
    }
  }
  if (spec.pipelineFields) pipelineRoles(params, roles);
  return { roles, instanceProfiles };
}

/** True when every passed role is the agent's own role: it gains nothing it does not already hold. */
export function passesOnlyOwnRole(event: LeashEvent, passed: PassedRoles): boolean {
  return (
    passed.instanceProfiles.length === 0 &&
    passed.roles.length > 0 &&
    passed.roles.every((role) => isCallerRole(event.identity, role))
  );
}
