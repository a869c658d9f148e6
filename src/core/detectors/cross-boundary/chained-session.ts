import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';

/** One medium finding per agent, chained role and window; the rest of the window's calls are info. */
const WINDOW_MS = 15 * 60 * 1000;

/**
 * Sessions chained into another role escape revocation of the agent's own sessions (DESIGN §2), so every
 * call made with them is worth recording against the agent that started the chain.
 */
export const chainedSession: Detector = {
  id: 'boundary.chained-session',
  category: 'cross-boundary',
  severity: 'medium',
  rationale: "Calls through a role the agent assumed escape the revocation of the agent's own sessions.",
  evaluate(ctx: DetectorContext): DetectorResult {
    const through = ctx.agent.chainedThrough;
    if (through === undefined) return undefined;
    const event = ctx.event;
    const bucket = Math.floor(event.time / WINDOW_MS);
    const windowKey = `${chainedSession.id}:${ctx.agent.principalArn}:${through}:${bucket}`;
    const first = ctx.state.once(windowKey);
    return findingOf(chainedSession, ctx, {
      severity: first ? 'medium' : 'info',
      key: first ? windowKey : undefined,
      message: `${ctx.agent.principalArn} called ${event.action.action} through chained role ${through}${first ? ' (first chained call in this window)' : ''}`,
      details: { originatingAgent: ctx.agent.principalArn, chainedThrough: through },
    });
  },
};
