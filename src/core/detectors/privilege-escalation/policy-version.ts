import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { allowStatements, grantsBroadAccess, parsePolicyDocument } from './policy-document';
import { isTrue, stringAt } from './request-fields';

export const policyVersion: Detector = {
  id: 'privesc.policy-version',
  category: 'privilege-escalation',
  severity: 'high',
  rationale:
    'A new default version of a managed policy changes the permissions of every principal it is attached to, the agent included.',
  triggers: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'],
  evaluate(ctx) {
    const { event } = ctx;
    const params = event.requestParameters;
    const policyArn = stringAt(params, 'policyArn');
    if (event.action.action === 'iam:SetDefaultPolicyVersion') {
      const versionId = stringAt(params, 'versionId');
      return findingOf(this, ctx, {
        severity: dangerousCallSeverity(ctx, 'high'),
        message: `SetDefaultPolicyVersion: ${policyArn ?? 'a policy'} switched to version ${versionId ?? '?'}${refusedSuffix(ctx)}`,
        details: { policyArn, versionId, setAsDefault: true },
      });
    }
    if (event.action.action !== 'iam:CreatePolicyVersion') return undefined;
    const document = parsePolicyDocument(params.policyDocument);
    if (document && document.statements.length > 0 && allowStatements(document).length === 0)
      return undefined;
    const setAsDefault = isTrue(params.setAsDefault);
    const broad = document ? grantsBroadAccess(document) : false;
    // A non-default version grants nothing yet; it is a staged step, worth a look but not containment.
    const base: Severity = !setAsDefault ? 'medium' : broad ? 'critical' : 'high';
    const versionId = stringAt(event.responseElements, 'policyVersion', 'versionId');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, base),
      message:
        `CreatePolicyVersion: new ${setAsDefault ? 'default ' : ''}version of ${policyArn ?? 'a policy'}` +
        `${broad ? ' granting broad access' : ''}${refusedSuffix(ctx)}`,
      details: { policyArn, versionId, setAsDefault, broad },
    });
  },
};
