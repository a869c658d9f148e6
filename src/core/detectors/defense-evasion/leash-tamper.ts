import { asObject } from '../../normalize/json-shape';
import type { LeashEvent } from '../../model';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf, refusedSuffix } from '../finding';
import { arrayOf, fieldAt, numberOf } from '../privilege-escalation/request-fields';

/** Writes that can disarm Leash when aimed at one of its resources (rules, functions, roles, queues, state). */
const WRITES_ON_LEASH_RESOURCES: readonly string[] = [
  'events:DisableRule',
  'events:DeleteRule',
  'events:RemoveTargets',
  'events:PutRule',
  'events:PutTargets',
  'events:DeleteEventBus',
  'events:PutPermission',
  'events:RemovePermission',
  'lambda:DeleteFunction',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'lambda:PutFunctionConcurrency',
  'lambda:DeleteEventSourceMapping',
  'lambda:UpdateEventSourceMapping',
  'lambda:RemovePermission',
  'iam:DeleteRole',
  'iam:UpdateRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeletePolicy',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeletePolicyVersion',
  'sqs:DeleteQueue',
  'sqs:PurgeQueue',
  'sqs:SetQueueAttributes',
  'sqs:AddPermission',
  'sqs:RemovePermission',
  'sns:DeleteTopic',
  'sns:SetTopicAttributes',
  'sns:Unsubscribe',
  'sns:AddPermission',
  'sns:RemovePermission',
  'dynamodb:DeleteTable',
  'dynamodb:UpdateTable',
  'dynamodb:UpdateTimeToLive',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'cloudformation:DeleteStack',
  'cloudformation:UpdateStack',
  'cloudformation:CreateChangeSet',
  'cloudformation:ExecuteChangeSet',
  'cloudformation:SetStackPolicy',
  'cloudformation:UpdateTerminationProtection',
  'logs:DeleteLogGroup',
  'logs:PutRetentionPolicy',
  'logs:DeleteSubscriptionFilter',
];

/** Changing or removing the agent tag can un-register the agent or bind it to a laxer baseline. */
const TAG_ACTIONS: readonly string[] = ['iam:TagRole', 'iam:UntagRole'];

/** Request fields that name the resource in the calls above (the ARNs in `event.resources` come first). */
const NAME_FIELDS: readonly string[] = [
  'stackName',
  'functionName',
  'name',
  'rule',
  'eventBusName',
  'queueUrl',
  'topicArn',
  'subscriptionArn',
  'tableName',
  'roleName',
  'policyName',
  'policyArn',
  'logGroupName',
];

function containsMarker(value: unknown, markers: readonly string[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  for (const marker of markers) if (marker !== '' && value.includes(marker)) return value;
  return undefined;
}

/** The first resource of the call that names Leash, if any. */
function leashResourceOf(event: LeashEvent, markers: readonly string[]): string | undefined {
  for (const arn of event.resources) if (containsMarker(arn, markers)) return arn;
  const params = event.requestParameters;
  for (const field of NAME_FIELDS) {
    const hit = containsMarker(params[field], markers);
    if (hit) return hit;
  }
  // BatchWriteItem names its tables as the keys of requestItems.
  const items = asObject(params.requestItems);
  if (items) for (const table of Object.keys(items)) if (containsMarker(table, markers)) return table;
  return undefined;
}

/** Throttling a function to zero is disabling it without deleting it. */
function isIrrelevantConcurrency(event: LeashEvent): boolean {
  return (
    event.action.action === 'lambda:PutFunctionConcurrency' &&
    numberOf(event.requestParameters.reservedConcurrentExecutions) !== 0
  );
}

function touchesAgentTag(event: LeashEvent, tagKey: string): boolean {
  const wanted = tagKey.toLowerCase();
  const params = event.requestParameters;
  if (event.action.action === 'iam:TagRole') {
    return arrayOf(params.tags).some((tag) => {
      const key = fieldAt(tag, 'key') ?? fieldAt(tag, 'Key');
      return typeof key === 'string' && key.toLowerCase() === wanted;
    });
  }
  return arrayOf(params.tagKeys).some((key) => typeof key === 'string' && key.toLowerCase() === wanted);
}

const TAG_ACTION_SET: ReadonlySet<string> = new Set(TAG_ACTIONS);

export const leashTamper: Detector = {
  id: 'evasion.leash-tamper',
  category: 'defense-evasion',
  severity: 'critical',
  rationale:
    "An agent touching Leash's own rules, functions, roles, state or its agent tag is trying to slip the leash.",
  triggers: [...WRITES_ON_LEASH_RESOURCES, ...TAG_ACTIONS],
  evaluate(ctx: DetectorContext): DetectorResult {
    const event = ctx.event;
    const who = ctx.agent.principalArn;
    // Always critical, even when the baseline grants the action by name: no baseline may grant disarming Leash.
    if (TAG_ACTION_SET.has(event.action.action) && touchesAgentTag(event, ctx.settings.agentTagKey)) {
      const verb = event.action.action === 'iam:TagRole' ? 'changed' : 'removed';
      return findingOf(leashTamper, ctx, {
        message: `${who} ${verb} the agent tag ${ctx.settings.agentTagKey} on ${event.resources[0] ?? 'a role'}${refusedSuffix(ctx)}`,
        details: { action: event.action.action, tagKey: ctx.settings.agentTagKey },
      });
    }
    if (isIrrelevantConcurrency(event)) return undefined;
    const resource = leashResourceOf(event, ctx.settings.leashResourceMarkers);
    if (resource === undefined) return undefined;
    return findingOf(leashTamper, ctx, {
      message: `${who} called ${event.action.action} on Leash's own resource ${resource}${refusedSuffix(ctx)}`,
      details: { action: event.action.action, resource },
    });
  },
};
