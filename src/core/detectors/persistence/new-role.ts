import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { parsePolicyDocument } from '../privilege-escalation/policy-document';
import { stringAt } from '../privilege-escalation/request-fields';
import { analyseTrust, type TrustAnalysis } from '../privilege-escalation/trust-analysis';

function severityOf(trust: TrustAnalysis | undefined, knownAccounts: readonly string[]): Severity {
  if (!trust) return 'medium';
  if (trust.anyone) return 'critical';
  if (trust.federated.length > 0 || trust.externalAccounts.some((a) => !knownAccounts.includes(a)))
    return 'high';
  const otherPrincipals =
    trust.externalAccounts.length > 0 || trust.trustsOwnAccount || trust.ownAccountPrincipals.length > 0;
  if (trust.namesCaller || otherPrincipals) return 'medium';
  return 'low';
}

export const newRole: Detector = {
  id: 'persistence.new-role',
  category: 'persistence',
  severity: 'medium',
  rationale:
    'A role created by an agent is a standing way back in; one trusting another account or anyone is a backdoor.',
  triggers: ['iam:CreateRole'],
  evaluate(ctx) {
    if (failedWithoutEffect(ctx.event)) return undefined;
    const params = ctx.event.requestParameters;
    const targetRole = stringAt(params, 'roleName');
    const document = parsePolicyDocument(params.assumeRolePolicyDocument);
    const trust = document ? analyseTrust(document, ctx.event) : undefined;
    const severity = severityOf(trust, ctx.baseline.accounts ?? []);
    const outside = trust?.anyone
      ? ' trusting anyone'
      : trust && trust.externalAccounts.length > 0
        ? ` trusting account ${trust.externalAccounts.join(', ')}`
        : '';
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, severity),
      message: `CreateRole: role ${targetRole ?? '?'} created${outside}${refusedSuffix(ctx)}`,
      details: {
        targetRole,
        self: false,
        externalAccounts: trust?.externalAccounts ?? [],
        targetAccount: trust?.externalAccounts[0],
        federated: trust?.federated ?? [],
        trustsAnyone: trust?.anyone ?? false,
      },
    });
  },
};
