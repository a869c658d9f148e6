import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { stringAt } from '../privilege-escalation/request-fields';

/** Stratus `aws.discovery.ec2-download-user-data` (its detonation is refused by design). */
export const instanceUserData: Detector = {
  id: 'credential.instance-user-data',
  category: 'credential-access',
  severity: 'medium',
  rationale: 'Instance user data (boot scripts) often embeds passwords, tokens and keys in plain text.',
  triggers: ['ec2:DescribeInstanceAttribute'],
  evaluate(ctx) {
    if (failedWithoutEffect(ctx.event)) return undefined;
    const params = ctx.event.requestParameters;
    if (stringAt(params, 'attribute') !== 'userData') return undefined;
    const instanceId = stringAt(params, 'instanceId');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, 'medium'),
      message: `DescribeInstanceAttribute: user data of ${instanceId ?? 'an instance'}${refusedSuffix(ctx)}`,
      details: { instanceId },
    });
  },
};
