/**
 * Damaged and foreign input: the reader keeps every complete record, reports the rest as error items that
 * say what is wrong and what to do, and never throws.
 */
import { gzipSync } from 'node:zlib';
import {
  readRecordsFromBuffer,
  readRecordsFromFile,
  readRecordsFromStream,
  type RawRecord,
  type ReadOptions,
  type RecordItem,
} from '../../../src/core/input';
import { describeWithCorpus } from '../../support/corpus';
import {
  chunked,
  collect,
  envelope,
  errorsOf,
  largestInvictusFile,
  nodeStream,
  recordsOf,
  tempFolder,
  toJsonLines,
} from './input-fixtures';

type Reader = (bytes: Buffer, origin: string, options?: ReadOptions) => Promise<RecordItem[]>;

const folder = tempFolder();
afterAll(() => folder.cleanup());

/** Every way in, including the incremental path and odd chunk boundaries: all must agree. */
const READERS: readonly [string, Reader][] = [
  ['buffer', async (bytes, origin, options) => [...readRecordsFromBuffer(bytes, origin, options)]],
  ['stream', (bytes, origin, options) => collect(readRecordsFromStream(nodeStream(bytes), origin, options))],
  [
    'stream in 7-byte chunks past the document limit',
    (bytes, origin, options) =>
      collect(readRecordsFromStream(chunked(bytes, 7), origin, { ...options, wholeDocumentLimit: 64 })),
  ],
  [
    'file',
    async (bytes, origin, options) => {
      const items = await collect(readRecordsFromFile(folder.write(origin, bytes), options));
      // Messages name the path; compare them as if the origin were the bare name.
      return items.map((item) =>
        item.kind === 'error'
          ? { ...item, origin, message: item.message.replace(`${folder.dir}/`, '') }
          : { ...item, origin },
      );
    },
  ],
];

function expectPrefixOf(read: readonly RawRecord[], all: readonly RawRecord[]): void {
  expect(read.length).toBeGreaterThan(0);
  expect(read.length).toBeLessThan(all.length);
  expect(read).toEqual(all.slice(0, read.length));
}

