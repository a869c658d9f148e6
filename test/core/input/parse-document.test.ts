/**
 * The piecewise parse of delivery files must give exactly what `JSON.parse` gives — the same records, or
 * the same error — and leave the bytes it borrows as they were.
 */
import fc from 'fast-check';
import {
  parseDocument,
  parseRecordsInPieces,
  PIECEWISE_FROM_BYTES,
} from '../../../src/core/input/parse-document';
import { describeWithCorpus } from '../../support/corpus';
import { largestInvictusFile } from './input-fixtures';

/** Parses `bytes` in pieces of `pieceBytes`, checking the bytes come back unchanged. */
function inPieces(bytes: Buffer, pieceBytes: number): unknown[] | undefined {
  const before = Buffer.from(bytes);
  const records = parseRecordsInPieces(bytes, pieceBytes);
  expect(bytes.equals(before)).toBe(true);
  return records;
}

/** A record as CloudTrail writes it (eventVersion first), with `extra` nested inside. */
const record = (extra: unknown, i = 0): Record<string, unknown> => ({
  eventVersion: '1.08',
  eventName: `Call${i}`,
  eventTime: '2026-01-05T00:00:00Z',
  requestParameters: extra,
});

describe('parseRecordsInPieces', () => {
  it('gives the records of a compact delivery document, cut into pieces of any size', () => {
    const records = Array.from({ length: 40 }, (_, i) => record({ n: i, text: 'é – ✓' }, i));
    const bytes = Buffer.from(JSON.stringify({ Records: records }));
    for (const pieceBytes of [1, 50, 300, 1000, bytes.length]) {
      expect(inPieces(bytes, pieceBytes)).toEqual(records);
    }
  });

  it('finds the records however their nested values look like a cut between records', () => {
    // Objects nested in a record whose first key is eventVersion make the cut bytes appear inside a
    // record, and strings can hold the same characters: the result must still be JSON.parse's.
    const nested = { items: [{ eventVersion: 'x' }, { eventVersion: 'y' }, { eventVersion: 'z' }] };
    const inString = { text: '},{"eventVersion":"1.08"}' };
    const records = Array.from({ length: 30 }, (_, i) => record(i % 2 === 0 ? nested : inString, i));
    const bytes = Buffer.from(JSON.stringify({ Records: records }));
    const outcomes = { pieces: 0, declined: 0 };
    for (let pieceBytes = 1; pieceBytes < 400; pieceBytes += 7) {
      const result = inPieces(bytes, pieceBytes);
      // Either the right records or a refusal (then the document is parsed whole), never other records.
      if (result === undefined) outcomes.declined++;
      else {
        expect(result).toEqual(records);
        outcomes.pieces++;
      }
    }
    // Both happen: some sizes land every cut between records, others reach a nested one first.
    expect(outcomes.pieces).toBeGreaterThan(0);
    expect(outcomes.declined).toBeGreaterThan(0);
    expect(
      parseDocument(Buffer.from(JSON.stringify({ Records: records }).padEnd(PIECEWISE_FROM_BYTES))),
    ).toEqual({
      Records: records,
    });
  });

  it('declines documents of other shapes, so they are parsed whole', () => {
    const records = [record(1), record(2)];
    for (const text of [
      JSON.stringify(records),
      JSON.stringify({ Records: records }, null, 2),
      `\uFEFF${JSON.stringify({ Records: records })}`,
      JSON.stringify({ Records: records, Other: [1] }),
      JSON.stringify({ Records: records }).slice(0, -1),
    ]) {
      expect(inPieces(Buffer.from(text), 10)).toBeUndefined();
    }
  });

  it('declines a document damaged inside a piece, and the whole parse reports the damage', () => {
    const records = Array.from({ length: 20 }, (_, i) => record({ n: i }, i));
    const text = JSON.stringify({ Records: records }).padEnd(PIECEWISE_FROM_BYTES);
    const damaged = Buffer.from(text.replace('"n":7', '"n":7,,'));
    expect(inPieces(damaged, 100)).toBeUndefined();
    let expected: unknown;
    try {
      JSON.parse(damaged.toString());
    } catch (error) {
      expected = error;
    }
    expect(() => parseDocument(damaged)).toThrow((expected as Error).message);
  });

  it('agrees with JSON.parse on arbitrary records and piece sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom('', ' ', '\n', ' \r\n\t'),
        (extras, pieceBytes, trailing) => {
          const text = `${JSON.stringify({ Records: extras.map((e, i) => record(e, i)) })}${trailing}`;
          const bytes = Buffer.from(text);
          const result = inPieces(bytes, pieceBytes);
          expect(result).toEqual((JSON.parse(text) as { Records: unknown[] }).Records);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseDocument', () => {
  it('parses small documents of every shape as JSON.parse does', () => {
    for (const value of [{ Records: [record(1)] }, [record(2)], record(3), 'text', null]) {
      expect(parseDocument(Buffer.from(JSON.stringify(value)))).toEqual(value);
    }
  });
});

describeWithCorpus('a real delivery file parsed in pieces', () => {
  it('gives the records JSON.parse gives, and leaves the bytes as they were', () => {
    const { bytes, records } = largestInvictusFile();
    expect(bytes.length).toBeGreaterThanOrEqual(PIECEWISE_FROM_BYTES);
    const copy = Buffer.from(bytes);
    expect(parseDocument(copy)).toEqual({ Records: records });
    expect(copy.equals(bytes)).toBe(true);
    for (const pieceBytes of [2_000, 20_000]) expect(inPieces(copy, pieceBytes)).toEqual(records);
  });
});
