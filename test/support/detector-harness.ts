/**
 * Runs a detector on real records: normalises the record, resolves it to a test agent and a small
 * stand-in baseline, and keeps one agent state across calls so stateful detectors can be fed a sequence.
 */
import type { CompiledBaseline, RateLimits, Workflow } from '../../src/core/baseline/compiled-baseline';
import { loadActionCatalog } from '../../src/core/catalog/iam-catalog';
import { isSensitiveAction } from '../../src/core/catalog/sensitive-actions';
import {
  DEFAULT_DETECTOR_SETTINGS,
  type Detector,
  type DetectorContext,
  type DetectorResult,
  type DetectorSettings,
} from '../../src/core/detectors/detector';
import type { AgentRef, Finding, LeashEvent, Mode } from '../../src/core/model';
import { EventNormalizer } from '../../src/core/normalize/normalize-record';
import { InMemoryAgentState } from '../../src/core/state/in-memory-agent-state';

export interface TestBaselineOptions {
  readonly name?: string;
  readonly mode?: Mode;
  /** Actions the baseline allows (exact, case-insensitive); default: everything that is not sensitive. */
  readonly allowActions?: readonly string[];
  readonly regions?: readonly string[];
  readonly accounts?: readonly string[];
  readonly rate?: Partial<RateLimits>;
  readonly workflows?: readonly Workflow[];
}

/** A stand-in for a compiled baseline, for detector tests that must not depend on the baseline loader. */
export function testBaseline(options: TestBaselineOptions = {}): CompiledBaseline {
  const exact = new Set((options.allowActions ?? []).map((a) => a.toLowerCase()));
  const allows = (action: string): boolean =>
    options.allowActions ? exact.has(action.toLowerCase()) : !isSensitiveAction(action);
  return {
    name: options.name ?? 'test-agent',
    source: '<test>',
    mode: options.mode ?? 'enforce',
    binding: { principalArns: [], roleNames: [], tagValues: [] },
    regions: options.regions,
    accounts: options.accounts,
    rate: { callsPerMinute: 300, refusedPer5Minutes: 20, discoveryActionsPer5Minutes: 40, ...options.rate },
    workflows: options.workflows ?? [],
    responses: {
      info: [],
      low: [],
      medium: ['alert'],
      high: ['alert', 'deny-actions'],
      critical: ['alert', 'revoke-sessions', 'quarantine', 'undo'],
    },
    decide: (event: LeashEvent) =>
      allows(event.action.action)
        ? { allowed: true, statement: { index: 0 } }
        : { allowed: false, reason: isSensitiveAction(event.action.action) ? 'sensitive' : 'action' },
    grantsExactly: (action: string) => exact.has(action.toLowerCase()),
  };
}

/** A detector's result as a list: none, one or several findings. */
export function findingsOf(result: DetectorResult): Finding[] {
  if (result === undefined) return [];
  return Array.isArray(result) ? [...(result as Finding[])] : [result as Finding];
}

export interface Harness {
  normalize(record: unknown): LeashEvent;
  /** Run one detector on one record (state persists across calls of this harness). */
  run(detector: Detector, record: unknown, baseline?: CompiledBaseline): Finding[];
  context(record: unknown, baseline?: CompiledBaseline): DetectorContext;
}

export async function detectorHarness(
  settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS,
): Promise<Harness> {
  const normalizer = new EventNormalizer(await loadActionCatalog());
  const state = new InMemoryAgentState();
  const normalize = (record: unknown): LeashEvent => {
    const result = normalizer.normalize(record);
    if (!result.ok) throw new Error(`record does not normalise: ${result.error}`);
    return result.event;
  };
  const context = (record: unknown, baseline = testBaseline()): DetectorContext => {
    const event = normalize(record);
    const agent: AgentRef = { principalArn: event.identity.principalArn, baseline: baseline.name };
    return { event, agent, baseline, state, settings };
  };
  return {
    normalize,
    context,
    run(detector, record, baseline) {
      return findingsOf(detector.evaluate(context(record, baseline)));
    },
  };
}
