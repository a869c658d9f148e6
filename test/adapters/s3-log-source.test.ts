import {
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { parseS3Uri, S3LogSource, type S3LogKey } from '../../src/adapters/s3-log-source';
import { deliveryTimestamp, listInputFiles, sortByDeliveryTime } from '../../src/core/input';

const s3Mock = mockClient(S3Client);
afterEach(() => s3Mock.reset());

const PREFIX = 'AWSLogs/111122223333/CloudTrail/';
const key = (region: string, stamp: string, id = 'a1B2c3D4e5F6g7H8'): string =>
  `${PREFIX}${region}/2026/03/14/111122223333_CloudTrail_${region}_${stamp}_${id}.json.gz`;

function body(text: string): GetObjectCommandOutput['Body'] {
  return Readable.from([Buffer.from(text)]) as unknown as GetObjectCommandOutput['Body'];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

/** Three log files whose middle GetObject is refused; the others answer with the given bodies. */
function threeKeysMiddleDenied(first: string, last: string): S3LogKey[] {
  const keys = [1, 2, 3].map((i) => ({ key: key('eu-west-1', `20260314T110${i}Z`), size: 2 }));
  s3Mock
    .on(GetObjectCommand, { Key: keys[0].key })
    .resolves({ Body: body(first) })
    .on(GetObjectCommand, { Key: keys[1].key })
    .rejects(new Error('AccessDenied'))
    .on(GetObjectCommand, { Key: keys[2].key })
    .resolves({ Body: body(last) });
  return keys;
}

describe('S3LogSource', () => {
  it('lists every page with the bucket, prefix and continuation token, keeping only log files in delivery order', async () => {
    s3Mock
      .on(ListObjectsV2Command, { Bucket: 'trail-bucket', Prefix: PREFIX, ContinuationToken: undefined })
      .resolves({
        IsTruncated: true,
        NextContinuationToken: 'page-2',
        Contents: [
          { Key: key('us-east-1', '20260314T1105Z'), Size: 300 },
          { Key: `${PREFIX}eu-west-1/2026/03/14/`, Size: 0 },
          {
            Key: 'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/03/14/111122223333_CloudTrail-Digest_eu-west-1_main_eu-west-1_20260314T110000Z.json.gz',
            Size: 90,
          },
        ],
      })
      .on(ListObjectsV2Command, { Bucket: 'trail-bucket', Prefix: PREFIX, ContinuationToken: 'page-2' })
      .resolves({
        IsTruncated: false,
        Contents: [
          { Key: key('eu-west-1', '20260314T1100Z'), Size: 200 },
          { Key: key('eu-west-1', '20260314T1110Z'), Size: 100 },
          { Key: `${PREFIX}notes.txt`, Size: 5 },
        ],
      });
    const source = new S3LogSource(new S3Client({ region: 'eu-west-1' }), `s3://trail-bucket/${PREFIX}`);
    const keys = await source.listKeys();
    expect(keys).toEqual([
      { key: key('eu-west-1', '20260314T1100Z'), size: 200 },
      { key: key('us-east-1', '20260314T1105Z'), size: 300 },
      { key: key('eu-west-1', '20260314T1110Z'), size: 100 },
    ]);
    const calls = s3Mock.commandCalls(ListObjectsV2Command);
    expect(calls.map((c) => c.args[0].input)).toEqual([
      { Bucket: 'trail-bucket', Prefix: PREFIX, ContinuationToken: undefined },
      { Bucket: 'trail-bucket', Prefix: PREFIX, ContinuationToken: 'page-2' },
    ]);
  });

  it('streams bodies in key order with at most `concurrency` GetObject calls in flight', async () => {
    const keys = Array.from({ length: 10 }, (_, i) =>
      key('eu-west-1', `20260314T1${String(i).padStart(3, '0')}Z`),
    );
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: keys.map((Key) => ({ Key, Size: 10 })) });
    let inFlight = 0;
    let maxInFlight = 0;
    s3Mock.on(GetObjectCommand).callsFake(async (input: { Bucket: string; Key: string }) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Later keys answer sooner: the order must still be the key order.
      const index = keys.indexOf(input.Key);
      await new Promise((resolve) => setTimeout(resolve, (10 - index) * 2));
      inFlight -= 1;
      return { Body: body(`{"Records":[${index}]}`), ContentLength: 14 };
    });
    const source = new S3LogSource(new S3Client({ region: 'eu-west-1' }), {
      bucket: 'trail-bucket',
      prefix: PREFIX,
    });
    const seen: string[] = [];
    for await (const object of source.objects()) {
      seen.push(object.key);
      expect(await readAll(object.body)).toBe(`{"Records":[${keys.indexOf(object.key)}]}`);
      expect(object.size).toBe(14);
    }
    expect(seen).toEqual(keys);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    const gets = s3Mock.commandCalls(GetObjectCommand).map((c) => c.args[0].input);
    expect(gets).toEqual(keys.map((Key) => ({ Bucket: 'trail-bucket', Key })));
  });

  it('destroys bodies fetched ahead when the reader stops early', async () => {
    const keys = [1, 2, 3].map((i) => key('eu-west-1', `20260314T110${i}Z`));
    const bodies: Readable[] = [];
    s3Mock.on(GetObjectCommand).callsFake(async () => {
      const stream = Readable.from([Buffer.from('{}')]);
      bodies.push(stream);
      return { Body: stream };
    });
    const source = new S3LogSource(new S3Client({ region: 'eu-west-1' }), 's3://trail-bucket', {
      concurrency: 3,
    });
    for await (const object of source.objects(keys.map((k) => ({ key: k, size: 2 })))) {
      expect(object.key).toBe(keys[0]);
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(bodies).toHaveLength(3);
    expect(bodies.slice(1).every((b) => b.destroyed)).toBe(true);
  });

  it('reports a failed GetObject at its place in the order, without unhandled rejections', async () => {
    const keys = threeKeysMiddleDenied('{}', '{}');
    const source = new S3LogSource(new S3Client({ region: 'eu-west-1' }), 's3://trail-bucket/');
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const object of source.objects(keys)) {
          seen.push(object.key);
          await readAll(object.body);
        }
      })(),
    ).rejects.toThrow('AccessDenied');
    expect(seen).toEqual([keys[0].key]);
  });

  it('items(): a failed GetObject is an error item in its place, and the objects after it still come', async () => {
    const keys = threeKeysMiddleDenied('{"a":1}', '{"c":3}');
    const source = new S3LogSource(new S3Client({ region: 'eu-west-1' }), 's3://trail-bucket/');
    const seen: string[] = [];
    for await (const item of source.items(keys)) {
      if (item.kind === 'error') seen.push(`${item.key} failed: ${(item.error as Error).message}`);
      else seen.push(`${item.object.key}: ${await readAll(item.object.body)}`);
    }
    expect(seen).toEqual([
      `${keys[0].key}: {"a":1}`,
      `${keys[1].key} failed: AccessDenied`,
      `${keys[2].key}: {"c":3}`,
    ]);
  });
});

