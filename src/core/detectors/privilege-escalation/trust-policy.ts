import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { parsePolicyDocument } from './policy-document';
import { stringAt } from './request-fields';
import { analyseTrust } from './trust-analysis';

/**
 * The escalation half of a trust-policy edit: the agent lets itself (or its whole account) assume a role
 * it could not assume before. Trust opened to other accounts is `persistence.trust-policy-backdoor`.
 */
export const trustPolicy: Detector = {
  id: 'privesc.trust-policy',
  category: 'privilege-escalation',
  severity: 'high',
  rationale:
    'Editing a role trust policy so the agent may assume the role hands it all of that role’s permissions.',
  triggers: ['iam:UpdateAssumeRolePolicy'],
  evaluate(ctx) {
    const params = ctx.event.requestParameters;
    const targetRole = stringAt(params, 'roleName');
    const document = parsePolicyDocument(params.policyDocument);
    if (!document) {
      // Unknown content: only a refused attempt is still worth raising on its own.
      if (!ctx.event.errorCode) return undefined;
      return findingOf(this, ctx, {
        severity: dangerousCallSeverity(ctx, 'high'),
        message: `UpdateAssumeRolePolicy on role ${targetRole ?? '?'}${refusedSuffix(ctx)}`,
        details: { targetRole, self: false },
      });
    }
    const trust = analyseTrust(document, ctx.event);
    const admitsCaller = trust.namesCaller || trust.anyone;
    if (!admitsCaller && !trust.trustsOwnAccount && trust.ownAccountPrincipals.length === 0) return undefined;
    const base: Severity = admitsCaller ? 'critical' : 'high';
    const who = trust.namesCaller
      ? 'the agent itself'
      : trust.anyone
        ? 'anyone'
        : trust.trustsOwnAccount
          ? 'every principal of its account'
          : trust.ownAccountPrincipals.join(', ');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, base),
      message: `UpdateAssumeRolePolicy: role ${targetRole ?? '?'} now trusts ${who}${refusedSuffix(ctx)}`,
      details: {
        targetRole,
        self: trust.namesCaller,
        trustsOwnAccount: trust.trustsOwnAccount,
        trustedPrincipals: trust.ownAccountPrincipals,
        needsSnapshot: true,
      },
    });
  },
};
