import { actionRuleDetector } from './action-rules';

/** Stratus organizations-leave: outside the organization, SCPs and org-wide trails no longer apply. */
export const organizationLeave = actionRuleDetector({
  id: 'evasion.organization-leave',
  severity: 'critical',
  rationale: 'Leaving the organization sheds its SCPs, organization trail and delegated security services.',
  rules: {
    'organizations:LeaveOrganization': { what: 'tried to take the account out of its AWS Organization' },
  },
});
