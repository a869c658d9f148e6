import fc from 'fast-check';
import { callRate } from '../../../../src/core/detectors/velocity/call-rate';
import { discoveryBurst } from '../../../../src/core/detectors/velocity/discovery-burst';
import { refusedBurst } from '../../../../src/core/detectors/velocity/refused-burst';
import type { Detector } from '../../../../src/core/detectors/detector';
import type { CompiledBaseline } from '../../../../src/core/baseline/compiled-baseline';
import type { Finding } from '../../../../src/core/model';
import { InMemoryAgentState } from '../../../../src/core/state/in-memory-agent-state';
import { asAssumedRole, corpusEntries, describeWithCorpus, type CorpusRecord } from '../../../support/corpus';
import { detectorHarness, testBaseline } from '../../../support/detector-harness';

/** Real invictus records matching `pred`, in the engine's order (eventTime, eventID). */
function ordered(pred: (r: CorpusRecord) => boolean): CorpusRecord[] {
  return corpusEntries()
    .filter((e) => e.source.startsWith('invictus') && pred(e.record as CorpusRecord))
    .map((e) => structuredClone(e.record) as CorpusRecord)
    .sort(
      (a, b) =>
        String(a.eventTime).localeCompare(String(b.eventTime)) ||
        String(a.eventID).localeCompare(String(b.eventID)),
    );
}

async function feed(
  detector: Detector,
  records: readonly CorpusRecord[],
  baseline: CompiledBaseline,
): Promise<Finding[]> {
  const h = await detectorHarness();
  return records.flatMap((r) => h.run(detector, r, baseline));
}

const refusedPasswordData = (): CorpusRecord[] =>
  ordered((r) => r.eventName === 'GetPasswordData' && r.errorCode !== undefined);

/** The Stratus user's calls in its busiest minute (12:07), re-attributed to one agent role. */
const busyMinute = (): CorpusRecord[] =>
  ordered(
    (r) => r.userIdentity?.type === 'IAMUser' && String(r.eventTime).startsWith('2023-07-10T12:07'),
  ).map((r) => asAssumedRole(r));

describeWithCorpus('velocity detectors on real sequences', () => {
  describe('velocity.refused-burst', () => {
    it('fires once on the Stratus ec2-get-password-data run (29 denied calls in 4 s)', async () => {
      const findings = await feed(
        refusedBurst,
        refusedPasswordData(),
        testBaseline({ rate: { refusedPer5Minutes: 20 } }),
      );
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ detector: 'velocity.refused-burst', severity: 'high' });
      expect(findings[0].evidence).toHaveLength(1);
    });
    it('fires on the ec2-download-user-data run too', async () => {
      const denied = ordered((r) => r.eventName === 'DescribeInstanceAttribute' && r.errorCode !== undefined);
      expect(
        await feed(refusedBurst, denied, testBaseline({ rate: { refusedPer5Minutes: 10 } })),
      ).toHaveLength(1);
    });
    it('does not fire under the limit, nor on successful calls', async () => {
      expect(
        await feed(refusedBurst, refusedPasswordData(), testBaseline({ rate: { refusedPer5Minutes: 40 } })),
      ).toEqual([]);
      expect(
        await feed(
          refusedBurst,
          busyMinute().filter((r) => r.errorCode === undefined),
          testBaseline({ rate: { refusedPer5Minutes: 1 } }),
        ),
      ).toEqual([]);
    });
    it('does not double-count a duplicate delivery (same eventID twice)', async () => {
      const records = refusedPasswordData();
      const doubled = records.flatMap((r) => [r, structuredClone(r)]);
      expect(
        await feed(refusedBurst, doubled, testBaseline({ rate: { refusedPer5Minutes: records.length } })),
      ).toEqual([]);
      expect(
        await feed(refusedBurst, doubled, testBaseline({ rate: { refusedPer5Minutes: records.length - 1 } })),
      ).toHaveLength(1);
    });
  });

  describe('velocity.rate', () => {
    it('fires once when the calls of a minute exceed the baseline', async () => {
      const records = busyMinute();
      expect(records.length).toBeGreaterThan(300);
      const findings = await feed(callRate, records, testBaseline({ rate: { callsPerMinute: 300 } }));
      expect(findings).toHaveLength(1);
      expect(findings[0].key).toMatch(
        /^velocity\.rate:arn:aws:iam::123456789012:role\/agents\/ci-fixer:\d+$/,
      );
    });
    it('does not fire under the limit', async () => {
      expect(await feed(callRate, busyMinute(), testBaseline({ rate: { callsPerMinute: 1000 } }))).toEqual(
        [],
      );
    });
  });

  describe('velocity.discovery-burst', () => {
    it('fires on many distinct List/Read actions in 5 minutes', async () => {
      const findings = await feed(
        discoveryBurst,
        busyMinute(),
        testBaseline({ rate: { discoveryActionsPer5Minutes: 10 } }),
      );
      expect(findings).toHaveLength(1);
      expect(findings[0].details?.distinctActions).toBe(11);
    });
    it('does not fire on one action repeated (39 ListAttachedRolePolicies)', async () => {
      const same = ordered((r) => r.eventName === 'ListAttachedRolePolicies').map((r) => asAssumedRole(r));
      expect(same.length).toBeGreaterThan(30);
      expect(
        await feed(discoveryBurst, same, testBaseline({ rate: { discoveryActionsPer5Minutes: 2 } })),
      ).toEqual([]);
    });
  });

  it('gives identical finding keys for the same time-ordered history in fresh harnesses', async () => {
    const history = [...refusedPasswordData(), ...busyMinute()].sort(
      (a, b) =>
        String(a.eventTime).localeCompare(String(b.eventTime)) ||
        String(a.eventID).localeCompare(String(b.eventID)),
    );
    const baseline = testBaseline({
      rate: { callsPerMinute: 100, refusedPer5Minutes: 5, discoveryActionsPer5Minutes: 5 },
    });
    const keys = async (): Promise<string[]> => {
      const h = await detectorHarness();
      return history
        .flatMap((r) => [callRate, refusedBurst, discoveryBurst].flatMap((d) => h.run(d, r, baseline)))
        .map((f) => f.key);
    };
    const first = await keys();
    expect(first.length).toBeGreaterThan(2);
    expect(await keys()).toEqual(first);
  });
});