describe('S3 log keys', () => {
  it('parses s3:// locations and refuses anything else', () => {
    expect(parseS3Uri('s3://trail-bucket/AWSLogs/')).toEqual({ bucket: 'trail-bucket', prefix: 'AWSLogs/' });
    expect(parseS3Uri('s3://trail-bucket')).toEqual({ bucket: 'trail-bucket', prefix: '' });
    expect(() => parseS3Uri('https://trail-bucket/x')).toThrow(
      'not an S3 location: "https://trail-bucket/x"',
    );
    expect(() => parseS3Uri('s3:///x')).toThrow('not an S3 location');
  });

  it('keeps the log files a folder synced from the bucket keeps, and counts the digest and Insights files left out', async () => {
    const listed = [
      key('eu-west-1', '20260314T1100Z'),
      'exports/day1.json',
      'exports/day2.json.gz',
      'exports/lake.jsonl',
      'exports/athena.NDJSON',
      'AWSLogs/1/CloudTrail-Digest/eu-west-1/2026/03/14/1_CloudTrail-Digest_eu-west-1_t_eu-west-1_20260314T110000Z.json.gz',
      'AWSLogs/1/CloudTrail-Insight/eu-west-1/2026/03/14/1_CloudTrail-Insight_eu-west-1_20260314T1100Z_x.json.gz',
      'AWSLogs/1/CloudTrail/eu-west-1/readme.txt',
      'exports/._day1.json',
    ];
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: listed.map((Key) => ({ Key, Size: 1 })) });
    const listing = await new S3LogSource(new S3Client({ region: 'eu-west-1' }), 's3://trail-bucket').list();
    expect(listing.keys.map((k) => k.key)).toEqual([
      key('eu-west-1', '20260314T1100Z'),
      'exports/athena.NDJSON',
      'exports/day1.json',
      'exports/day2.json.gz',
      'exports/lake.jsonl',
    ]);
    expect([listing.digests, listing.insights]).toEqual([1, 1]);

    const dir = mkdtempSync(join(tmpdir(), 'leash-synced-'));
    try {
      for (const name of listed) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), '{}');
      }
      const synced = await listInputFiles([dir]);
      expect(synced.files.map((f) => relative(dir, f).split(sep).join('/'))).toEqual(
        listing.keys.map((k) => k.key),
      );
      expect([synced.digestFilesSkipped, synced.insightFilesSkipped]).toEqual([1, 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('orders by delivery timestamp across regions, then by key; unstamped keys last', async () => {
    expect(deliveryTimestamp(key('eu-west-1', '20260314T1100Z'))).toBe('20260314T1100Z');
    expect(deliveryTimestamp('exports/day1.json')).toBeUndefined();
    const listed = [
      'exports/b.json',
      key('us-east-1', '20260314T1105Z'),
      'exports/a.json',
      key('eu-west-1', '20260314T1100Z'),
    ];
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: listed.map((Key) => ({ Key, Size: 1 })) });
    const source = new S3LogSource(new S3Client({ region: 'eu-west-1' }), 's3://trail-bucket');
    const sorted = (await source.listKeys()).map((k) => k.key);
    // The order a replay of the same files synced to disk follows (the core's rule).
    expect(sortByDeliveryTime(listed)).toEqual(sorted);
    expect(sorted).toEqual([
      key('eu-west-1', '20260314T1100Z'),
      key('us-east-1', '20260314T1105Z'),
      'exports/a.json',
      'exports/b.json',
    ]);
  });
});