describeWithCorpus('damaged input', () => {
  const { bytes, records } = largestInvictusFile();
  const lines = Buffer.from(toJsonLines(records.slice(0, 40)));

  describe.each(READERS)('through the %s reader', (_name, read) => {
    it('keeps the records before a truncated gzip stream and says to re-download', async () => {
      const gz = gzipSync(bytes);
      const items = await read(gz.subarray(0, Math.floor(gz.length * 0.6)), 'cut.json.gz');
      expectPrefixOf(recordsOf(items), records);
      expect(items[items.length - 1].kind).toBe('error');
      expect(errorsOf(items)).toHaveLength(1);
      const [last] = errorsOf(items);
      expect(last.message).toMatch(
        /^cut\.json\.gz: truncated gzip stream after \d+ bytes; the \d+ records before it were read — re-download the file$/,
      );
      expect(last.message).toContain(`the ${recordsOf(items).length} records`);
    });

    it('reads every record of a gzip stream missing only its trailer, and still flags the file', async () => {
      const gz = gzipSync(lines);
      const items = await read(gz.subarray(0, gz.length - 4), 'no-trailer.jsonl.gz');
      expect(recordsOf(items)).toEqual(records.slice(0, 40));
      expect(errorsOf(items).map((e) => e.message)).toEqual([
        'no-trailer.jsonl.gz: truncated gzip stream after ' +
          `${gz.length - 4} bytes; the 40 records before it were read — re-download the file`,
      ]);
    });

    it('reports corrupt gzip data without throwing', async () => {
      const gz = Buffer.from(gzipSync(bytes));
      for (let i = Math.floor(gz.length / 2); i < Math.floor(gz.length / 2) + 64; i++) gz[i] ^= 0x5a;
      const items = await read(gz, 'corrupt.json.gz');
      const errors = errorsOf(items);
      expect(errors[errors.length - 1].message).toMatch(/^corrupt\.json\.gz: (corrupt gzip data|truncated)/);
      expect(recordsOf(items)).toEqual(records.slice(0, recordsOf(items).length));
    });

    it('keeps the records before a truncated delivery file', async () => {
      const items = await read(bytes.subarray(0, Math.floor(bytes.length * 0.6)), 'cut.json');
      expectPrefixOf(recordsOf(items), records);
      expect(errorsOf(items).map((e) => e.message)).toEqual([
        expect.stringMatching(
          /^cut\.json: truncated JSON: the file ends inside a record after \d+ bytes; the \d+ records before it were read — re-download or re-export the file$/,
        ),
      ]);
    });

    it('keeps the lines before a cut-off last JSON line', async () => {
      const items = await read(lines.subarray(0, lines.length - 100), 'cut.jsonl');
      expect(recordsOf(items)).toEqual(records.slice(0, 39));
      expect(errorsOf(items).map((e) => e.message)).toEqual([
        expect.stringMatching(
          /^cut\.jsonl: the last line \(40\) is cut off or not valid JSON \(.+\); the file may be truncated; the 39 records before it were read — re-download or re-export the file$/,
        ),
      ]);
    });

    it('skips a damaged JSON line, naming it, and reads the rest', async () => {
      const text = lines.toString('utf8').split('\n');
      text[4] = text[4].slice(0, 50);
      const items = await read(Buffer.from(text.join('\n')), 'bad-line.jsonl');
      expect(recordsOf(items)).toEqual([...records.slice(0, 4), ...records.slice(5, 40)]);
      const [error] = errorsOf(items);
      expect(errorsOf(items)).toHaveLength(1);
      expect(error).toMatchObject({ line: 5, index: 4 });
      expect(error.message).toMatch(
        /^bad-line\.jsonl line 5: not valid JSON \(.+\) — skipped; fix or remove this line$/,
      );
      expect(items.filter((item) => item.kind === 'record').map((item) => item.index)).toEqual([
        0,
        1,
        2,
        3,
        ...Array.from({ length: 35 }, (_, i) => i + 5),
      ]);
    });

    it('reports entries of Records that are not record objects, one by one', async () => {
      const [a, b] = records;
      const doc = { Records: [a, 5, null, 'text', [], { region: 'us-east-1' }, b] };
      const items = await read(Buffer.from(JSON.stringify(doc)), 'mixed.json');
      expect(items.filter((item) => item.kind === 'record')).toEqual([
        { kind: 'record', record: a, origin: 'mixed.json', index: 0 },
        { kind: 'record', record: b, origin: 'mixed.json', index: 6 },
      ]);
      expect(errorsOf(items).map((e) => [e.index, e.message])).toEqual([
        [
          1,
          'mixed.json record 1: a number (5) where a CloudTrail record object was expected — skipped; the file is damaged or not CloudTrail output',
        ],
        [2, expect.stringMatching(/^mixed\.json record 2: null where/)],
        [3, expect.stringMatching(/^mixed\.json record 3: a string \("text"\) where/)],
        [4, expect.stringMatching(/^mixed\.json record 4: an array of 0 where/)],
        [
          5,
          'mixed.json record 5: an object without eventName, eventSource, eventTime (keys "region") — not a CloudTrail record; skipped',
        ],
      ]);
    });

    it('reports data after the end of the document, keeping the records', async () => {
      const items = await read(
        Buffer.from(`${JSON.stringify({ Records: records.slice(0, 3) })} xyz`),
        'tail.json',
      );
      expect(recordsOf(items)).toEqual(records.slice(0, 3));
      expect(errorsOf(items).map((e) => e.message)).toEqual([
        expect.stringMatching(
          /^tail\.json: unexpected character "x" after the end of the JSON document, at byte \d+; the 3 records/,
        ),
      ]);
    });

    it('skips an entry larger than maxEntryBytes and reads the others', async () => {
      const small = { ...records[0], requestParameters: null, responseElements: null };
      const big = { ...records[1], requestParameters: { padding: 'x'.repeat(5000) } };
      for (const [origin, content] of [
        ['big.json', JSON.stringify([small, big, small])],
        ['big.jsonl', toJsonLines([small, big, small])],
      ]) {
        const items = await read(Buffer.from(content), origin, {
          maxEntryBytes: 4096,
          wholeDocumentLimit: 1024,
        });
        expect(recordsOf(items)).toEqual([small, small]);
        expect(errorsOf(items).map((e) => e.message)).toEqual([
          expect.stringMatching(
            /(record 1|line 2): (larger|longer) than 4096 bytes — skipped; no CloudTrail record is that large/,
          ),
        ]);
      }
    });
  });

  describe('a stream that fails part-way (e.g. a connection reset)', () => {
    async function* failingAfter(bytes: Buffer): AsyncGenerator<Buffer> {
      yield* chunked(bytes, 1000);
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    const gz = gzipSync(lines);
    const cutGz = gz.subarray(0, Math.floor(gz.length * 0.6));

    it.each([
      ['JSON lines', 'cut.jsonl', lines.subarray(0, Math.floor(lines.length * 0.6)), undefined],
      ['gzipped JSON lines', 'cut.jsonl.gz', cutGz, undefined],
      // What it gave inflates past the document limit: the records must be streamed out, not dropped.
      ['gzipped JSON lines inflating past the limit', 'big.jsonl.gz', cutGz, cutGz.length + 1],
    ])('%s: keeps the records it gave and reports the failure', async (_name, origin, bytes, limit) => {
      const options = limit === undefined ? undefined : { wholeDocumentLimit: limit };
      const items = await collect(readRecordsFromStream(failingAfter(bytes), origin, options));
      expectPrefixOf(recordsOf(items), records.slice(0, 40));
      expect(errorsOf(items).map((e) => e.message)).toEqual([
        `${origin}: reading failed after ${bytes.length} bytes (socket hang up); ` +
          `the ${recordsOf(items).length} records before it were read — check the file and read it again`,
      ]);
    });
  });
});

describe('input that is not CloudTrail records', () => {
  const record = {
    eventTime: '2023-07-10T11:42:36Z',
    eventSource: 'sts.amazonaws.com',
    eventName: 'GetCallerIdentity',
  };
  /** Shaped after the digest file in AWS's CloudTrail User Guide (no real one is in the corpus). */
  const digest = {
    awsAccountId: '111122223333',
    digestStartTime: '2015-08-17T14:01:31Z',
    digestEndTime: '2015-08-17T15:01:31Z',
    digestS3Bucket: 'S3-bucket-name',
    digestS3Object:
      'AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150817T150131Z.json.gz',
    digestPublicKeyFingerprint: '31e8b5433410dfb61a9dc45cc65b22ff',
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: '2015-08-17T14:52:27Z',
    oldestEventTime: '2015-08-17T14:42:27Z',
    previousDigestS3Bucket: 'S3-bucket-name',
    previousDigestHashValue: '97fb791cf91ffc440d274f8190dbdd9aa09c34432aba82739df18b6d3c13df2d',
    previousDigestHashAlgorithm: 'SHA-256',
    previousDigestSignature: '50887ccffad4c002b97caa37cb35b3c3a5b1d6fc2d6e2a7dde63c8c8df3a0b47',
    logFiles: [],
  };
  const cases: readonly [string, string | Buffer, RegExp][] = [
    ['empty file', '', /^x: empty file: no CloudTrail records in it$/],
    ['whitespace', ' \n\t\r\n', /^x: empty file: only whitespace, no CloudTrail records in it$/],
    ['empty gzip', gzipSync(Buffer.alloc(0)), /^x: empty file: no CloudTrail records in it$/],
    [
      'plain text',
      'hello, world\n',
      /^x: not JSON: the file starts with "hello, world" — expected CloudTrail JSON/,
    ],
    ['binary', Buffer.from([0x00, 0x01, 0xff, 0x10]), /^x: not JSON: the file starts with /],
    [
      'Athena CSV result',
      '"eventversion","useridentity","eventtime"\n"1.08","{}","2023"\n',
      /looks like CSV .* export whole records as JSON/,
    ],
    [
      'zip archive',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]),
      /^x: not CloudTrail records: a zip archive — unzip it/,
    ],
    ['UTF-16BE', Buffer.from([0xfe, 0xff, 0x00, 0x7b]), /UTF-16 encoded .* convert it to UTF-8/],
    [
      'digest file',
      JSON.stringify(digest),
      /^x: not CloudTrail records: this is a CloudTrail digest file .* — leave it out/,
    ],
    [
      'other JSON object',
      '{"foo":1,"bar":[]}',
      /^x: not CloudTrail records: found an object with keys "foo", "bar"; expected an S3 delivery file/,
    ],
    ['JSON number', '42', /^x: not CloudTrail records: found a number \(42\); expected/],
    [
      'Records not an array',
      '{"Records":{"a":1}}',
      /^x: not CloudTrail records: "Records" is an object with keys "a", not an array/,
    ],
    [
      'EventBridge event not from CloudTrail',
      JSON.stringify({
        version: '0',
        'detail-type': 'EC2 Instance State-change Notification',
        source: 'aws.ec2',
        detail: { 'instance-id': 'i-1', state: 'running' },
      }),
      /^x record 0: an EventBridge "EC2 Instance State-change Notification" event whose detail is not a CloudTrail record — skipped/,
    ],
  ];

  it.each(cases)('%s: one error item, whichever way it is read', async (_name, content, message) => {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
    for (const items of [
      [...readRecordsFromBuffer(bytes, 'x')],
      await collect(readRecordsFromStream(nodeStream(bytes), 'x')),
      await collect(readRecordsFromStream(chunked(bytes, 3), 'x', { wholeDocumentLimit: 2 })),
    ]) {
      expect(items).toEqual([
        {
          kind: 'error',
          origin: 'x',
          message: expect.stringMatching(message),
          ...(/record 0/.test(message.source) ? { index: 0 } : {}),
        },
      ]);
    }
  });

  it('a stray comma: the records are read and the file is flagged as invalid JSON', () => {
    const items = [...readRecordsFromBuffer(Buffer.from(`[${JSON.stringify(record)},]`), 'comma.json')];
    expect(recordsOf(items)).toEqual([record]);
    expect(errorsOf(items).map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^comma\.json: not valid JSON \(.+\); 1 records could be separated and were read — check how the file was produced$/,
      ),
    ]);
  });

  it('a missing file and a folder are error items, not exceptions', async () => {
    const missing = `${folder.dir}/missing.json.gz`;
    expect(await collect(readRecordsFromFile(missing))).toEqual([
      { kind: 'error', origin: missing, message: `${missing}: cannot read: no such file — check the path` },
    ]);
    expect(await collect(readRecordsFromFile(folder.dir))).toEqual([
      {
        kind: 'error',
        origin: folder.dir,
        message: `${folder.dir}: cannot read: it is a directory — pass the files in it`,
      },
    ]);
  });

  it('a consumer may stop early without the reader hanging or throwing', async () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ ...record, eventID: String(i) }));
    const path = folder.write('many.json.gz', gzipSync(Buffer.from(JSON.stringify({ Records: many }))));
    for (const options of [{}, { wholeDocumentLimit: 100 }]) {
      const seen: RecordItem[] = [];
      for await (const item of readRecordsFromFile(path, options)) {
        seen.push(item);
        if (seen.length === 3) break;
      }
      expect(recordsOf(seen)).toEqual(many.slice(0, 3));
    }
  });

  it('an EventBridge envelope in Records is unwrapped', () => {
    const items = [
      ...readRecordsFromBuffer(Buffer.from(JSON.stringify({ Records: [envelope(record)] })), 'e'),
    ];
    expect(items).toEqual([{ kind: 'record', record, origin: 'e', index: 0 }]);
  });
});
