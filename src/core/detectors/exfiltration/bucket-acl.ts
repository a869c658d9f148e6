import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { stringAt, stringsOf } from '../privilege-escalation/request-fields';

const PUBLIC_CANNED_ACLS: ReadonlySet<string> = new Set([
  'public-read',
  'public-read-write',
  'authenticated-read',
]);
/** Grantee group URIs (in an ACL body or `x-amz-grant-*` headers) that mean "everyone". */
const PUBLIC_GRANTEES = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

export const bucketAcl: Detector = {
  id: 'exfil.bucket-acl',
  category: 'exfiltration',
  severity: 'critical',
  rationale:
    'An ACL granting AllUsers or AuthenticatedUsers makes a bucket or object readable by anyone on the internet.',
  triggers: ['s3:PutBucketAcl', 's3:PutObjectAcl'],
  evaluate(ctx) {
    const params = ctx.event.requestParameters;
    const cannedAcl = stringsOf(params['x-amz-acl']).find((acl) => PUBLIC_CANNED_ACLS.has(acl));
    const grantsPublic = cannedAcl !== undefined || PUBLIC_GRANTEES.test(JSON.stringify(params));
    if (!grantsPublic) return undefined;
    const bucketName = stringAt(params, 'bucketName');
    const key = stringAt(params, 'key');
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, 'critical'),
      message:
        `${ctx.event.eventName}: ${key ? `object ${key} in ` : ''}bucket ${bucketName ?? '?'} made public` +
        `${cannedAcl ? ` (${cannedAcl})` : ''}${refusedSuffix(ctx)}`,
      details: { bucketName, objectKey: key, cannedAcl, public: true, needsSnapshot: true },
    });
  },
};
