import type { LeashEvent, Mode, ResponseType, Severity } from '../model';

/** Where a baseline statement was written, for explanations and lint output. */
export interface StatementRef {
  /** Index in the `allow` list. */
  readonly index: number;
  readonly sid?: string;
  /** 1-based line of the statement in its file, when known. */
  readonly line?: number;
}

/** One `allow` statement as written, for explanations, lint output and reports. */
export interface BaselineStatement {
  readonly ref: StatementRef;
  readonly actions: readonly string[];
  /** `['*']` when the statement does not restrict resources. */
  readonly resources: readonly string[];
  readonly regions?: readonly string[];
  readonly accounts?: readonly string[];
}

/** Why an event is (or is not) inside the baseline. */
export interface BaselineDecision {
  readonly allowed: boolean;
  /** The first statement that allowed the event. */
  readonly statement?: StatementRef;
  /**
   * Why no statement allowed it: `action` (no statement names the action), `sensitive` (only a wildcard
   * matched a sensitive action), `resource`, `region` or `account` (the action is allowed elsewhere).
   */
  readonly reason?: 'action' | 'sensitive' | 'resource' | 'region' | 'account';
  /** True when the statement restricts resources but the record named none Leash could check. */
  readonly resourceUnverified?: boolean;
}

/** A declared workflow: the Write actions of a known task, in the order they are expected. */
export interface Workflow {
  readonly name: string;
  /** Exact IAM actions, in order. */
  readonly steps: readonly string[];
  /** How long the whole workflow may take, in milliseconds. */
  readonly withinMs: number;
}

export interface RateLimits {
  /** Calls per sliding minute above which `velocity.rate` fires. */
  readonly callsPerMinute: number;
  /** Refused calls per sliding 5 minutes above which `velocity.refused-burst` fires. */
  readonly refusedPer5Minutes: number;
  /** Distinct List/Describe actions per sliding 5 minutes above which `velocity.discovery-burst` fires. */
  readonly discoveryActionsPer5Minutes: number;
}

/** How agents are bound to a baseline. */
export interface Binding {
  /** Role (or principal) ARN globs, `*` and `?` wildcards. */
  readonly principalArns: readonly string[];
  /** Role names (no path), exact or glob. */
  readonly roleNames: readonly string[];
  /** Values of the agent tag that select this baseline. */
  readonly tagValues: readonly string[];
}

/**
 * A baseline compiled once for fast evaluation. All matching is precompiled: no regex is built per event.
 */
export interface CompiledBaseline {
  readonly name: string;
  /** The file it came from, or `<builtin>`. */
  readonly source: string;
  /** What the baseline is for, as its file says. */
  readonly description?: string;
  readonly mode: Mode;
  readonly binding: Binding;
  /** Allowed regions, or undefined for any. Global services' events (IAM, STS in us-east-1) are exempt. */
  readonly regions?: readonly string[];
  /** Allowed accounts, or undefined for any. */
  readonly accounts?: readonly string[];
  readonly rate: RateLimits;
  readonly workflows: readonly Workflow[];
  /** Planned responses per severity for `enforce`/`govern` (`alert` mode keeps only `alert`). */
  readonly responses: Readonly<Record<Severity, readonly ResponseType[]>>;
  /** The `allow` statements as written (absent on hand-built baselines, e.g. test doubles). */
  readonly statements?: readonly BaselineStatement[];
  /** Is this event inside the baseline? */
  decide(event: LeashEvent): BaselineDecision;
  /** True when some statement names this exact action (no wildcard) — a reviewed grant. */
  grantsExactly(action: string): boolean;
}
