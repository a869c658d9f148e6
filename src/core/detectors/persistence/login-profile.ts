import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { credentialTargetOf } from '../privilege-escalation/iam-target';
import { failedWithoutEffect } from '../privilege-escalation/outcome';

export const loginProfile: Detector = {
  id: 'persistence.login-profile',
  category: 'persistence',
  severity: 'high',
  rationale: 'A console password on an IAM user is a human-style way back in that no agent should need.',
  triggers: ['iam:CreateLoginProfile'],
  evaluate(ctx) {
    if (failedWithoutEffect(ctx.event)) return undefined;
    const target = credentialTargetOf(ctx.event);
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, 'high'),
      message: `CreateLoginProfile: console password set for user ${target.name}${refusedSuffix(ctx)}`,
      details: { targetUser: target.name, self: target.self },
    });
  },
};
