/**
 * Property tests: whatever the bytes — random, random JSON, gzipped, real files cut anywhere — the reader
 * never throws; it yields well-formed items, and every record it yields is a record object.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { readRecordsFromBuffer, readRecordsFromStream, type RecordItem } from '../../../src/core/input';
import { describeWithCorpus } from '../../support/corpus';
import { chunked, collect, largestInvictusFile, recordsOf } from './input-fixtures';

function expectWellFormed(items: readonly RecordItem[], origin: string): void {
  for (const item of items) {
    expect(item.origin).toBe(origin);
    if (item.kind === 'record') {
      expect(Number.isInteger(item.index)).toBe(true);
      expect(typeof item.record).toBe('object');
      expect(Array.isArray(item.record)).toBe(false);
      for (const field of ['eventName', 'eventSource', 'eventTime'])
        expect(typeof item.record[field]).toBe('string');
    } else {
      expect(item.kind).toBe('error');
      expect(item.message.startsWith(origin)).toBe(true);
    }
  }
}

/** Reads `bytes` every way (buffer, stream whole, stream in small chunks past a tiny limit); all must agree. */
async function readAllWays(bytes: Buffer, chunkSize: number): Promise<RecordItem[]> {
  const origin = 'prop.json';
  const fromBuffer = [...readRecordsFromBuffer(bytes, origin)];
  const fromStream = await collect(readRecordsFromStream(chunked(bytes, Math.max(1, bytes.length)), origin));
  const incremental = await collect(
    readRecordsFromStream(chunked(bytes, chunkSize), origin, { wholeDocumentLimit: 16, maxEntryBytes: 4096 }),
  );
  for (const items of [fromBuffer, fromStream, incremental]) expectWellFormed(items, origin);
  expect(fromStream).toEqual(fromBuffer);
  return incremental;
}

const recordLike = fc.record({
  eventName: fc.string(),
  eventSource: fc.string(),
  eventTime: fc.string(),
  extra: fc.jsonValue(),
});

/** JSON shaped somewhat like input: records, envelopes, Records wrappers, noise. */
const inputLikeJson = fc.oneof(
  fc.jsonValue(),
  fc.array(fc.oneof(recordLike, fc.jsonValue())),
  fc.record({ Records: fc.array(fc.oneof(recordLike, fc.jsonValue())) }),
  fc.record({ 'detail-type': fc.string(), detail: fc.oneof(recordLike, fc.jsonValue()) }),
  fc.record({ Records: fc.jsonValue() }),
);

describe('the reader never throws', () => {
  it('on arbitrary bytes (raw and gzipped)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        async (raw, gz, size) => {
          const bytes = gz ? gzipSync(Buffer.from(raw)) : Buffer.from(raw);
          await readAllWays(bytes, size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JSON, as a document, as JSON lines, cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(inputLikeJson, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 1, max: 64 }),
        async (values, asLines, cutAt, size) => {
          const text = asLines ? values.map((v) => JSON.stringify(v)).join('\n') : JSON.stringify(values[0]);
          const bytes = Buffer.from(text, 'utf8');
          await readAllWays(bytes, size);
          await readAllWays(bytes.subarray(0, cutAt % (bytes.length + 1)), size);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the records of a well-formed record list the same way on every path', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordLike, { maxLength: 6 }),
        fc.integer({ min: 1, max: 64 }),
        async (records, size) => {
          const expected = JSON.parse(JSON.stringify(records)) as unknown;
          for (const text of [
            JSON.stringify({ Records: records }),
            JSON.stringify(records),
            records.map((r) => JSON.stringify(r)).join('\n'),
          ]) {
            const items = await readAllWays(Buffer.from(text), size);
            expect(recordsOf(items)).toEqual(expected);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describeWithCorpus('real delivery files cut or damaged anywhere', () => {
  const { bytes, records } = largestInvictusFile();
  const gz = gzipSync(bytes);

  it('yields a prefix of the real records and one error, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(), async (compressed, where) => {
        const whole = compressed ? gz : bytes;
        const cut = whole.subarray(0, where % whole.length);
        const items = await readAllWays(cut, 4096);
        const read = recordsOf(items);
        expect(read).toEqual(records.slice(0, read.length));
        const errors = items.filter((item) => item.kind === 'error');
        // Only a cut in the trailing newline of an uncompressed file leaves it whole.
        const intact = !compressed && cut.toString('utf8').trim() === whole.toString('utf8').trim();
        expect(errors).toHaveLength(intact ? 0 : 1);
      }),
      { numRuns: 25 },
    );
  });

  it('survives flipped bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        async (compressed, positions) => {
          const damaged = Buffer.from(compressed ? gz : bytes);
          for (const position of positions) damaged[position % damaged.length] ^= 0xff;
          await readAllWays(damaged, 4096);
        },
      ),
      { numRuns: 25 },
    );
  });
});
