import type { Detector } from '../detector';
import { findingOf } from '../finding';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { bucketOf } from '../velocity/window';
import {
  filterKey,
  isParameterRead,
  PARAMETER_READS,
  SECRETS_MANAGER_READS,
  secretReadOf,
} from './secret-reads';

const WINDOW_MS = 10 * 60 * 1000;
const DISTINCT_SECRETS = 5;
const STATE_KEY = 'credential.secret-burst';

/**
 * Stratus `secretsmanager-retrieve-secrets` / `ssm-retrieve-securestring-parameters`: one agent reading
 * many different secrets in minutes is harvesting, whatever each single read looks like.
 */
export const secretBurst: Detector = {
  id: 'credential.secret-burst',
  category: 'credential-access',
  severity: 'high',
  rationale: `Reading ${DISTINCT_SECRETS} or more different secrets within 10 minutes is harvesting, not using, credentials.`,
  triggers: [...SECRETS_MANAGER_READS, ...PARAMETER_READS],
  evaluate(ctx) {
    const { event } = ctx;
    if (failedWithoutEffect(event)) return undefined;
    const read = secretReadOf(event);
    if (!read.decrypted) return undefined;
    const prefix = isParameterRead(event) ? 'ssm:' : 'secret:';
    const values = read.byFilter ? [filterKey(event)] : read.names.map((n) => prefix + n);
    let distinct = 0;
    for (const value of values) distinct = ctx.state.distinct(STATE_KEY, value, event.time, WINDOW_MS);
    if (distinct < DISTINCT_SECRETS) return undefined;
    // One finding per agent and 10-minute bucket: deterministic for time-ordered input.
    const bucket = bucketOf(event.time, WINDOW_MS);
    const key = `${this.id}:${ctx.agent.principalArn}:${bucket}`;
    if (!ctx.state.once(key)) return undefined;
    return findingOf(this, ctx, {
      key,
      message: `${distinct} different secrets or decrypted parameters read within 10 minutes`,
      details: {
        distinctSecrets: distinct,
        windowMinutes: WINDOW_MS / 60000,
        windowStart: bucket * WINDOW_MS,
      },
    });
  },
};
