import { asString } from '../../normalize/json-shape';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';

/**
 * Agents work through the API. A console sign-in with an agent's identity (a federated sign-in token made
 * from its session, or a password on its user) means a person is driving it by hand, or its credentials
 * left the machine they belong to.
 */
export const consoleSignIn: Detector = {
  id: 'boundary.console-sign-in',
  category: 'cross-boundary',
  severity: 'high',
  rationale: 'An agent identity used to sign in to the console is being driven by a person, or was stolen.',
  triggers: ['signin:ConsoleLogin'],
  evaluate(ctx: DetectorContext): DetectorResult {
    if (ctx.event.eventName !== 'ConsoleLogin') return undefined;
    const outcome = asString(ctx.event.responseElements.ConsoleLogin);
    const failed = outcome === 'Failure' || ctx.event.errorMessage !== undefined;
    return findingOf(consoleSignIn, ctx, {
      severity: failed ? 'medium' : 'high',
      message: failed
        ? `failed console sign-in as agent ${ctx.agent.principalArn}`
        : `console sign-in as agent ${ctx.agent.principalArn}: someone is using its identity by hand`,
      details: { outcome: outcome ?? 'unknown', sourceIp: ctx.event.sourceIp },
    });
  },
};
