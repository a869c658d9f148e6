/**
 * Every shape users hold CloudTrail records in, built at test time from a real Invictus delivery file,
 * read through each entry point (buffer, stream, file) with the same result: the records, in order.
 */
import { gzipSync } from 'node:zlib';
import {
  readRecordsFromBuffer,
  readRecordsFromFile,
  readRecordsFromStream,
  type RawRecord,
  type RecordItem,
} from '../../../src/core/input';
import { describeWithCorpus } from '../../support/corpus';
import {
  collect,
  envelope,
  errorsOf,
  largestInvictusFile,
  nodeStream,
  recordsOf,
  tempFolder,
  toJsonLines,
} from './input-fixtures';

interface Shape {
  readonly name: string;
  readonly fileName: string;
  readonly bytes: Buffer;
  readonly expected: readonly RawRecord[];
  /** UTF-16 is converted in memory only; a stream too large to hold is refused with advice instead. */
  readonly utf16?: true;
}

function shapes(): Shape[] {
  const { bytes, records } = largestInvictusFile();
  const few = records.slice(0, 25);
  const envelopes = few.map((record, i) => envelope(record, i));
  const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
  const half = Math.floor(few.length / 2);
  return [
    { name: 'S3 delivery file', fileName: 'd.json', bytes, expected: records },
    { name: 'gzipped S3 delivery file', fileName: 'd.json.gz', bytes: gzipSync(bytes), expected: records },
    {
      name: 'gzipped file named .json (detected by magic bytes)',
      fileName: 'misnamed.json',
      bytes: gzipSync(bytes),
      expected: records,
    },
    {
      name: 'pretty-printed delivery file',
      fileName: 'pretty.json',
      bytes: utf8(JSON.stringify({ Records: few }, null, 2)),
      expected: few,
    },
    { name: 'JSON array of records', fileName: 'a.json', bytes: utf8(JSON.stringify(few)), expected: few },
    { name: 'JSON lines', fileName: 'l.jsonl', bytes: utf8(toJsonLines(few)), expected: few },
    {
      name: 'JSON lines with CRLF, blank lines and no final newline',
      fileName: 'crlf.ndjson',
      bytes: utf8(`\r\n${toJsonLines(few, '\r\n\r\n').trimEnd()}`),
      expected: few,
    },
    {
      name: 'JSON lines of EventBridge events',
      fileName: 'eb.jsonl',
      bytes: utf8(toJsonLines(envelopes)),
      expected: few,
    },
    {
      name: 'gzipped JSON lines',
      fileName: 'l.jsonl.gz',
      bytes: gzipSync(utf8(toJsonLines(few))),
      expected: few,
    },
    {
      name: 'multi-member gzip (two gzipped files concatenated)',
      fileName: 'cat.jsonl.gz',
      bytes: Buffer.concat([
        gzipSync(utf8(toJsonLines(few.slice(0, half)))),
        gzipSync(utf8(toJsonLines(few.slice(half)))),
      ]),
      expected: few,
    },
    { name: 'single record', fileName: 'one.json', bytes: utf8(JSON.stringify(few[0])), expected: [few[0]] },
    {
      name: 'single pretty-printed EventBridge event',
      fileName: 'event.json',
      bytes: utf8(JSON.stringify(envelopes[0], null, 2)),
      expected: [few[0]],
    },
    {
      name: 'Records of EventBridge events',
      fileName: 're.json',
      bytes: utf8(JSON.stringify({ Records: envelopes })),
      expected: few,
    },
    {
      name: 'array of EventBridge events',
      fileName: 'ae.json',
      bytes: utf8(JSON.stringify(envelopes)),
      expected: few,
    },
    {
      name: 'concatenated EventBridge events without separators (Firehose to S3)',
      fileName: 'firehose-1-2023-07-10-11-45-00-abc',
      bytes: utf8(envelopes.map((event) => JSON.stringify(event)).join('')),
      expected: few,
    },
    {
      name: 'delivery file with a UTF-8 byte-order mark',
      fileName: 'bom.json',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(JSON.stringify({ Records: few }))]),
      expected: few,
    },
    {
      name: 'UTF-16LE file with a byte-order mark (Windows PowerShell output)',
      fileName: 'ps.json',
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(few), 'utf16le')]),
      expected: few,
      utf16: true,
    },
    { name: 'empty Records array', fileName: 'none.json', bytes: utf8('{"Records":[]}'), expected: [] },
  ];
}

function expectRecords(items: readonly RecordItem[], expected: readonly RawRecord[], origin: string): void {
  expect(errorsOf(items)).toEqual([]);
  expect(recordsOf(items)).toEqual(expected);
  expect(items.map((item) => item.index)).toEqual(expected.map((_, i) => i));
  expect(new Set(items.map((item) => item.origin))).toEqual(new Set(expected.length ? [origin] : []));
}

describeWithCorpus('reading every input shape', () => {
  const folder = tempFolder();
  afterAll(() => folder.cleanup());

  describe.each(shapes())('$name', ({ fileName, bytes, expected, utf16 }) => {
    it('from a buffer', () => {
      expectRecords([...readRecordsFromBuffer(bytes, fileName)], expected, fileName);
    });

    it('from a stream', async () => {
      expectRecords(await collect(readRecordsFromStream(nodeStream(bytes), fileName)), expected, fileName);
    });

    it('from a file', async () => {
      const path = folder.write(fileName, bytes);
      expectRecords(await collect(readRecordsFromFile(path)), expected, path);
    });

    it('through the incremental path (document limit lowered below the file size)', async () => {
      const options = { wholeDocumentLimit: 1024 };
      expectRecords([...readRecordsFromBuffer(bytes, fileName, options)], expected, fileName);
      const streamed = await collect(readRecordsFromStream(nodeStream(bytes), fileName, options));
      if (utf16) {
        expect(streamed).toEqual([
          expect.objectContaining({ kind: 'error', message: expect.stringContaining('convert it to UTF-8') }),
        ]);
      } else {
        expectRecords(streamed, expected, fileName);
      }
    });
  });

  it('gives the very objects JSON.parse makes of a delivery file: nothing re-serialised or copied', () => {
    const { bytes, records } = largestInvictusFile();
    const read = recordsOf([...readRecordsFromBuffer(gzipSync(bytes), 'd.json.gz')]);
    expect(read).toStrictEqual(records);
    expect(read.length).toBeGreaterThan(100);
  });
});
