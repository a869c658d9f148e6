import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { isFalse, stringAt, valuesUnderKeys } from '../privilege-escalation/request-fields';

const SETTINGS: ReadonlySet<string> = new Set([
  'blockpublicacls',
  'ignorepublicacls',
  'blockpublicpolicy',
  'restrictpublicbuckets',
]);

/**
 * Public access block off: not a sharing yet, but the guard that makes later public policies and ACLs
 * possible. The `Delete…PublicAccessBlock` events map to the `Put…` IAM actions.
 */
export const publicAccessBlock: Detector = {
  id: 'exfil.public-access-block',
  category: 'exfiltration',
  severity: 'high',
  rationale:
    'Turning off S3 Block Public Access removes the guard that keeps buckets from being made public.',
  triggers: ['s3:PutBucketPublicAccessBlock', 's3:PutAccountPublicAccessBlock'],
  evaluate(ctx) {
    const { event } = ctx;
    const accountWide = event.action.action === 's3:PutAccountPublicAccessBlock';
    const deleted = event.eventName.startsWith('Delete');
    const turnedOff = deleted ? [] : valuesUnderKeys(event.requestParameters, SETTINGS).filter(isFalse);
    if (!deleted && turnedOff.length === 0) return undefined;
    const base: Severity = accountWide ? 'critical' : 'high';
    const bucketName = stringAt(event.requestParameters, 'bucketName');
    const scope = accountWide ? 'the whole account' : `bucket ${bucketName ?? '?'}`;
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, base),
      message: `${event.eventName}: public access block ${deleted ? 'removed' : 'weakened'} for ${scope}${refusedSuffix(ctx)}`,
      details: { bucketName, accountWide, removed: deleted, needsSnapshot: true },
    });
  },
};
