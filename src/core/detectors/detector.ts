import type { CompiledBaseline } from '../baseline/compiled-baseline';
import type { AgentState } from '../state/agent-state';
import type { AgentRef, Category, Finding, LeashEvent, Severity } from '../model';

/** Settings that hold for the whole deployment, not one agent. */
export interface DetectorSettings {
  /** The tag key that marks a role as an agent (touching it is defense evasion). */
  readonly agentTagKey: string;
  /**
   * Name fragments of Leash's own resources (stack name, function and rule prefixes). Any write to a
   * resource whose name or ARN contains one of them is an attempt to disarm Leash.
   */
  readonly leashResourceMarkers: readonly string[];
}

export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = {
  agentTagKey: 'leash:agent',
  leashResourceMarkers: ['Leash', 'leash'],
};

/** Everything a detector may look at for one event. */
export interface DetectorContext {
  readonly event: LeashEvent;
  readonly agent: AgentRef;
  readonly baseline: CompiledBaseline;
  /** State of this agent (windows, remembered steps), already scoped by the engine. */
  readonly state: AgentState;
  readonly settings: DetectorSettings;
}

/** What a detector returns: one finding, several, or nothing. */
export type DetectorResult = Finding | readonly Finding[] | undefined;

/**
 * A pure rule. It must not keep state of its own (use `ctx.state`), must not throw on odd input, and
 * must be cheap: it runs for every event whose IAM action is in `triggers` (every event when absent).
 */
export interface Detector {
  /** Stable id, `<family>.<name>`, e.g. `privesc.attach-policy`. Never renamed: outputs depend on it. */
  readonly id: string;
  readonly category: Category;
  /** The severity of a typical hit; `evaluate` may raise or lower it per event. */
  readonly severity: Severity;
  /** One line: why this matters for an agent. */
  readonly rationale: string;
  /**
   * IAM actions (exact, `service:Action`) this detector reacts to. The pack indexes detectors by these,
   * so an event only meets the detectors that can fire on it. Omit to run on every event (stateful ones).
   */
  readonly triggers?: readonly string[];
  evaluate(ctx: DetectorContext): DetectorResult;
}
