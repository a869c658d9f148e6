import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { isCallerUser } from './iam-target';
import { stringAt } from './request-fields';

const PRIVILEGED_GROUP = /admin|root|power|iam|security|ops/i;

export const groupMembership: Detector = {
  id: 'privesc.group-membership',
  category: 'privilege-escalation',
  severity: 'high',
  rationale:
    'Adding a user to a group gives it every permission of the group; adding oneself is direct escalation.',
  triggers: ['iam:AddUserToGroup'],
  evaluate(ctx) {
    const params = ctx.event.requestParameters;
    const userName = stringAt(params, 'userName');
    const groupName = stringAt(params, 'groupName');
    const self = userName !== undefined && isCallerUser(ctx.event.identity, userName);
    const privileged = groupName !== undefined && PRIVILEGED_GROUP.test(groupName);
    const base: Severity = self || privileged ? 'critical' : 'high';
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, base),
      message: `AddUserToGroup: ${self ? 'itself' : `user ${userName ?? '?'}`} added to group ${groupName ?? '?'}${refusedSuffix(ctx)}`,
      details: { targetUser: userName, targetGroup: groupName, self },
    });
  },
};
