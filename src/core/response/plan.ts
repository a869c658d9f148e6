import { compileGlobs, type GlobMatcher } from '../baseline/glob';
import type { CompiledBaseline } from '../baseline/compiled-baseline';
import {
  RESPONSE_TYPES,
  type AgentRef,
  type Finding,
  type LeashEvent,
  type Mode,
  type ResponseStep,
  type ResponseType,
  type Severity,
} from '../model';
import { undoCallFor } from './undo-calls';

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

  constructor(settings: PlannerSettings = { protectedPrincipals: [] }) {
    this.isProtected = compileGlobs(settings.protectedPrincipals);
  }

  plan(
    event: LeashEvent,
    agent: AgentRef,
    baseline: CompiledBaseline,
    findings: readonly Finding[],
    severity: Severity,
  ): readonly ResponseStep[] {
    const configured = baseline.responses[severity];
    if (configured.length === 0 || baseline.mode === 'observe') return NO_STEPS;
    const allowed = MODE_ALLOWS[baseline.mode];
    const wanted = configured.filter((t) => allowed.has(t));
    if (wanted.length === 0) return NO_STEPS;
    const target = agent.principalArn;
    // `severity` is the findings' highest: the first finding of that severity leads.
    const lead = findings.find((f) => f.severity === severity) ?? findings[0];
    const reason = `${lead.detector}: ${lead.message}`;
    if (this.isProtected(target)) {
      return wanted.includes('alert')
        ? [{ type: 'alert', target, reason: `${reason} (protected principal: alert only)` }]
        : [];
    }
    // Revoking sessions alone is undone by the next AssumeRole: it always goes with a deny.
    const types = new Set(wanted);
    if (types.has('revoke-sessions') && !types.has('quarantine')) types.add('deny-actions');
    const steps: ResponseStep[] = [];
    for (const type of RESPONSE_TYPES) {
      if (!types.has(type)) continue;
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
