import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { stringAt, stringsOf } from '../privilege-escalation/request-fields';

/** Stratus `aws.persistence.rolesanywhere-create-trust-anchor`. */
export const rolesAnywhere: Detector = {
  id: 'persistence.roles-anywhere',
  category: 'persistence',
  severity: 'high',
  rationale:
    'An IAM Roles Anywhere trust anchor or profile lets holders of an outside certificate obtain role credentials.',
  triggers: [
    'rolesanywhere:CreateTrustAnchor',
    'rolesanywhere:UpdateTrustAnchor',
    'rolesanywhere:CreateProfile',
    'rolesanywhere:UpdateProfile',
  ],
  evaluate(ctx) {
    if (failedWithoutEffect(ctx.event)) return undefined;
    const params = ctx.event.requestParameters;
    const response = ctx.event.responseElements;
    const name = stringAt(params, 'name');
    const roleArns = stringsOf(params.roleArns);
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, 'high'),
      message: `${ctx.event.eventName}: ${name ?? '?'}${roleArns.length ? ` for ${roleArns.join(', ')}` : ''}${refusedSuffix(ctx)}`,
      details: {
        name,
        roleArns,
        passedRole: roleArns[0],
        trustAnchorId:
          stringAt(response, 'trustAnchor', 'trustAnchorId') ?? stringAt(params, 'trustAnchorId'),
        profileId: stringAt(response, 'profile', 'profileId') ?? stringAt(params, 'profileId'),
      },
    });
  },
};
