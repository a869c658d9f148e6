import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { SECRETS_MANAGER_READS, secretReadOf } from './secret-reads';

export const secretValue: Detector = {
  id: 'credential.secret-value',
  category: 'credential-access',
  severity: 'medium',
  rationale: 'A secret value in an agent’s hands can be used or leaked outside every IAM control.',
  triggers: SECRETS_MANAGER_READS,
  evaluate(ctx) {
    // A read that failed for another reason (not found, marked for deletion) disclosed nothing.
    if (failedWithoutEffect(ctx.event)) return undefined;
    const read = secretReadOf(ctx.event);
    // A filter may match every secret of the account (Stratus secretsmanager-batch-retrieve-secrets).
    const base = read.byFilter || read.names.length > 1 ? 'high' : 'medium';
    const what = read.byFilter ? 'secrets matching a filter' : read.names.join(', ') || 'a secret';
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, base),
      message: `${ctx.event.eventName}: read ${what}${refusedSuffix(ctx)}`,
      details: {
        secretIds: read.names,
        byFilter: read.byFilter,
        filters: ctx.event.requestParameters.filters,
      },
    });
  },
};
