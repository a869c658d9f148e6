import { AgentDirectory, type BaselineOverride } from './baseline/agent-directory';
import type { CompiledBaseline } from './baseline/compiled-baseline';
import type { ActionCatalog } from './catalog/iam-catalog';
import { detailsPolicy, type DetailsPolicy } from './details-policy';
import { defaultDetectorPack } from './detectors/default-pack';
import type { DetectorSettings } from './detectors/detector';
import type { DetectorPack } from './detectors/pack';
import { Engine, type EngineStats } from './engine/engine';
import type { Verdict } from './model';
import { EventNormalizer } from './normalize/normalize-record';
import { ResponsePlanner } from './response/plan';
import type { StateStore } from './state/state-store';

export interface LeashCoreOptions {
  readonly catalog: ActionCatalog;
  readonly baselines: readonly CompiledBaseline[];
  /** Principal globs bound to baselines where tags are unknown (replay's `--agent`). */
  readonly overrides?: readonly BaselineOverride[];
  /** The agent tag's value on a principal, from the agent registry. */
  readonly tagOf?: (principalArn: string) => string | undefined;
  readonly settings?: DetectorSettings;
  /** Principal ARN globs never to contain (Leash's own roles, break-glass roles). */
  readonly protectedPrincipals?: readonly string[];
  /** @default 15 minutes (see `EngineOptions.reorderWindowMs`) */
  readonly reorderWindowMs?: number;
  readonly state?: StateStore;
  /** @default the shipped detectors */
  readonly pack?: DetectorPack;
  /** Which events keep their request and response. @default those the pack or an undo reads */
  readonly keepDetails?: DetailsPolicy;
}

/** Counts of records that could not be judged, with a few examples of why. */
export interface MalformedCount {
  count: number;
  examples: string[];
}

/**
 * Raw CloudTrail records in, verdicts out: the one decision path shared by replay, explain and the stack.
 */
export class LeashCore {
  readonly normalizer: EventNormalizer;
  readonly directory: AgentDirectory;
  readonly engine: Engine;
  readonly malformed: MalformedCount = { count: 0, examples: [] };

  constructor(options: LeashCoreOptions) {
    const pack = options.pack ?? defaultDetectorPack();
    this.normalizer = new EventNormalizer(options.catalog, options.keepDetails ?? detailsPolicy(pack));
    this.directory = new AgentDirectory(options.baselines, {
      overrides: options.overrides,
      tagOf: options.tagOf,
    });
    this.engine = new Engine({
      directory: this.directory,
      pack,
      settings: options.settings,
      planner: new ResponsePlanner({ protectedPrincipals: options.protectedPrincipals ?? [] }),
      reorderWindowMs: options.reorderWindowMs,
      state: options.state,
    });
  }

  /**
   * Judge one raw record (verdicts may come later, once the reorder window releases them). Returns false
   * when the record is malformed: it is counted with its reason, never silently passed.
   */
  pushRecord(raw: unknown, emit: (v: Verdict) => void, origin?: string): boolean {
    const result = this.normalizer.normalize(raw);
    if (!result.ok) {
      this.noteMalformed(origin ? `${origin}: ${result.error}` : result.error);
      return false;
    }
    this.engine.push(result.event, emit);
    return true;
  }

  /** Count a record that never reached the normaliser (unreadable file, bad JSON line). */
  noteMalformed(reason: string): void {
    this.malformed.count++;
    if (this.malformed.examples.length < 20) this.malformed.examples.push(reason);
  }

  flush(emit: (v: Verdict) => void): void {
    this.engine.flush(emit);
  }

  get stats(): EngineStats {
    return this.engine.stats;
  }

  /** Events whose action the IAM catalog did not know (mapped best-effort, still judged). */
  get unknownActions(): ReadonlyMap<string, number> {
    return this.normalizer.actions.unknown;
  }
}
