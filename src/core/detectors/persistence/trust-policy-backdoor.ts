import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { parsePolicyDocument } from '../privilege-escalation/policy-document';
import { stringAt } from '../privilege-escalation/request-fields';
import { analyseTrust } from '../privilege-escalation/trust-analysis';

/**
 * The persistence half of a trust-policy edit (Stratus `aws.persistence.iam-backdoor-role`): the role now
 * lets in someone outside the account. The agent letting itself in is `privesc.trust-policy`.
 */
export const trustPolicyBackdoor: Detector = {
  id: 'persistence.trust-policy-backdoor',
  category: 'persistence',
  severity: 'high',
  rationale:
    'A trust policy opened to another account, an identity provider or anyone is a backdoor into the role.',
  triggers: ['iam:UpdateAssumeRolePolicy'],
  evaluate(ctx) {
    const params = ctx.event.requestParameters;
    const document = parsePolicyDocument(params.policyDocument);
    if (!document) return undefined;
    const trust = analyseTrust(document, ctx.event);
    const known = ctx.baseline.accounts ?? [];
    const unknownAccounts = trust.externalAccounts.filter((a) => !known.includes(a));
    let severity: Severity;
    if (trust.anyone) severity = 'critical';
    else if (unknownAccounts.length > 0 || trust.federated.length > 0) severity = 'high';
    else if (trust.externalAccounts.length > 0) severity = 'low';
    else return undefined;
    const targetRole = stringAt(params, 'roleName');
    const who = trust.anyone
      ? 'anyone'
      : [...trust.externalAccounts.map((a) => `account ${a}`), ...trust.federated].join(', ');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, severity),
      message: `UpdateAssumeRolePolicy: role ${targetRole ?? '?'} now trusts ${who}${refusedSuffix(ctx)}`,
      details: {
        targetRole,
        self: false,
        externalAccounts: trust.externalAccounts,
        targetAccount: unknownAccounts[0] ?? trust.externalAccounts[0],
        federated: trust.federated,
        trustsAnyone: trust.anyone,
        needsSnapshot: true,
      },
    });
  },
};
