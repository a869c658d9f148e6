/**
 * Properties of the whole core (normalise → judge → plan) on arbitrary and mutated real input:
 * it never throws, a duplicate never counts twice, and delivery order never changes the findings.
 */
import fc from 'fast-check';
import { permissiveBaseline } from '../../../src/core/baseline';
import { loadActionCatalog, type ActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { LeashCore } from '../../../src/core/leash-core';
import type { Verdict } from '../../../src/core/model';
import { corpusEntries, describeWithCorpus } from '../../support/corpus';

let catalog: ActionCatalog;
beforeAll(async () => {
  catalog = await loadActionCatalog();
});

/** A core where every principal is an agent, with a reorder window wider than any input here. */
function newCore(): LeashCore {
  return new LeashCore({
    catalog,
    baselines: [permissiveBaseline()],
    overrides: [{ principalGlob: '*', baseline: 'permissive' }],
    reorderWindowMs: 7 * 24 * 3600 * 1000,
  });
}

/** Every finding as one comparable line; sorted, so the result is a set. */
function findingsOf(records: readonly unknown[]): string[] {
  const core = newCore();
  const out: string[] = [];
  const emit = (v: Verdict): void => {
    for (const f of v.findings) out.push(`${f.key}|${f.detector}|${f.category}|${f.severity}|${f.eventId}`);
  };
  for (const r of records) core.pushRecord(r, emit);
  core.flush(emit);
  return out.sort();
}

describe('core on arbitrary input', () => {
  it('never throws on arbitrary JSON, and counts what it cannot judge', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 20 }), (values) => {
        const core = newCore();
        let accepted = 0;
        for (const v of values) if (core.pushRecord(v, () => undefined)) accepted++;
        core.flush(() => undefined);
        expect(accepted + core.malformed.count).toBe(values.length);
      }),
      { numRuns: 300 },
    );
  });
});

describeWithCorpus('core on real records', () => {
  // A slice of the real records, rich in attacks: the Stratus run's calls and Panther's rule tests.
  const sample = (): Record<string, unknown>[] =>
    corpusEntries()
      .filter((e) => e.label_hint !== null)
      .slice(0, 400)
      .map((e) => e.record);

  it('never throws on mutated real records', () => {
    const records = sample();
    const paths = [
      'userIdentity',
      'requestParameters',
      'responseElements',
      'eventTime',
      'eventName',
      'errorCode',
      'awsRegion',
      'resources',
      'eventSource',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: records.length - 1 }),
        fc.constantFrom(...paths),
        fc.oneof(fc.jsonValue(), fc.constant(undefined)),
        fc.option(
          fc.constantFrom(
            'type',
            'arn',
            'sessionContext',
            'accessKeyId',
            'roleName',
            'policyArn',
            'bucketName',
          ),
          { nil: undefined },
        ),
        (index, field, value, inner) => {
          const record = structuredClone(records[index]);
          const target = record[field];
          if (
            inner !== undefined &&
            typeof target === 'object' &&
            target !== null &&
            !Array.isArray(target)
          ) {
            (target as Record<string, unknown>)[inner] = value;
          } else {
            record[field] = value;
          }
          const core = newCore();
          core.pushRecord(record, () => undefined);
          core.flush(() => undefined);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('counts a duplicate delivery once', () => {
    const records = sample().slice(0, 150);
    const expected = findingsOf(records);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: records.length - 1 }), { minLength: 1, maxLength: 30 }),
        (dups) => {
          const withDuplicates = [...records, ...dups.map((i) => structuredClone(records[i]))];
          expect(findingsOf(withDuplicates)).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives the same findings whatever the delivery order', () => {
    const records = corpusEntries()
      .filter((e) => e.source === 'invictus-aws_dataset')
      .slice(0, 1200)
      .map((e) => e.record);
    const expected = findingsOf(records);
    expect(expected.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
        (shuffled) => {
          expect(findingsOf(shuffled)).toEqual(expected);
        },
      ),
      { numRuns: 10 },
    );
  });
});
