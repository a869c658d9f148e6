/** Does a call open data outward (public, or to another account)? Used as the last step of a chain. */
import type { LeashEvent } from '../../model';
import { asObject, asString } from '../../normalize/json-shape';

const PUBLIC_PRINCIPAL = /"Principal"\s*:\s*"\*"|"AWS"\s*:\s*"\*"|"AWS"\s*:\s*\[[^\]]*"\*"/;
const ACCOUNT_ID = /\b\d{12}\b/g;
const OPEN_CIDRS: ReadonlySet<string> = new Set(['0.0.0.0/0', '::/0']);

function items(value: unknown): readonly unknown[] {
  const list = asObject(value)?.items;
  return Array.isArray(list) ? list : [];
}

/** Some `add` permission present (EC2 launch / create-volume permissions). */
function addsPermission(value: unknown): boolean {
  return items(asObject(value)?.add).length > 0;
}

function policyOpensOutward(event: LeashEvent): string | undefined {
  const policy = event.requestParameters.bucketPolicy ?? event.requestParameters.policy;
  const text = typeof policy === 'string' ? policy : policy === undefined ? '' : JSON.stringify(policy);
  if (PUBLIC_PRINCIPAL.test(text)) return 'bucket policy grants everyone';
  const own = event.recipientAccountId ?? event.identity.accountId;
  for (const account of text.match(ACCOUNT_ID) ?? []) {
    if (account !== own) return `bucket policy grants account ${account}`;
  }
  return undefined;
}

function ingressOpen(event: LeashEvent): string | undefined {
  const params = event.requestParameters;
  if (OPEN_CIDRS.has(asString(params.cidrIp) ?? '')) return 'ingress opened to the internet';
  for (const permission of items(params.ipPermissions)) {
    const p = asObject(permission);
    for (const range of items(p?.ipRanges))
      if (OPEN_CIDRS.has(asString(asObject(range)?.cidrIp) ?? '')) return 'ingress opened to the internet';
    for (const range of items(p?.ipv6Ranges))
      if (OPEN_CIDRS.has(asString(asObject(range)?.cidrIpv6) ?? '')) return 'ingress opened to the internet';
  }
  return undefined;
}

const SHARE_OUT: Readonly<Record<string, (event: LeashEvent) => string | undefined>> = {
  's3:PutBucketPolicy': policyOpensOutward,
  'ec2:ModifySnapshotAttribute': (e) =>
    addsPermission(e.requestParameters.createVolumePermission) ? 'snapshot shared' : undefined,
  'ec2:ModifyImageAttribute': (e) =>
    addsPermission(e.requestParameters.launchPermission) ? 'image shared' : undefined,
  'ec2:AuthorizeSecurityGroupIngress': ingressOpen,
  'rds:ModifyDBSnapshotAttribute': (e) =>
    Array.isArray(e.requestParameters.valuesToAdd) && e.requestParameters.valuesToAdd.length > 0
      ? 'database snapshot shared'
      : undefined,
};

export const SHARE_OUT_ACTIONS: readonly string[] = Object.keys(SHARE_OUT);

/** How the call opens data outward, or undefined when it does not. */
export function sharesOut(event: LeashEvent): string | undefined {
  return SHARE_OUT[event.action.action]?.(event);
}
