import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { PASS_ROLE_SPECS, passedRolesOf, passesOnlyOwnRole } from './passed-role';

const PRIVILEGED_ROLE = /admin|poweruser|fullaccess|organizationaccountaccess/i;

export const passRoleToCompute: Detector = {
  id: 'privesc.pass-role-to-compute',
  category: 'privilege-escalation',
  severity: 'high',
  rationale:
    'Passing a role to new compute (instance, function, stack, job, notebook …) lets the agent run code with that role’s rights.',
  triggers: Object.keys(PASS_ROLE_SPECS),
  evaluate(ctx) {
    const passed = passedRolesOf(ctx.event);
    const all = [...passed.roles, ...passed.instanceProfiles];
    if (all.length === 0) return undefined;
    const ownRoleOnly = passesOnlyOwnRole(ctx.event, passed);
    const base: Severity = ownRoleOnly
      ? 'medium'
      : all.some((r) => PRIVILEGED_ROLE.test(r))
        ? 'critical'
        : 'high';
    return findingOf(this, ctx, {
      // A reviewed, exact grant of iam:PassRole is the baseline saying "this agent hands roles to services".
      severity: dangerousCallSeverity(ctx, base, 'iam:PassRole'),
      message: `${ctx.event.eventName} passes ${all.join(', ')}${ownRoleOnly ? ' (its own role)' : ''}${refusedSuffix(ctx)}`,
      details: {
        passedRole: passed.roles[0],
        passedRoles: passed.roles,
        passedInstanceProfile: passed.instanceProfiles[0],
        self: ownRoleOnly,
      },
    });
  },
};
