import { actionRuleDetector } from './action-rules';

export const configTampering = actionRuleDetector({
  id: 'evasion.config',
  severity: 'high',
  rationale: 'Stopping AWS Config erases the record of what the agent changed and the rules that check it.',
  rules: {
    'config:StopConfigurationRecorder': { what: 'stopped the AWS Config recorder' },
    'config:DeleteConfigurationRecorder': { what: 'deleted the AWS Config recorder' },
    'config:DeleteDeliveryChannel': { what: 'deleted the AWS Config delivery channel' },
    'config:DeleteConfigRule': { severity: 'medium', what: 'deleted an AWS Config rule' },
  },
});
