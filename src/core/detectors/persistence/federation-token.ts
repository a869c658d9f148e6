import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { stringAt } from '../privilege-escalation/request-fields';

/**
 * Stratus `aws.persistence.sts-federation-token`: federation tokens live up to 36 hours and survive the
 * deletion of the access key that minted them. Roles cannot call it, so from an agent role it is a
 * refused probe (which `dangerousCallSeverity` keeps at high).
 */
export const federationToken: Detector = {
  id: 'persistence.federation-token',
  category: 'persistence',
  severity: 'medium',
  rationale:
    'Federation tokens outlive the credentials that minted them: a way to keep access after revocation.',
  triggers: ['sts:GetFederationToken'],
  evaluate(ctx) {
    if (failedWithoutEffect(ctx.event)) return undefined;
    const name = stringAt(ctx.event.requestParameters, 'name');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, 'medium'),
      message: `GetFederationToken: token for federated user ${name ?? '?'}${refusedSuffix(ctx)}`,
      details: {
        federatedUser: name,
        accessKeyId: stringAt(ctx.event.responseElements, 'credentials', 'accessKeyId'),
        durationSeconds: ctx.event.requestParameters.durationSeconds,
      },
    });
  },
};
