import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { describeTarget, iamTargetOf, targetDetails } from './iam-target';
import { stringAt } from './request-fields';

/** AWS managed policies that grant everything, or all of IAM (which leads to everything). */
const ADMIN_LIKE_POLICIES: ReadonlySet<string> = new Set([
  'administratoraccess',
  'iamfullaccess',
  'poweruseraccess',
  'awsorganizationsfullaccess',
]);

/** Policies that only take permissions away: attaching one is containment, not escalation. */
const RESTRICTIVE_POLICIES: ReadonlySet<string> = new Set([
  'awsdenyall',
  'awscompromisedkeyquarantine',
  'awscompromisedkeyquarantinev2',
  'awscompromisedkeyquarantinev3',
]);

function policyName(policyArn: string): string {
  return (policyArn.split('/').pop() ?? policyArn).toLowerCase();
}

export const policyAttachment: Detector = {
  id: 'privesc.policy-attachment',
  category: 'privilege-escalation',
  severity: 'high',
  rationale:
    'Attaching a managed policy to a user, group or role widens what that principal (maybe the agent) can do.',
  triggers: ['iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy'],
  evaluate(ctx) {
    const policyArn = stringAt(ctx.event.requestParameters, 'policyArn');
    const name = policyArn ? policyName(policyArn) : undefined;
    if (name && RESTRICTIVE_POLICIES.has(name)) return undefined;
    const target = iamTargetOf(ctx.event);
    const adminLike = name !== undefined && ADMIN_LIKE_POLICIES.has(name);
    const base: Severity = adminLike || target?.self ? 'critical' : 'high';
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, base),
      message: `${ctx.event.eventName}: ${policyArn ?? 'a policy'} attached to ${describeTarget(target)}${refusedSuffix(ctx)}`,
      details: { ...targetDetails(target), policyArn, adminLike },
    });
  },
};
