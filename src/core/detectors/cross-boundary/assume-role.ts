import { maxSeverity, isRefused, type Severity } from '../../model';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf, refusedSuffix } from '../finding';
import { ASSUME_ROLE_ACTIONS, roleTargetOf } from './role-target';

/** Role names that usually mean broad power (admin, break-glass, the organization's account-access role). */
const ADMIN_LIKE_ROLE =
  /admin|poweruser|fullaccess|break-?glass|root|OrganizationAccountAccessRole|superuser/i;

/** Not the agent's own call: the AWS service or the other account's copy of a cross-account call. */
const NOT_AN_AGENT_CALL: ReadonlySet<string> = new Set(['AWSService', 'AWSAccount']);

export const assumeRole: Detector = {
  id: 'boundary.assume-role',
  category: 'cross-boundary',
  severity: 'medium',
  rationale: "An agent assuming another role acts with that role's permissions, outside its own baseline.",
  triggers: ASSUME_ROLE_ACTIONS,
  evaluate(ctx: DetectorContext): DetectorResult {
    const event = ctx.event;
    if (NOT_AN_AGENT_CALL.has(event.identity.type)) return undefined;
    const target = roleTargetOf(event.requestParameters.roleArn);
    const targetArn = target?.arn ?? 'an unnamed role';
    if (target !== undefined && target.arn === ctx.agent.principalArn) {
      return findingOf(assumeRole, ctx, {
        severity: 'low',
        message: `${ctx.agent.principalArn} assumed its own role again${refusedSuffix(ctx)}`,
        details: { targetRole: target.arn },
      });
    }
    const reasons: string[] = [];
    let severity: Severity = assumeRole.severity;
    const home = event.identity.accountId ?? event.recipientAccountId;
    if (target?.account !== undefined && home !== undefined && target.account !== home) {
      reasons.push(`in another account (${target.account})`);
      severity = 'high';
    }
    if (target !== undefined && ADMIN_LIKE_ROLE.test(target.name)) {
      reasons.push('admin-like by name');
      severity = 'high';
    }
    if (isRefused(event)) severity = maxSeverity(severity, 'high');
    const why = reasons.length > 0 ? ` — ${reasons.join(', ')}` : '';
    return findingOf(assumeRole, ctx, {
      severity,
      message: `${ctx.agent.principalArn} called ${event.action.action} into ${targetArn}${why}${refusedSuffix(ctx)}`,
      details: { targetRole: target?.arn, targetAccount: target?.account },
    });
  },
};
