/**
 * `leash baseline generate --from cloudtrail`: the event history gathered through
 * CloudTrailEventHistorySource, turned oldest first, with every unreadable event reported (each on one
 * line, then the count) instead of silently dropped. The SDK is mocked; nothing leaves the machine.
 */
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailEventHistorySource } from '../../../src/adapters/cloudtrail-event-history';
import { gatherEventHistory, reportUnreadable } from '../../../src/cli/generate/generate-baseline';

const cloudTrailMock = mockClient(CloudTrailClient);
afterEach(() => cloudTrailMock.reset());

const noWait = { now: () => 0, sleep: async () => undefined };
const event = (id: string): { EventId: string; CloudTrailEvent: string } => ({
  EventId: id,
  CloudTrailEvent: JSON.stringify({ eventID: id, eventName: 'GetRole' }),
});

describe('gatherEventHistory', () => {
  it('returns the records oldest first and one line per malformed event', async () => {
    cloudTrailMock
      .on(LookupEventsCommand)
      .resolvesOnce({
        Events: [event('e-4'), { EventId: 'e-3', CloudTrailEvent: '{not json' }, event('e-2')],
        NextToken: 'next',
      })
      .resolvesOnce({ Events: [{ EventId: 'e-1' }, event('e-0')] });
    const seen: number[] = [];
    const history = await gatherEventHistory(
      new CloudTrailEventHistorySource(new CloudTrailClient({ region: 'us-east-1' }), { clock: noWait }),
      (n) => seen.push(n),
    );
    expect(history.records.map((r) => r.eventID)).toEqual(['e-0', 'e-2', 'e-4']);
    expect(history.errors).toEqual([
      expect.stringMatching(
        /^CloudTrail event history: event e-3: CloudTrailEvent is not JSON .* — left out/,
      ),
      'CloudTrail event history: event e-1: no CloudTrailEvent — left out of the baseline',
    ]);
    expect(seen.at(-1)).toBe(5);
  });

  it('lets a failing LookupEvents call through for the command to report', async () => {
    cloudTrailMock.on(LookupEventsCommand).rejects(new Error('ExpiredToken'));
    await expect(
      gatherEventHistory(
        new CloudTrailEventHistorySource(new CloudTrailClient({ region: 'us-east-1' }), { clock: noWait }),
      ),
    ).rejects.toThrow('ExpiredToken');
  });
});

describe('reportUnreadable', () => {
  it('prints nothing when every event was read', () => {
    const lines: string[] = [];
    reportUnreadable([], (line) => lines.push(line));
    expect(lines).toEqual([]);
  });

  it('prints each unreadable event, then the count; past 50 lines only the count', () => {
    const one: string[] = [];
    reportUnreadable(['bad e-1'], (line) => one.push(line));
    expect(one).toEqual([
      'bad e-1',
      '1 event of the CloudTrail event history could not be read and was left out (malformed or missing CloudTrailEvent)',
    ]);
    const many: string[] = [];
    reportUnreadable(
      Array.from({ length: 60 }, (_, i) => `bad e-${i}`),
      (line) => many.push(line),
    );
    expect(many).toHaveLength(52);
    expect(many.slice(-2)).toEqual([
      '… and 10 more',
      '60 events of the CloudTrail event history could not be read and were left out (malformed or missing CloudTrailEvent)',
    ]);
  });
});
