/**
 * Services without regions: CloudTrail records their calls in one fixed region (us-east-1 for most,
 * us-west-2 for Global Accelerator and Network Manager), whatever region the agent works in. A baseline's
 * `regions` cannot apply to them, or an agent confined to eu-west-1 could never read its own role.
 */
const ALWAYS_GLOBAL: ReadonlySet<string> = new Set([
  'account',
  'aws-portal',
  'billing',
  'budgets',
  'ce',
  'cloudfront',
  'cur',
  'globalaccelerator',
  'health',
  'iam',
  'networkmanager',
  'organizations',
  'route53',
  'route53domains',
  'shield',
  'support',
  'trustedadvisor',
  'waf',
]);

/**
 * STS has regional endpoints as well as the global one; only the global endpoint's calls (recorded in
 * us-east-1) are exempt, so a regional STS call outside the baseline's regions still counts.
 */
const GLOBAL_IN_US_EAST_1: ReadonlySet<string> = new Set(['sts']);

export const RegionScope = { Regional: 0, Global: 1, GlobalInUsEast1: 2 } as const;
export type RegionScope = (typeof RegionScope)[keyof typeof RegionScope];

/** How region restrictions apply to calls of `service` (IAM prefix, lower case). */
export function regionScopeOf(service: string): RegionScope {
  if (ALWAYS_GLOBAL.has(service)) return RegionScope.Global;
  if (GLOBAL_IN_US_EAST_1.has(service)) return RegionScope.GlobalInUsEast1;
  return RegionScope.Regional;
}

/** True when a call of `service` recorded in `region` is exempt from region restrictions. */
export function isRegionExempt(service: string, region: string): boolean {
  return isExemptIn(regionScopeOf(service.toLowerCase()), region);
}

/** As `isRegionExempt`, for a scope already looked up (compiled baselines keep it per action). */
export function isExemptIn(scope: RegionScope, region: string): boolean {
  return scope === RegionScope.Global || (scope === RegionScope.GlobalInUsEast1 && region === 'us-east-1');
}
