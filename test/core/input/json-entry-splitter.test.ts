/**
 * The byte-level splitter behind large and damaged documents: entries must come out byte-exact wherever
 * chunk boundaries fall, including inside escapes and multi-byte characters.
 */
import fc from 'fast-check';
import {
  JsonEntrySplitter,
  type SplitEnd,
  type SplitEvent,
} from '../../../src/core/input/json-entry-splitter';

interface Split {
  readonly events: { kind: SplitEvent['kind']; text?: string }[];
  readonly end: SplitEnd;
}

function split(text: string | Buffer, cuts: readonly number[] = [], maxEntryBytes = 1 << 20): Split {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const splitter = new JsonEntrySplitter(maxEntryBytes);
  const events: Split['events'] = [];
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    for (const event of splitter.push(bytes.subarray(bounds[i], bounds[i + 1]))) {
      events.push(
        event.kind === 'oversized'
          ? { kind: event.kind }
          : { kind: event.kind, text: event.bytes.toString('utf8') },
      );
    }
  }
  return { events, end: splitter.finish() };
}

const entries = (texts: readonly string[]): Split['events'] => texts.map((text) => ({ kind: 'entry', text }));

/** Strings with everything that trips a naive scanner: escaped quotes and backslashes, brackets, UTF-8. */
const TRICKY = [
  '{"a":"x\\"y"}',
  '{"b":"\\\\"}',
  '{"c":"\\\\\\"]}"}',
  '{"d":"[{,:}]","e":[1,{"f":null}]}',
  '"a string entry with \\" and ]"',
  '123.5e-3',
  'true',
  'null',
  '{"g":"é€😀"}',
  '[]',
  '{}',
];

describe('JsonEntrySplitter', () => {
  it('splits a delivery file into its records, byte for byte', () => {
    const doc = `{"Records":[${TRICKY.join(',')}]}`;
    expect(split(doc)).toEqual({ events: entries(TRICKY), end: { complete: true } });
  });

  it('splits a top-level array, pretty-printed', () => {
    const doc = `[\n  ${TRICKY.join(',\n  ')}\n]\n`;
    expect(split(doc)).toEqual({ events: entries(TRICKY), end: { complete: true } });
  });

  it('gives the same entries wherever a chunk boundary falls (every single cut, and two-byte chunks)', () => {
    const doc = Buffer.from(`{"other":{"Records":"no"},"Records":[${TRICKY.join(' , ')}],"tail":[1]}`);
    const whole = split(doc);
    expect(whole.events).toEqual(entries(TRICKY));
    for (let cut = 1; cut < doc.length; cut++) expect(split(doc, [cut])).toEqual(whole);
    const everyOther = Array.from({ length: Math.floor(doc.length / 2) }, (_, i) => 2 * i + 1);
    expect(split(doc, everyOther)).toEqual(whole);
  });

  it('finds Records wherever it is among the keys, and only at the top level', () => {
    expect(split('{"a":{"Records":[1]},"Records":[2,3]}').events).toEqual(entries(['2', '3']));
    expect(split('{ "Records" : [ {"x":1} ] , "b": 2 }').events).toEqual(entries(['{"x":1}']));
  });

  it('gives top-level objects without a Records array whole, one after another', () => {
    const docs = ['{"eventName":"A"}', '{"Records":"not a list"}', '{"detail":{"x":[1,2]}}'];
    expect(split(docs.join('\n')).events).toEqual(docs.map((text) => ({ kind: 'document', text })));
    expect(split(docs.join('')).events).toEqual(docs.map((text) => ({ kind: 'document', text })));
  });

  it('reports truncation inside a record and inside the document', () => {
    expect(split('{"Records":[{"a":1},{"b":').end).toEqual({
      complete: false,
      problem: 'truncated JSON: the file ends inside a record after 25 bytes',
    });
    expect(split('{"Records":[{"a":1},{"b":').events).toEqual(entries(['{"a":1}']));
    expect(split('{"eventName":"x"').end).toEqual({
      complete: false,
      problem: 'truncated JSON: the file ends inside the JSON document after 16 bytes',
    });
  });

  it('stops at data that is not JSON, saying where', () => {
    expect(split('[1,2] x').end).toEqual({
      complete: false,
      problem: 'unexpected character "x" after the end of the JSON document, at byte 6',
    });
    expect(split('\u0000').end).toEqual({
      complete: false,
      problem: 'not JSON: unexpected byte 0x00 at byte 0',
    });
  });

  it('skips entries over the cap without holding them, and goes on', () => {
    const big = `{"p":"${'x'.repeat(100)}"}`;
    const doc = Buffer.from(`[{"a":1},${big},{"b":2}]`);
    const expected = [
      { kind: 'entry', text: '{"a":1}' },
      { kind: 'oversized' },
      { kind: 'entry', text: '{"b":2}' },
    ];
    expect(split(doc, [], 50).events).toEqual(expected);
    expect(split(doc, [20, 40, 60, 80, 100], 50).events).toEqual(expected);
    expect(split(`{"k":"${'x'.repeat(100)}"}`, [30], 50).events).toEqual([{ kind: 'oversized' }]);
  });

  it('property: for any JSON array, entries re-parse to its elements under any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        (values, wrapped, rawCuts) => {
          const list = JSON.stringify(values, null, wrapped ? 1 : undefined);
          const doc = Buffer.from(wrapped ? `{"Records":${list}}` : list, 'utf8');
          const cuts = [...new Set(rawCuts.map((cut) => cut % (doc.length + 1)))];
          const result = split(doc, cuts);
          expect(result.end).toEqual({ complete: true });
          expect(result.events.map((event) => JSON.parse(event.text as string) as unknown)).toEqual(
            JSON.parse(JSON.stringify(values)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
