/** AWS region names and partitions, as baselines, ARNs and the CLI read them. */

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** `eu-west-1`, `us-gov-west-1`, `cn-north-1`: the shape of an AWS region name. */
export function isRegionName(value: string): boolean {
  return REGION_NAME.test(value);
}

/** The partition of `region` as ARNs spell it. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Where CloudTrail records the calls of global services (IAM, STS's global endpoint, Organizations) in
 * `region`'s partition.
 */
export function globalEventsRegion(region: string): string {
  switch (partitionOf(region)) {
    case 'aws-cn':
      return 'cn-north-1';
    case 'aws-us-gov':
      return 'us-gov-west-1';
    default:
      return 'us-east-1';
  }
}
