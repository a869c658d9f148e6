import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf, refusedSuffix } from '../finding';
import { ASSUME_ROLE_ACTION_SET, roleTargetOf } from './role-target';

/**
 * Runs on every event: two array lookups unless it fires. The recording account is where the call
 * landed; for an STS assume call the target role's account is where the agent is trying to go.
 */
export const accountBoundary: Detector = {
  id: 'boundary.account',
  category: 'cross-boundary',
  severity: 'high',
  rationale: 'An agent acting in, or reaching into, an account its baseline does not list has left its box.',
  evaluate(ctx: DetectorContext): DetectorResult {
    const allowed = ctx.baseline.accounts;
    if (allowed === undefined) return undefined;
    const event = ctx.event;
    const recipient = event.recipientAccountId;
    let where: string | undefined;
    if (recipient !== undefined && !allowed.includes(recipient)) {
      where = event.identity.crossAccount ? `cross-account into ${recipient}` : `in account ${recipient}`;
    } else if (ASSUME_ROLE_ACTION_SET.has(event.action.action)) {
      const target = roleTargetOf(event.requestParameters.roleArn);
      if (target?.account !== undefined && !allowed.includes(target.account)) {
        where = `towards role ${target.arn} in account ${target.account}`;
      }
    }
    if (where === undefined) return undefined;
    return findingOf(accountBoundary, ctx, {
      message: `${ctx.agent.principalArn} called ${event.action.action} ${where}, outside its accounts (${allowed.join(', ')})${refusedSuffix(ctx)}`,
      details: { recipientAccountId: recipient, allowedAccounts: allowed },
    });
  },
};
