import { actionRuleDetector } from './action-rules';

export const securityServicesTampering = actionRuleDetector({
  id: 'evasion.security-services',
  severity: 'high',
  rationale: 'Disabling Security Hub or IAM Access Analyzer removes the checks that would flag the agent.',
  rules: {
    'securityhub:DisableSecurityHub': { what: 'disabled Security Hub' },
    'securityhub:BatchDisableStandards': { what: 'disabled Security Hub standards' },
    'securityhub:DisassociateFromAdministratorAccount': {
      what: 'left the Security Hub administrator account',
    },
    'securityhub:DisassociateFromMasterAccount': { what: 'left the Security Hub administrator account' },
    'access-analyzer:DeleteAnalyzer': { what: 'deleted an IAM Access Analyzer analyzer' },
  },
});
