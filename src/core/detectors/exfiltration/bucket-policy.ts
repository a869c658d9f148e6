import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { stringAt } from '../privilege-escalation/request-fields';
import { describeAudience, exposureOfPolicy, exposureSeverity } from './exposure';
import { BUCKET_POLICY_READER, policyDocumentOf } from './policy-sources';

/** Stratus `aws.exfiltration.s3-backdoor-bucket-policy`. */
export const bucketPolicy: Detector = {
  id: 'exfil.bucket-policy',
  category: 'exfiltration',
  severity: 'high',
  rationale:
    'A bucket policy that lets anyone or another account read the bucket moves its data out of the account.',
  triggers: ['s3:PutBucketPolicy'],
  evaluate(ctx) {
    const document = policyDocumentOf(ctx.event, BUCKET_POLICY_READER);
    if (!document) return undefined;
    const exposure = exposureOfPolicy(ctx, document);
    if (exposure.audience === 'internal') return undefined;
    const bucketName = stringAt(ctx.event.requestParameters, 'bucketName');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, exposureSeverity(exposure.audience)),
      message: `PutBucketPolicy: bucket ${bucketName ?? '?'} opened to ${describeAudience(exposure)}${refusedSuffix(ctx)}`,
      details: {
        bucketName,
        public: exposure.audience === 'public',
        sharedWith: exposure.accounts,
        targetAccount: exposure.accounts[0],
        needsSnapshot: true,
      },
    });
  },
};
