import { compileGlobs, type GlobMatcher } from '../baseline/glob';
import type { CompiledBaseline } from '../baseline/compiled-baseline';
import {
  RESPONSE_TYPES,
  SEVERITIES,
  type AgentRef,
  type Finding,
  type LeashEvent,
  type Mode,
  type ResponseStep,
  type ResponseType,
  type Severity,
} from '../model';
import { undoCallFor } from './undo-calls';
import { BoundedCache } from '../bounded-cache';

/** Principals whose protection is remembered before that memory starts over. */
const PRINCIPAL_CACHE_LIMIT = 100_000;

export interface PlannerSettings {
  /**
   * Principal ARN globs Leash must never contain (its own roles, break-glass roles). Their findings still
   * alert; nothing else is planned for them.
   */
  readonly protectedPrincipals: readonly string[];
}

/** Which response types each mode may carry out: a mode is a ceiling on the baseline's responses. */
const MODE_ALLOWS: Readonly<Record<Mode, ReadonlySet<ResponseType>>> = {
  observe: new Set(),
  alert: new Set(['alert']),
  enforce: new Set(['alert', 'deny-actions', 'revoke-sessions', 'quarantine']),
  govern: new Set(['alert', 'deny-actions', 'revoke-sessions', 'quarantine', 'undo']),
};

/**
 * Turns a verdict's findings into the steps the agent's mode and baseline call for. Pure: the responder
 * carries the steps out (snapshot first, idempotent per event), replay only reports them.
 */
export class ResponsePlanner {
  /** The same IAM-style globs as baseline bindings, compiled once. */
  private readonly isProtected: GlobMatcher;

  /** Per baseline, the response types of each severity: worked out once, not for every verdict. */
  private readonly typesByBaseline = new WeakMap<CompiledBaseline, ResponseTypesBySeverity>();
  /** Per principal, whether it is protected (one glob test per principal, not per verdict). */
  private readonly protectedByPrincipal = new BoundedCache<string, boolean>(PRINCIPAL_CACHE_LIMIT);

  constructor(settings: PlannerSettings = { protectedPrincipals: [] }) {
    this.isProtected = compileGlobs(settings.protectedPrincipals);
  }

  private typesFor(baseline: CompiledBaseline, severity: Severity): readonly ResponseType[] {
    let bySeverity = this.typesByBaseline.get(baseline);
    if (bySeverity === undefined) {
      bySeverity = responseTypesOf(baseline);
      this.typesByBaseline.set(baseline, bySeverity);
    }
    return bySeverity[severity];
  }

  private protectedPrincipal(principalArn: string): boolean {
    let found = this.protectedByPrincipal.get(principalArn);
    if (found === undefined) {
      found = this.isProtected(principalArn);
      this.protectedByPrincipal.set(principalArn, found);
    }
    return found;
  }

  plan(
    event: LeashEvent,
    agent: AgentRef,
    baseline: CompiledBaseline,
    findings: readonly Finding[],
    severity: Severity,
  ): readonly ResponseStep[] {
    const types = this.typesFor(baseline, severity);
    if (types.length === 0) return NO_STEPS;
    const target = agent.principalArn;
    // `severity` is the findings' highest: the first finding of that severity leads.
    const lead = findings.find((f) => f.severity === severity) ?? findings[0];
    const reason = `${lead.detector}: ${lead.message}`;
    if (this.protectedPrincipal(target)) {
      return types.includes('alert')
        ? [{ type: 'alert', target, reason: `${reason} (protected principal: alert only)` }]
        : [];
    }
    const steps: ResponseStep[] = [];
    for (const type of types) {
      switch (type) {
        case 'alert':
          steps.push({ type, target, reason });
          break;
        case 'deny-actions':
          steps.push({ type, target, reason, actions: [event.action.action] });
          break;
        case 'revoke-sessions':
          steps.push({ type, target, reason, tokenIssuedBefore: event.eventTime });
          break;
        case 'quarantine':
          steps.push({ type, target, reason: `${reason}; deny all and lock the trust policy until release` });
          break;
        case 'undo': {
          const undo = undoCallFor(event);
          if (undo)
            steps.push({
              type,
              target,
              reason,
              call: undo.call,
              needsSnapshot: undo.needsSnapshot || undefined,
            });
          break;
        }
      }
    }
    return steps;
  }
}

const NO_STEPS: readonly ResponseStep[] = Object.freeze([]);

type ResponseTypesBySeverity = Readonly<Record<Severity, readonly ResponseType[]>>;

/**
 * For each severity, the response types the baseline configures that its mode may carry out, in
 * `RESPONSE_TYPES` order. Revoking sessions alone is undone by the next AssumeRole: it always goes with a
 * deny (or a quarantine, which denies everything).
 */
function responseTypesOf(baseline: CompiledBaseline): ResponseTypesBySeverity {
  const allowed = MODE_ALLOWS[baseline.mode];
  const typesOf = (severity: Severity): readonly ResponseType[] => {
    const wanted = new Set(baseline.responses[severity].filter((t) => allowed.has(t)));
    if (wanted.has('revoke-sessions') && !wanted.has('quarantine')) wanted.add('deny-actions');
    return Object.freeze(RESPONSE_TYPES.filter((t) => wanted.has(t)));
  };
  return Object.fromEntries(SEVERITIES.map((s) => [s, typesOf(s)])) as ResponseTypesBySeverity;
}
