import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CloudTrailEventHistorySource,
  parseEvent,
  type Clock,
  type EventHistoryItem,
} from '../../src/adapters/cloudtrail-event-history';

const cloudTrailMock = mockClient(CloudTrailClient);
afterEach(() => cloudTrailMock.reset());

/** A clock that only moves when slept on (or when a request "takes" time). */
class FakeClock implements Clock {
  time = 1_000_000;
  readonly sleeps: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

function record(eventID: string, eventName: string): string {
  return JSON.stringify({
    eventVersion: '1.09',
    eventID,
    eventName,
    eventSource: 'iam.amazonaws.com',
    eventTime: '2026-03-14T10:53:40Z',
    awsRegion: 'us-east-1',
    userIdentity: {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/ci-fixer/ci-fixer-run-4821',
    },
  });
}

async function collect(source: CloudTrailEventHistorySource): Promise<EventHistoryItem[]> {
  const items: EventHistoryItem[] = [];
  for await (const item of source.records()) items.push(item);
  return items;
}

describe('CloudTrailEventHistorySource', () => {
  it('pages with NextToken, passing the time window and the lookup attribute', async () => {
    const clock = new FakeClock();
    cloudTrailMock
      .on(LookupEventsCommand)
      .resolvesOnce({
        Events: [
          { EventId: 'e-3', CloudTrailEvent: record('e-3', 'ListRoles') },
          { EventId: 'e-2', CloudTrailEvent: record('e-2', 'AttachRolePolicy') },
        ],
        NextToken: 'token-1',
      })
      .resolvesOnce({ Events: [{ EventId: 'e-1', CloudTrailEvent: record('e-1', 'GetRole') }] });
    const startTime = new Date('2026-03-14T00:00:00Z');
    const endTime = new Date('2026-03-15T00:00:00Z');
    const source = new CloudTrailEventHistorySource(new CloudTrailClient({ region: 'us-east-1' }), {
      startTime,
      endTime,
      filter: { key: 'AccessKeyId', value: 'ASIAQX7EXAMPLE1CIFX' },
      clock,
    });
    const items = await collect(source);
    expect(items.map((i) => i.kind === 'record' && i.record.eventName)).toEqual([
      'ListRoles',
      'AttachRolePolicy',
      'GetRole',
    ]);
    expect(items[0]).toMatchObject({ kind: 'record', eventId: 'e-3' });
    const inputs = cloudTrailMock.commandCalls(LookupEventsCommand).map((c) => c.args[0].input);
    const filter = [{ AttributeKey: 'AccessKeyId', AttributeValue: 'ASIAQX7EXAMPLE1CIFX' }];
    expect(inputs).toEqual([
      { StartTime: startTime, EndTime: endTime, LookupAttributes: filter, MaxResults: 50 },
      {
        StartTime: startTime,
        EndTime: endTime,
        LookupAttributes: filter,
        MaxResults: 50,
        NextToken: 'token-1',
      },
    ]);
  });

  it('spaces requests at least 500 ms apart (2 per second)', async () => {
    const clock = new FakeClock();
    const requestTimes: number[] = [];
    let page = 0;
    cloudTrailMock.on(LookupEventsCommand).callsFake(async () => {
      requestTimes.push(clock.now());
      page += 1;
      // Each request "takes" 120 ms, so the source must wait out the rest of the 500 ms.
      clock.time += 120;
      return { Events: [], NextToken: page < 5 ? `token-${page}` : undefined };
    });
    const source = new CloudTrailEventHistorySource(new CloudTrailClient({ region: 'us-east-1' }), { clock });
    await collect(source);
    expect(requestTimes).toHaveLength(5);
    for (let i = 1; i < requestTimes.length; i += 1) {
      expect(requestTimes[i] - requestTimes[i - 1]).toBeGreaterThanOrEqual(500);
    }
    expect(clock.sleeps).toEqual([380, 380, 380, 380]);
  });

  it('does not wait when the consumer is already slower than the limit', async () => {
    const clock = new FakeClock();
    cloudTrailMock
      .on(LookupEventsCommand)
      .resolvesOnce({
        Events: [{ EventId: 'e-1', CloudTrailEvent: record('e-1', 'GetRole') }],
        NextToken: 't',
      })
      .resolvesOnce({ Events: [] });
    const source = new CloudTrailEventHistorySource(new CloudTrailClient({ region: 'us-east-1' }), { clock });
    for await (const item of source.records()) {
      expect(item.kind).toBe('record');
      clock.time += 2000;
    }
    expect(clock.sleeps).toEqual([]);
  });

  it('turns a malformed CloudTrailEvent into an error item and goes on', async () => {
    cloudTrailMock.on(LookupEventsCommand).resolves({
      Events: [
        { EventId: 'bad-json', CloudTrailEvent: '{"eventID": "bad-json", ' },
        { EventId: 'missing' },
        { EventId: 'array', CloudTrailEvent: '[1,2]' },
        { EventId: 'ok', CloudTrailEvent: record('ok', 'GetUser') },
      ],
    });
    const source = new CloudTrailEventHistorySource(new CloudTrailClient({ region: 'us-east-1' }), {
      clock: new FakeClock(),
    });
    const items = await collect(source);
    expect(items.map((i) => i.kind)).toEqual(['error', 'error', 'error', 'record']);
    expect(items[0]).toMatchObject({ kind: 'error', eventId: 'bad-json' });
    expect(items[0].kind === 'error' && items[0].message).toMatch(
      /^event bad-json: CloudTrailEvent is not JSON/,
    );
    expect(items[1]).toEqual({
      kind: 'error',
      eventId: 'missing',
      message: 'event missing: no CloudTrailEvent',
    });
    expect(items[2]).toEqual({
      kind: 'error',
      eventId: 'array',
      message: 'event array: CloudTrailEvent is not a JSON object',
    });
  });

  it('stops paging when its signal is aborted, with the abort reason', async () => {
    cloudTrailMock.on(LookupEventsCommand).resolves({
      Events: [{ EventId: 'e-1', CloudTrailEvent: record('e-1', 'GetRole') }],
      NextToken: 'more',
    });
    const stop = new AbortController();
    const source = new CloudTrailEventHistorySource(new CloudTrailClient({ region: 'us-east-1' }), {
      clock: new FakeClock(),
      signal: stop.signal,
    });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const item of source.records()) {
        seen.push(item.eventId ?? '');
        if (seen.length === 3) stop.abort(new Error('another region failed'));
      }
    })();
    await expect(reading).rejects.toThrow('another region failed');
    expect(seen).toEqual(['e-1', 'e-1', 'e-1']);
    expect(cloudTrailMock.commandCalls(LookupEventsCommand)).toHaveLength(3);
  });

  it('refuses bad settings with the bad value', () => {
    const client = new CloudTrailClient({ region: 'us-east-1' });
    expect(() => new CloudTrailEventHistorySource(client, { maxRequestsPerSecond: 0 })).toThrow('got 0');
    expect(() => new CloudTrailEventHistorySource(client, { pageSize: 51 })).toThrow('got 51');
    expect(parseEvent(undefined, '')).toEqual({
      kind: 'error',
      eventId: undefined,
      message: 'event without EventId: no CloudTrailEvent',
    });
  });
});
