/** AWS region names and partitions, as baselines, ARNs and the CLI read them. */

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** `eu-west-1`, `us-gov-west-1`, `cn-north-1`: the shape of an AWS region name. */
export function isRegionName(value: string): boolean {
  return REGION_NAME.test(value);
}

/** The isolated partitions, by the prefix of their region names. */
const ISOLATED_PARTITIONS: readonly (readonly [prefix: string, partition: string])[] = [
  ['us-iso-', 'aws-iso'],
  ['us-isob-', 'aws-iso-b'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-isof-', 'aws-iso-f'],
];

/** The partition of `region` as ARNs spell it. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  for (const [prefix, partition] of ISOLATED_PARTITIONS) if (region.startsWith(prefix)) return partition;
  return 'aws';
}

/**
 * Where CloudTrail records the calls of global services (IAM, STS's global endpoint, Organizations) in
 * `region`'s partition; undefined in the isolated partitions, whose public documentation does not say.
 */
export function globalEventsRegion(region: string): string | undefined {
  switch (partitionOf(region)) {
    case 'aws':
      return 'us-east-1';
    case 'aws-cn':
      return 'cn-north-1';
    case 'aws-us-gov':
      return 'us-gov-west-1';
    default:
      return undefined;
  }
}
