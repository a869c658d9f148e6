/** The queue's messages are unwrapped by the core's record reader: exactly one CloudTrail record each. */
import { cloudTrailDetail } from '../../lambdas/evaluate/envelope';

const RECORD = {
  eventVersion: '1.09',
  eventID: 'e-1',
  eventName: 'GetObject',
  eventSource: 's3.amazonaws.com',
  eventTime: '2026-03-14T10:53:40Z',
  awsRegion: 'eu-west-1',
};

function envelope(detailType: string, detail: unknown): string {
  return JSON.stringify({ version: '0', id: 'env-1', 'detail-type': detailType, source: 'aws.s3', detail });
}

describe('cloudTrailDetail', () => {
  it('unwraps the CloudTrail record of an EventBridge envelope', () => {
    expect(cloudTrailDetail(envelope('AWS API Call via CloudTrail', RECORD), 'msg-1')).toEqual({
      ok: true,
      detail: RECORD,
    });
  });

  it('refuses what is not one CloudTrail record, naming the message', () => {
    const refused = [
      'this is not JSON',
      '',
      envelope('Scheduled Event', {}),
      envelope('AWS API Call via CloudTrail', { eventName: 'GetObject' }),
      JSON.stringify([
        JSON.parse(envelope('AWS API Call via CloudTrail', RECORD)),
        JSON.parse(envelope('AWS API Call via CloudTrail', { ...RECORD, eventID: 'e-2' })),
      ]),
    ];
    for (const body of refused) {
      const result = cloudTrailDetail(body, 'msg-7');
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error).toMatch(/^msg-7\b/);
    }
  });
});
