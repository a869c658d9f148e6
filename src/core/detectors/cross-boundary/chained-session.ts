import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';
import { bucketOf } from '../velocity/window';

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
    const bucket = bucketOf(event.time, WINDOW_MS);
    // The state is the agent's own; the chained role's ARN keys its mark. Only the first call of a window
    // builds the finding key (this runs for every chained call). Not velocity's first-of-bucket helper: it
    // would count a second event under the same id (sanitised samples, `leash explain`) as first again.
    const previous = ctx.state.recall(through, event.time, WINDOW_MS);
    const first = previous === undefined || bucketOf(previous.time, WINDOW_MS) !== bucket;
    if (first) ctx.state.mark(through, { eventId: event.eventId, time: event.time });
    const windowKey = first
      ? `${chainedSession.id}:${ctx.agent.principalArn}:${through}:${bucket}`
      : undefined;
    return findingOf(chainedSession, ctx, {
      severity: first ? 'medium' : 'info',
      key: windowKey,
      message: `${ctx.agent.principalArn} called ${event.action.action} through chained role ${through}${first ? ' (first chained call in this window)' : ''}`,
      details: { originatingAgent: ctx.agent.principalArn, chainedThrough: through },
    });
  },
};
