import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { stringAt } from '../privilege-escalation/request-fields';

/**
 * Credentials minted outside the agent's own role session. `sts:AssumeRole` is judged by the
 * cross-boundary detectors; federation tokens are also `persistence.federation-token`. The SSO portal's
 * GetRoleCredentials is authorised by a bearer token, not an IAM action, so it cannot be a trigger.
 */
export const temporaryCredentials: Detector = {
  id: 'credential.temporary-credentials',
  category: 'credential-access',
  severity: 'medium',
  rationale: 'New session, federation or Cognito credentials give the agent keys Leash did not issue it.',
  triggers: ['sts:GetSessionToken', 'sts:GetFederationToken', 'cognito-identity:GetCredentialsForIdentity'],
  evaluate(ctx) {
    if (failedWithoutEffect(ctx.event)) return undefined;
    const response = ctx.event.responseElements;
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, 'medium'),
      message: `${ctx.event.eventName}: temporary credentials obtained${refusedSuffix(ctx)}`,
      details: {
        accessKeyId: stringAt(response, 'credentials', 'accessKeyId'),
        roleName: stringAt(ctx.event.requestParameters, 'roleName'),
        identityId: stringAt(ctx.event.requestParameters, 'identityId'),
      },
    });
  },
};
