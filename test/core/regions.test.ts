import { globalEventsRegion, isRegionName, partitionOf } from '../../src/core/regions';

describe('regions', () => {
  it('knows region names by their shape', () => {
    for (const r of ['eu-west-1', 'us-gov-west-1', 'cn-northwest-1', 'ap-southeast-4'])
      expect(isRegionName(r)).toBe(true);
    for (const r of ['Ireland', 'eu-west', 'EU-WEST-1', 'unknown', '']) expect(isRegionName(r)).toBe(false);
  });

  it('gives each region its partition and the region where that partition records global services', () => {
    expect([partitionOf('eu-west-1'), globalEventsRegion('eu-west-1')]).toEqual(['aws', 'us-east-1']);
    expect([partitionOf('cn-northwest-1'), globalEventsRegion('cn-northwest-1')]).toEqual([
      'aws-cn',
      'cn-north-1',
    ]);
    expect([partitionOf('us-gov-east-1'), globalEventsRegion('us-gov-east-1')]).toEqual([
      'aws-us-gov',
      'us-gov-west-1',
    ]);
    // Isolated partitions: ARNs spell their own partition; their global-events region is not known.
    expect([partitionOf('us-iso-east-1'), globalEventsRegion('us-iso-east-1')]).toEqual([
      'aws-iso',
      undefined,
    ]);
    expect(partitionOf('us-isob-east-1')).toBe('aws-iso-b');
  });
});
