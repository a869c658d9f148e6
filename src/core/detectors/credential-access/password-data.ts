import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { stringAt } from '../privilege-escalation/request-fields';

/** Stratus `aws.credential-access.ec2-get-password-data` (its detonation is refused by design). */
export const passwordData: Detector = {
  id: 'credential.password-data',
  category: 'credential-access',
  severity: 'high',
  rationale: 'EC2 password data is the encrypted Windows Administrator password of an instance.',
  triggers: ['ec2:GetPasswordData'],
  evaluate(ctx) {
    if (failedWithoutEffect(ctx.event)) return undefined;
    const instanceId = stringAt(ctx.event.requestParameters, 'instanceId');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, 'high'),
      message: `GetPasswordData: administrator password data of ${instanceId ?? 'an instance'}${refusedSuffix(ctx)}`,
      details: { instanceId },
    });
  },
};
