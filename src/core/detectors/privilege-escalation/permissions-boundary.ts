import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { describeTarget, iamTargetOf, targetDetails } from './iam-target';
import { stringAt } from './request-fields';

const DELETES: ReadonlySet<string> = new Set([
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
]);

export const permissionsBoundary: Detector = {
  id: 'privesc.permissions-boundary',
  category: 'privilege-escalation',
  severity: 'high',
  rationale:
    'Removing or replacing a permissions boundary lifts the ceiling on what a principal’s policies can grant.',
  triggers: [
    'iam:DeleteRolePermissionsBoundary',
    'iam:DeleteUserPermissionsBoundary',
    'iam:PutRolePermissionsBoundary',
    'iam:PutUserPermissionsBoundary',
  ],
  evaluate(ctx) {
    const target = iamTargetOf(ctx.event);
    const removed = DELETES.has(ctx.event.action.action);
    // Putting a boundary on someone else usually tightens it; replacing one's own is the escalation.
    const base: Severity = target?.self ? 'critical' : removed ? 'high' : 'medium';
    const policyArn = stringAt(ctx.event.requestParameters, 'permissionsBoundary');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, base),
      message:
        `${ctx.event.eventName}: boundary ${removed ? 'removed from' : `set to ${policyArn ?? '?'} on`} ` +
        `${describeTarget(target)}${refusedSuffix(ctx)}`,
      details: { ...targetDetails(target), policyArn, removed },
    });
  },
};
