import type { LeashEvent, Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { fieldAt, stringAt, stringsOf, valuesUnderKeys } from './request-fields';

interface Hijack {
  readonly severity: Severity;
  /** What the call does to the resource, for the message. */
  readonly what: string;
  readonly details: Readonly<Record<string, unknown>>;
}

type Judge = (event: LeashEvent) => Hijack | undefined;

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';
const USER_DATA_OR_PROFILE: ReadonlySet<string> = new Set(['userdata', 'iaminstanceprofile']);
const BUILD_OVERRIDES = [
  'buildspecOverride',
  'serviceRoleOverride',
  'sourceLocationOverride',
  'sourceTypeOverride',
];
const PROJECT_CHANGES = ['source', 'secondarySources', 'serviceRole', 'environment'];

const always =
  (what: string, detailKeys: readonly string[] = []): Judge =>
  (event) => ({
    severity: 'high',
    what,
    details: Object.fromEntries(detailKeys.map((k) => [k, fieldAt(event.requestParameters, k)])),
  });

const functionName = (event: LeashEvent): string | undefined =>
  stringAt(event.requestParameters, 'functionName');

/**
 * Per IAM action: does this call make an existing resource, which already runs with a role, run code the
 * agent chose (or hand the agent a way in)? Undefined when the call leaves code and role alone.
 */
const JUDGES: Readonly<Record<string, Judge>> = {
  'lambda:UpdateFunctionCode': (event) => ({
    severity: 'high',
    what: 'replaces the code of function',
    details: { targetFunction: functionName(event) },
  }),
  'lambda:UpdateFunctionConfiguration': (event) => {
    const params = event.requestParameters;
    const layers = stringsOf(params.layers);
    const role = stringAt(params, 'role');
    if (layers.length === 0 && !role) return undefined;
    return {
      severity: 'high',
      what: role ? 'hands a role to function' : 'adds layers (code) to function',
      details: { targetFunction: functionName(event), layers, passedRole: role },
    };
  },
  'glue:UpdateDevEndpoint': always('changes SSH keys or libraries of dev endpoint', ['endpointName']),
  'ec2:ModifyInstanceAttribute': (event) =>
    present(fieldAt(event.requestParameters, 'userData'))
      ? {
          severity: 'high',
          what: 'replaces the user data (boot script) of instance',
          details: { instanceId: stringAt(event.requestParameters, 'instanceId') },
        }
      : undefined,
  'ec2:CreateLaunchTemplateVersion': (event) =>
    valuesUnderKeys(event.requestParameters, USER_DATA_OR_PROFILE).some(present)
      ? {
          severity: 'high',
          what: 'creates a launch template version with new user data or role',
          details: {},
        }
      : undefined,
  'ec2:ModifyLaunchTemplate': always('changes the default version of launch template'),
  'ssm:SendCommand': (event) => ({
    severity: 'high',
    what: 'runs a command on instances',
    details: {
      instanceIds: stringsOf(event.requestParameters.instanceIds),
      documentName: stringAt(event.requestParameters, 'documentName'),
    },
  }),
  'ssm:StartSession': always('opens a shell on', ['target']),
  'ec2-instance-connect:SendSSHPublicKey': always('pushes an SSH key to instance', ['instanceId']),
  'ec2-instance-connect:SendSerialConsoleSSHPublicKey': always(
    'pushes a serial-console SSH key to instance',
    ['instanceId'],
  ),
  'ecs:ExecuteCommand': always('runs a command in container of task', ['cluster', 'task']),
  'sagemaker:CreatePresignedNotebookInstanceUrl': always('opens a session on notebook', [
    'notebookInstanceName',
  ]),
  'sagemaker:CreateNotebookInstanceLifecycleConfig': (event) => ({
    severity: 'medium',
    what: 'stages a boot script for notebooks',
    details: {
      lifecycleConfigName: stringAt(event.requestParameters, 'notebookInstanceLifecycleConfigName'),
    },
  }),
  'sagemaker:UpdateNotebookInstance': (event) => {
    const params = event.requestParameters;
    const lifecycle = stringAt(params, 'lifecycleConfigName');
    const role = stringAt(params, 'roleArn');
    if (!lifecycle && !role) return undefined;
    return {
      severity: 'high',
      what: role ? 'hands a role to notebook' : 'attaches a boot script to notebook',
      details: {
        notebookInstanceName: stringAt(params, 'notebookInstanceName'),
        lifecycleConfigName: lifecycle,
        passedRole: role,
      },
    };
  },
  'codebuild:StartBuild': buildWithOverrides,
  'codebuild:StartBuildBatch': buildWithOverrides,
  'codebuild:UpdateProject': (event) =>
    PROJECT_CHANGES.some((k) => present(event.requestParameters[k]))
      ? {
          severity: 'high',
          what: 'changes the source, environment or role of build project',
          details: {
            projectName: stringAt(event.requestParameters, 'name'),
            passedRole: stringAt(event.requestParameters, 'serviceRole'),
          },
        }
      : undefined,
  'cloudformation:UpdateStack': always('updates stack (runs a template with the stack’s role)', [
    'stackName',
    'roleARN',
  ]),
  'cloudformation:ExecuteChangeSet': always('executes change set', ['stackName', 'changeSetName']),
  'apprunner:UpdateService': always('redeploys service', ['serviceArn']),
  'bedrock-agentcore:StartCodeInterpreterSession': always('opens a session on code interpreter', [
    'codeInterpreterIdentifier',
  ]),
  // codestar:CreateProjectFromTemplate (Rhino #23) is undocumented and absent from the IAM catalog; CodeStar
  // was retired in 2024, so only AssociateTeamMember is watched.
  'codestar:AssociateTeamMember': always('adds a team member to project', [
    'projectId',
    'userArn',
    'projectRole',
  ]),
};

function buildWithOverrides(event: LeashEvent): Hijack | undefined {
  const overrides = BUILD_OVERRIDES.filter((k) => present(event.requestParameters[k]));
  // Without overrides the project's reviewed buildspec runs; the agent chose no code.
  if (overrides.length === 0) return undefined;
  return {
    severity: 'high',
    what: `starts a build overriding ${overrides.join(', ')} of project`,
    details: {
      projectName: stringAt(event.requestParameters, 'projectName'),
      passedRole: stringAt(event.requestParameters, 'serviceRoleOverride'),
    },
  };
}

export const hijackExistingCompute: Detector = {
  id: 'privesc.hijack-existing-compute',
  category: 'privilege-escalation',
  severity: 'high',
  rationale:
    'Changing the code, boot script or access of compute that already has a role lets the agent act with that role.',
  triggers: Object.keys(JUDGES),
  evaluate(ctx) {
    const judge = JUDGES[ctx.event.action.action];
    const hijack = judge?.(ctx.event);
    if (!hijack) return undefined;
    const resource = ctx.event.resources[0];
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, hijack.severity),
      message: `${ctx.event.eventName} ${hijack.what}${resource ? ` ${resource}` : ''}${refusedSuffix(ctx)}`,
      details: { ...hijack.details, resource },
    });
  },
};