describe('InMemoryAgentState windows (velocity relies on them)', () => {
  it('counts distinct values and hits like a brute-force scan, in order and with late entries', () => {
    const state = new InMemoryAgentState();
    const seen: { t: number; v: string }[] = [];
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let now = 1_000_000;
    for (let i = 0; i < 3000; i++) {
      now += rand(50);
      const t = rand(10) === 0 ? now - rand(400) : now;
      const v = `a${rand(30)}`;
      seen.push({ t, v });
      const expected = new Set(seen.filter((s) => s.t > t - 1000 && s.t <= t).map((s) => s.v)).size;
      expect(state.distinct('k', v, t, 1000)).toBe(expected);
      const hits = seen.filter((s) => s.t > t - 1000 && s.t <= t).length;
      expect(state.hit('h', `id${i}`, t, 1000)).toBe(hits);
    }
  });

  it('counts a call once when two detectors hit one key for it, and a call with its id at another time anew', () => {
    // Calls are told apart by (eventTime, eventID), as the engine's duplicate check does.
    const state = new InMemoryAgentState();
    expect(state.hit('calls', 'a', 1000, 60_000)).toBe(1);
    expect(state.hit('calls', 'a', 1000, 60_000)).toBe(1);
    expect(state.hit('calls', 'b', 1000, 60_000)).toBe(2);
    expect(state.hit('calls', 'b', 1000, 60_000)).toBe(2);
    expect(state.hit('calls', 'b', 2000, 60_000)).toBe(3);
  });

  it('counts distinct values like a brute-force scan when many calls share a second and values recur', () => {
    // Ties and recurring values are where an incremental window can forget a value that is still inside it.
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 3 }), v: fc.integer({ min: 0, max: 4 }) }), {
          maxLength: 200,
        }),
        fc.integer({ min: 1, max: 8 }),
        (steps, windowMs) => {
          const state = new InMemoryAgentState();
          const seen: { t: number; v: string }[] = [];
          let t = 0;
          for (const { dt, v } of steps) {
            t += dt;
            seen.push({ t, v: `v${v}` });
            const expected = new Set(seen.filter((s) => s.t > t - windowMs).map((s) => s.v)).size;
            expect(state.distinct('k', `v${v}`, t, windowMs)).toBe(expected);
          }
        },
      ),
    );
  });

  it('counts distinct values like a scan with late entries and windows of changing length', () => {
    // A late entry and a new window length both make the incremental counts start over or adjust in
    // place; every mix of them must still give the scan's answer.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            dt: fc.integer({ min: 0, max: 4 }),
            late: fc.integer({ min: 0, max: 12 }),
            v: fc.integer({ min: 0, max: 5 }),
            windowMs: fc.constantFrom(3, 8),
          }),
          { maxLength: 300 },
        ),
        (steps) => {
          const state = new InMemoryAgentState();
          const seen: { t: number; v: string }[] = [];
          let now = 100;
          for (const { dt, late, v, windowMs } of steps) {
            now += dt;
            const t = late > 8 ? now - late : now;
            seen.push({ t, v: `v${v}` });
            const expected = new Set(seen.filter((s) => s.t > t - windowMs && s.t <= t).map((s) => s.v)).size;
            expect(state.distinct('k', `v${v}`, t, windowMs)).toBe(expected);
          }
        },
      ),
    );
  });
});
