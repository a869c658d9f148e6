import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { describeTarget, iamTargetOf, targetDetails } from './iam-target';
import { allowStatements, grantsBroadAccess, parsePolicyDocument } from './policy-document';
import { stringAt } from './request-fields';

export const inlinePolicy: Detector = {
  id: 'privesc.inline-policy',
  category: 'privilege-escalation',
  severity: 'high',
  rationale:
    'Writing an inline policy grants a user, group or role arbitrary permissions without any managed policy.',
  triggers: ['iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy'],
  evaluate(ctx) {
    const params = ctx.event.requestParameters;
    const document = parsePolicyDocument(params.policyDocument);
    // A document with no Allow only takes permissions away (e.g. a quarantine or revoke-sessions policy).
    if (document && document.statements.length > 0 && allowStatements(document).length === 0)
      return undefined;
    const target = iamTargetOf(ctx.event);
    const broad = document ? grantsBroadAccess(document) : false;
    const base: Severity = broad || target?.self ? 'critical' : 'high';
    const policyName = stringAt(params, 'policyName');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, base),
      message:
        `${ctx.event.eventName}: inline policy ${policyName ?? '(unnamed)'} written to ${describeTarget(target)}` +
        `${broad ? ' granting broad access' : ''}${refusedSuffix(ctx)}`,
      details: { ...targetDetails(target), policyName, broad, documentReadable: document !== undefined },
    });
  },
};
