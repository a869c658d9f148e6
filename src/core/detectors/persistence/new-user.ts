import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { stringAt } from '../privilege-escalation/request-fields';

export const newUser: Detector = {
  id: 'persistence.new-user',
  category: 'persistence',
  severity: 'medium',
  rationale: 'An IAM user created by an agent is a long-lived identity that outlives the agent’s session.',
  triggers: ['iam:CreateUser'],
  evaluate(ctx) {
    if (failedWithoutEffect(ctx.event)) return undefined;
    const targetUser = stringAt(ctx.event.requestParameters, 'userName');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, 'medium'),
      message: `CreateUser: user ${targetUser ?? '?'} created${refusedSuffix(ctx)}`,
      details: { targetUser, self: false },
    });
  },
};
