/**
 * The S3 side of `leash replay`: objects come from S3LogSource (log files only, delivery order, bodies
 * streamed), and one object that cannot be fetched is a single problem line naming it while the rest of the
 * prefix is still read. The SDK is mocked; nothing leaves the machine.
 */
import {
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { EventNormalizer } from '../../../src/core/normalize/normalize-record';
import { readWorkerCount, replayBatches } from '../../../src/cli/replay/replay-sources';
import type { FileBatch } from '../../../src/cli/replay/read-batches';

const SCENARIO = join(__dirname, '..', '..', '..', 'examples', 'scenario');
const FILE = '111122223333_CloudTrail_eu-west-1_20260314T1105Z_Hq3vK8pLm2Nx7RtW.json';
const PREFIX = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/03/14/';
const key = (stamp: string): string => `${PREFIX}111122223333_CloudTrail_eu-west-1_${stamp}_abc.json`;

const s3Mock = mockClient(S3Client);
afterEach(() => s3Mock.reset());

function body(text: string): GetObjectCommandOutput['Body'] {
  return Readable.from([Buffer.from(text)]) as unknown as GetObjectCommandOutput['Body'];
}

describe('replayBatches over s3://', () => {
  it('reads log files in delivery order, skips digests and empty objects, and reports a failed object on one line', async () => {
    const text = readFileSync(join(SCENARIO, FILE), 'utf8');
    const records = (JSON.parse(text) as { Records: unknown[] }).Records.length;
    s3Mock.on(ListObjectsV2Command).resolves({
      Contents: [
        { Key: key('20260314T1110Z'), Size: text.length },
        { Key: key('20260314T1100Z'), Size: text.length },
        { Key: key('20260314T1105Z'), Size: text.length },
        { Key: `${PREFIX}111122223333_CloudTrail-Digest_eu-west-1_x_20260314T110000Z.json.gz`, Size: 90 },
        { Key: key('20260314T1120Z'), Size: 0 },
      ],
    });
    s3Mock.on(GetObjectCommand).callsFake(async (input: { Key: string }) => {
      if (input.Key === key('20260314T1105Z')) throw new Error('Access Denied');
      return { Body: body(text) };
    });
    const listed: { url: string; bytes: number }[] = [];
    const batches: FileBatch[] = [];
    for await (const batch of replayBatches(
      [{ kind: 's3', url: `s3://trail/${PREFIX}`, bucket: 'trail', prefix: PREFIX }],
      {
        range: {},
        normalizer: new EventNormalizer(await loadActionCatalog()),
        onS3Listed: (objects) => listed.push(...objects),
      },
    ))
      batches.push(batch);

    const url = (stamp: string): string => `s3://trail/${key(stamp)}`;
    expect(listed.map((o) => o.url)).toEqual([
      url('20260314T1100Z'),
      url('20260314T1105Z'),
      url('20260314T1110Z'),
    ]);
    expect(listed.every((o) => o.bytes === text.length)).toBe(true);
    const ended = batches.filter((b) => b.endOfFile).map((b) => b.file);
    expect(ended).toEqual(listed.map((o) => o.url));
    const problems = batches.flatMap((b) => b.batch.readErrors);
    expect(problems).toEqual([
      `${url('20260314T1105Z')}: cannot read (Access Denied) — check your AWS credentials and access to the object`,
    ]);
    const read = batches.reduce((sum, b) => sum + b.batch.records, 0);
    expect(read).toBe(2 * records);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(3);
  });

  it('says so on one line when the prefix holds no log file', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: `${PREFIX}notes.txt`, Size: 5 }] });
    const batches: FileBatch[] = [];
    for await (const batch of replayBatches(
      [{ kind: 's3', url: 's3://trail/x/', bucket: 'trail', prefix: 'x/' }],
      {
        range: {},
        normalizer: new EventNormalizer(await loadActionCatalog()),
      },
    ))
      batches.push(batch);
    expect(batches.flatMap((b) => b.batch.readErrors)).toEqual([
      expect.stringMatching(
        /^s3:\/\/trail\/x\/: no CloudTrail log files .* — check the bucket and the prefix$/,
      ),
    ]);
  });
});

describe('readWorkerCount', () => {
  const file = (bytes: number, i = 0) => ({ kind: 'file' as const, path: `f${i}.json.gz`, bytes });
  const many = (count: number, bytes: number) => Array.from({ length: count }, (_, i) => file(bytes, i));

  it('reads one file, or a small input, on this thread', () => {
    expect(readWorkerCount([file(2_000_000_000)], {}, 8)).toBe(0);
    expect(readWorkerCount(many(10, 100_000), {}, 8)).toBe(0);
  });

  it('leaves a core to the engine thread and starts at most two workers', () => {
    expect(readWorkerCount(many(100, 1_000_000), {}, 1)).toBe(1);
    expect(readWorkerCount(many(100, 1_000_000), {}, 2)).toBe(1);
    expect(readWorkerCount(many(100, 1_000_000), {}, 3)).toBe(2);
    expect(readWorkerCount(many(100, 1_000_000), {}, 16)).toBe(2);
  });

  it('takes LEASH_READ_WORKERS as it is when it is a whole number', () => {
    expect(readWorkerCount([file(10)], { LEASH_READ_WORKERS: '2' }, 2)).toBe(2);
    expect(readWorkerCount(many(100, 1_000_000), { LEASH_READ_WORKERS: '0' }, 8)).toBe(0);
    expect(readWorkerCount(many(100, 1_000_000), { LEASH_READ_WORKERS: 'lots' }, 2)).toBe(1);
  });
});
