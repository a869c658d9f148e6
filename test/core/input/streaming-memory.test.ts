/**
 * Inputs larger than the whole-document limit are read as they arrive: the reader pulls only a bounded
 * amount of input ahead of the records it has handed out, whatever the input's total size. (Measuring
 * the heap in a test is unreliable; bytes pulled ahead are what memory follows.)
 */
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { readRecordsFromStream, type RawRecord } from '../../../src/core/input';
import { describeWithCorpus } from '../../support/corpus';
import { largestInvictusFile } from './input-fixtures';

const LIMIT = 256 * 1024;
const CHUNK = 16 * 1024;

/** An endless-looking source of `total` records, counting the bytes the reader has pulled. */
function source(
  records: readonly RawRecord[],
  total: number,
  shape: 'delivery' | 'lines',
): { chunks: AsyncGenerator<Buffer>; pulled: () => number; endOf: (index: number) => number } {
  let pulled = 0;
  let produced = 0;
  /** Where each record ends in the input: what the reader must have pulled to hand it out. */
  const ends: number[] = [];
  async function* chunks(): AsyncGenerator<Buffer> {
    let pending = shape === 'delivery' ? '{"Records":[' : '';
    for (let i = 0; i < total; i++) {
      const text = JSON.stringify({ ...records[i % records.length], eventID: `generated-${i}` });
      const piece = shape === 'delivery' ? `${i ? ',' : ''}${text}` : `${text}\n`;
      pending += piece;
      produced += Buffer.byteLength(piece);
      ends.push(produced);
      if (pending.length >= CHUNK) {
        pulled += pending.length;
        yield Buffer.from(pending);
        pending = '';
      }
    }
    pending += shape === 'delivery' ? ']}' : '';
    pulled += pending.length;
    yield Buffer.from(pending);
  }
  return { chunks: chunks(), pulled: () => pulled, endOf: (index) => ends[index] };
}

describeWithCorpus('reading past the whole-document limit', () => {
  const { records } = largestInvictusFile();
  const TOTAL = 6000; // ~7 MiB: many times the lowered limit

  it.each([
    ['an S3 delivery file', 'delivery'],
    ['JSON lines', 'lines'],
  ] as const)('%s: records flow out while input is still coming in', async (_name, shape) => {
    const { chunks, pulled, endOf } = source(records, TOTAL, shape);
    let seen = 0;
    let maxAhead = 0;
    for await (const item of readRecordsFromStream(chunks, 'big', { wholeDocumentLimit: LIMIT })) {
      expect(item).toMatchObject({ kind: 'record', index: seen });
      if (item.kind === 'record') expect(item.record.eventID).toBe(`generated-${seen}`);
      // Bytes pulled beyond the end of the record just handed out.
      maxAhead = Math.max(maxAhead, pulled() - endOf(seen));
      seen++;
    }
    expect(seen).toBe(TOTAL);
    expect(pulled()).toBeGreaterThan(20 * LIMIT);
    // The limit's worth collected before deciding, plus a chunk or two: bounded, not growing.
    expect(maxAhead).toBeLessThan(LIMIT + 4 * CHUNK);
  });

  it('a gzipped S3 delivery file: decompressed and split as it comes in', async () => {
    const { chunks, pulled, endOf } = source(records, TOTAL, 'delivery');
    // The limit counts compressed bytes: each holds ~10 of JSON, so the lead it allows is ~10 times larger.
    const limit = 32 * 1024;
    let seen = 0;
    let maxAhead = 0;
    const gzipped = Readable.from(chunks).pipe(createGzip());
    for await (const item of readRecordsFromStream(gzipped, 'big.json.gz', { wholeDocumentLimit: limit })) {
      expect(item).toMatchObject({ kind: 'record', index: seen });
      maxAhead = Math.max(maxAhead, pulled() - endOf(seen));
      seen++;
    }
    expect(seen).toBe(TOTAL);
    expect(maxAhead).toBeLessThan(pulled() / 4);
  });
});
