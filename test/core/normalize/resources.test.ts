/**
 * Resource ARNs built from request parameters name the call's own partition, region and account, however
 * the calls before it were placed (the place is reused while they repeat).
 */
import { resourcesOf } from '../../../src/core/normalize/resources';

describe('resourcesOf', () => {
  it('builds each call’s ARNs in its own partition, region and account, whatever came before', () => {
    const calls: [
      service: string,
      params: Record<string, unknown>,
      region: string,
      account: string | undefined,
      arn: string,
    ][] = [
      [
        'lambda',
        { functionName: 'f' },
        'us-east-1',
        '111122223333',
        'arn:aws:lambda:us-east-1:111122223333:function:f',
      ],
      [
        'lambda',
        { functionName: 'f' },
        'us-east-1',
        '111122223333',
        'arn:aws:lambda:us-east-1:111122223333:function:f',
      ],
      [
        'lambda',
        { functionName: 'f' },
        'cn-north-1',
        '111122223333',
        'arn:aws-cn:lambda:cn-north-1:111122223333:function:f',
      ],
      ['s3', { bucketName: 'b' }, 'cn-north-1', '111122223333', 'arn:aws-cn:s3:::b'],
      [
        'lambda',
        { functionName: 'f' },
        'us-gov-west-1',
        '444455556666',
        'arn:aws-us-gov:lambda:us-gov-west-1:444455556666:function:f',
      ],
      [
        'lambda',
        { functionName: 'f' },
        'us-gov-west-1',
        undefined,
        'arn:aws-us-gov:lambda:us-gov-west-1:*:function:f',
      ],
      ['s3', { bucketName: 'b' }, 'us-east-1', '111122223333', 'arn:aws:s3:::b'],
      [
        'lambda',
        { functionName: 'f' },
        'eu-west-1',
        '111122223333',
        'arn:aws:lambda:eu-west-1:111122223333:function:f',
      ],
    ];
    for (const [service, params, region, account, arn] of calls) {
      expect(resourcesOf({}, service, params, region, account)).toEqual([arn]);
    }
  });
});
