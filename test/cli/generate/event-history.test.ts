/**
 * `leash baseline generate --from cloudtrail`: the event history gathered through
 * CloudTrailEventHistorySource, turned oldest first, with every unreadable event reported (each on one
 * line, then the count) instead of silently dropped. The SDK is mocked; nothing leaves the machine.
 */
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailEventHistorySource } from '../../../src/adapters/cloudtrail-event-history';
import {
  gatherEventHistory,
  generateBaseline,
  historyRegions,
  mergeHistories,
  reportUnreadable,
} from '../../../src/cli/generate/generate-baseline';
import { UsageError } from '../../../src/cli/usage-error';
import { loadActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { detailsPolicy } from '../../../src/core/details-policy';
import { defaultDetectorPack } from '../../../src/core/detectors/default-pack';
import type { LeashEvent } from '../../../src/core/model';
import { EventNormalizer, NO_DETAILS } from '../../../src/core/normalize/normalize-record';
import { agentCall } from '../../support/agent-call';

const cloudTrailMock = mockClient(CloudTrailClient);
afterEach(() => cloudTrailMock.reset());

const noWait = { now: () => 0, sleep: async () => undefined };
const ROLE = 'arn:aws:iam::111122223333:role/agents/ops-bot';
/** A call of the agent's session, as LookupEvents returns it. */
const call = (id: string, time: string, source: string, name: string, region: string) => ({
  EventId: id,
  CloudTrailEvent: JSON.stringify(
    agentCall({
      role: ROLE,
      session: 'run-7',
      accessKeyId: 'ASIAEXAMPLEOPSBOT',
      eventSource: source,
      eventName: name,
      eventID: id,
      eventTime: time,
      awsRegion: region,
      extra: {
        sourceIPAddress: '203.0.113.7',
        userAgent: 'ops-bot/1.0',
        readOnly: true,
        eventType: 'AwsApiCall',
      },
    }),
  ),
});
/** The agent's GetRole at `time`; `e-N` alone happened N minutes past ten. */
const event = (id: string, time = `2026-03-01T10:0${id.slice(2)}:00Z`) =>
  call(id, time, 'iam.amazonaws.com', 'GetRole', 'us-east-1');
let normalizer: EventNormalizer;
beforeAll(async () => {
  normalizer = new EventNormalizer(await loadActionCatalog(), detailsPolicy(defaultDetectorPack()));
});

describe('gatherEventHistory', () => {
  it('returns the events oldest first, one line per unreadable event and why each malformed record was', async () => {
    cloudTrailMock
      .on(LookupEventsCommand)
      .resolvesOnce({
        Events: [
          event('e-5'),
          { EventId: 'e-4', CloudTrailEvent: JSON.stringify({ eventID: 'e-4', eventName: 'GetRole' }) },
          { EventId: 'e-3', CloudTrailEvent: '{not json' },
          event('e-2'),
        ],
        NextToken: 'next',
      })
      .resolvesOnce({ Events: [{ EventId: 'e-1' }, event('e-0')] });
    const seen: number[] = [];
    const history = await gatherEventHistory(
      new CloudTrailEventHistorySource(new CloudTrailClient({ region: 'us-east-1' }), { clock: noWait }),
      normalizer,
      (n) => seen.push(n),
    );
    expect(history.events.map((e) => [e.eventId, e.action.action])).toEqual([
      ['e-0', 'iam:GetRole'],
      ['e-2', 'iam:GetRole'],
      ['e-5', 'iam:GetRole'],
    ]);
    // Kept as events, not records: what no detector reads is not held for the whole history.
    expect(history.events[0].requestParameters).toBe(NO_DETAILS);
    expect(history.malformed).toEqual(['missing eventSource (eventName GetRole)']);
    expect(history.errors).toEqual([
      expect.stringMatching(
        /^CloudTrail event history: event e-3: CloudTrailEvent is not JSON .* — left out/,
      ),
      'CloudTrail event history: event e-1: no CloudTrailEvent — left out of the baseline',
    ]);
    expect(seen.at(-1)).toBe(6);
  });

  it('lets a failing LookupEvents call through for the command to report', async () => {
    cloudTrailMock.on(LookupEventsCommand).rejects(new Error('ExpiredToken'));
    await expect(
      gatherEventHistory(
        new CloudTrailEventHistorySource(new CloudTrailClient({ region: 'us-east-1' }), { clock: noWait }),
        normalizer,
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

describe('historyRegions', () => {
  const configured = (region: string) => async () => region;
  const none = async (): Promise<string> => {
    throw new Error('Region is missing');
  };

  it('reads the configured region and the one where global services record their calls', async () => {
    expect(await historyRegions(undefined, configured('eu-west-1'))).toEqual(['eu-west-1', 'us-east-1']);
    expect(await historyRegions([], configured('us-east-1'))).toEqual(['us-east-1']);
    expect(await historyRegions(undefined, none)).toEqual(['us-east-1']);
    expect(await historyRegions(undefined, configured('cn-northwest-1'))).toEqual([
      'cn-northwest-1',
      'cn-north-1',
    ]);
    expect(await historyRegions(undefined, configured('us-gov-east-1'))).toEqual([
      'us-gov-east-1',
      'us-gov-west-1',
    ]);
    // An isolated partition: its global-events region is not known, so the configured region alone.
    expect(await historyRegions(undefined, configured('us-iso-east-1'))).toEqual(['us-iso-east-1']);
  });

  it('takes the regions asked for as they are, once each, and refuses a malformed name', async () => {
    expect(await historyRegions(['eu-west-1', 'ap-southeast-2', 'eu-west-1'], none)).toEqual([
      'eu-west-1',
      'ap-southeast-2',
    ]);
    await expect(historyRegions(['eu-west-1', 'Ireland'], none)).rejects.toThrow(
      new UsageError("--region 'Ireland': expected a region name such as eu-west-1"),
    );
  });
});

describe('mergeHistories', () => {
  it('interleaves the regions in the engine order (time, then event ID) and keeps every problem', () => {
    const at = (id: string, time: string): LeashEvent => {
      const normalized = normalizer.normalize(JSON.parse(event(id, time).CloudTrailEvent));
      if (!normalized.ok) throw new Error(normalized.error);
      return normalized.event;
    };
    const merged = mergeHistories([
      {
        events: [at('a1', '2026-03-01T10:00:00Z'), at('a2', '2026-03-01T10:05:00Z')],
        errors: ['bad a'],
        malformed: ['odd a'],
      },
      {
        events: [at('b1', '2026-03-01T09:59:00Z'), at('0b2', '2026-03-01T10:05:00Z')],
        errors: ['bad b'],
        malformed: [],
      },
    ]);
    expect(merged.events.map((e) => e.eventId)).toEqual(['b1', 'a1', '0b2', 'a2']);
    expect(merged.errors).toEqual(['bad a', 'bad b']);
    expect(merged.malformed).toEqual(['odd a']);
  });
});

describe('leash baseline generate --from cloudtrail', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'leash-generate-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads each region's history with a client of that region, so IAM calls (us-east-1) are in the baseline", async () => {
    cloudTrailMock.on(LookupEventsCommand).callsFake(async (_input, getClient) => {
      const region = await getClient().config.region();
      return region === 'us-east-1'
        ? { Events: [call('g-1', '2026-03-01T10:01:00Z', 'iam.amazonaws.com', 'GetRole', 'us-east-1')] }
        : {
            Events: [
              call('r-2', '2026-03-01T10:02:00Z', 's3.amazonaws.com', 'ListBuckets', 'eu-west-1'),
              call('r-1', '2026-03-01T10:00:00Z', 'ec2.amazonaws.com', 'DescribeInstances', 'eu-west-1'),
            ],
          };
    });
    const out = join(dir, 'ops-bot.yaml');
    const lines: string[] = [];
    const code = await generateBaseline(
      { from: ['cloudtrail'], principal: ROLE, out, regions: ['eu-west-1', 'us-east-1'] },
      (line) => lines.push(line),
    );
    expect(code).toBe(0);
    const regions = await Promise.all(
      cloudTrailMock.commandCalls(LookupEventsCommand).map((c) => c.thisValue.config.region()),
    );
    expect(regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
    const yaml = readFileSync(out, 'utf8');
    for (const action of ['iam:GetRole', 's3:ListAllMyBuckets', 'ec2:DescribeInstances'])
      expect(yaml).toContain(action);
    expect(yaml).toContain('the CloudTrail event history of eu-west-1, us-east-1');
    expect(lines).toEqual([`wrote baseline 'ops-bot' to ${out}: 3 actions from 3 calls`]);
  });

  it('names the region whose history cannot be read, and stops reading the others', async () => {
    const pagesOf = new Map<string, number>();
    cloudTrailMock.on(LookupEventsCommand).callsFake(async (_input, getClient) => {
      const region = await getClient().config.region();
      pagesOf.set(region, (pagesOf.get(region) ?? 0) + 1);
      if (region === 'ap-east-1') {
        // Fails on its second page, once us-east-1 is well into its (endless) paging.
        if (pagesOf.get(region) === 2)
          throw new Error('The security token included in the request is invalid');
      }
      return { Events: [], NextToken: 'more' };
    });
    await expect(
      generateBaseline(
        { from: ['cloudtrail'], principal: ROLE, regions: ['us-east-1', 'ap-east-1'] },
        () => undefined,
      ),
    ).rejects.toThrow(/^cannot read the CloudTrail event history of ap-east-1 \(The security token/);
    const pagesWhenFailed = pagesOf.get('us-east-1');
    // Paging runs at 2 requests a second: unstopped, us-east-1 would ask for 3 more pages meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(pagesOf.get('us-east-1')).toBe(pagesWhenFailed);
  });

  it('refuses --region with log files, which carry their own regions', async () => {
    await expect(
      generateBaseline({ from: [dir], principal: ROLE, regions: ['eu-west-1'] }, () => undefined),
    ).rejects.toThrow(/--region applies only to '--from cloudtrail'/);
  });
});
