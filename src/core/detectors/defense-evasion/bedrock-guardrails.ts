import { actionRuleDetector } from './action-rules';

/** An agent on Bedrock removing its own guardrails or prompt logging is removing its supervision. */
export const bedrockGuardrails = actionRuleDetector({
  id: 'evasion.bedrock-guardrails',
  severity: 'high',
  rationale: 'Deleting Bedrock invocation logging or guardrails removes the record and limits of model use.',
  rules: {
    'bedrock:DeleteModelInvocationLoggingConfiguration': { what: 'deleted Bedrock model invocation logging' },
    'bedrock:DeleteGuardrail': { what: 'deleted a Bedrock guardrail' },
  },
});
