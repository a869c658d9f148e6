/** Does a call open data outward (public, or to another account)? Used as the last step of a chain. */
import type { DetectorContext } from '../detector';
import { exposureOfPolicy } from '../exfiltration/exposure';
import { openRulesOf } from '../exfiltration/open-security-group';
import { BUCKET_POLICY_READER, policyDocumentOf } from '../exfiltration/policy-sources';
import { arrayOf, fieldAt } from '../privilege-escalation/request-fields';

/** Some `add` permission present (EC2 launch / create-volume permissions: `{ add: { items: [...] } }`). */
function addsPermission(value: unknown): boolean {
  return arrayOf(fieldAt(value, 'add', 'items')).length > 0;
}

/**
 * Read as `exfil.bucket-policy` reads it: only Allow statements count, and a `*` pinned to the
 * organisation or account by a condition stays inside.
 */
function policyOpensOutward(ctx: DetectorContext): string | undefined {
  const document = policyDocumentOf(ctx.event, BUCKET_POLICY_READER);
  if (document === undefined) return undefined;
  const exposure = exposureOfPolicy(ctx, document);
  if (exposure.audience === 'public') return 'bucket policy grants everyone';
  if (exposure.audience === 'internal') return undefined;
  return `bucket policy grants account ${exposure.accounts[0]}`;
}

const SHARE_OUT: Readonly<Record<string, (ctx: DetectorContext) => string | undefined>> = {
  's3:PutBucketPolicy': policyOpensOutward,
  'ec2:ModifySnapshotAttribute': ({ event }) =>
    addsPermission(event.requestParameters.createVolumePermission) ? 'snapshot shared' : undefined,
  'ec2:ModifyImageAttribute': ({ event }) =>
    addsPermission(event.requestParameters.launchPermission) ? 'image shared' : undefined,
  'ec2:AuthorizeSecurityGroupIngress': ({ event }) =>
    openRulesOf(event.requestParameters).length > 0 ? 'ingress opened to the internet' : undefined,
  'rds:ModifyDBSnapshotAttribute': ({ event }) =>
    arrayOf(event.requestParameters.valuesToAdd).length > 0 ? 'database snapshot shared' : undefined,
};

export const SHARE_OUT_ACTIONS: readonly string[] = Object.keys(SHARE_OUT);

/** How the call in `ctx` opens data outward, or undefined when it does not. */
export function sharesOut(ctx: DetectorContext): string | undefined {
  return SHARE_OUT[ctx.event.action.action]?.(ctx);
}
