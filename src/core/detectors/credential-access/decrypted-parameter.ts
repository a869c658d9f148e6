import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { isTrue } from '../privilege-escalation/request-fields';
import { PARAMETER_READS, secretReadOf } from './secret-reads';

/**
 * Only decrypted reads count. Without `withDecryption` a SecureString comes back as ciphertext and a plain
 * String parameter is configuration by design (that is what SecureString is for); such reads are left to
 * `out-of-baseline`, or every agent reading its config would raise findings.
 */
export const decryptedParameter: Detector = {
  id: 'credential.decrypted-parameter',
  category: 'credential-access',
  severity: 'medium',
  rationale:
    'Decrypted SecureString parameters hold passwords and keys; an agent reading them gains those secrets.',
  triggers: PARAMETER_READS,
  evaluate(ctx) {
    if (failedWithoutEffect(ctx.event)) return undefined;
    const read = secretReadOf(ctx.event);
    if (!read.decrypted) return undefined;
    // A recursive path read decrypts a whole tree at once (Stratus ssm-retrieve-securestring-parameters).
    const wide = read.names.length > 1 || isTrue(ctx.event.requestParameters.recursive);
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, wide ? 'high' : 'medium'),
      message: `${ctx.event.eventName}: decrypted ${read.names.join(', ') || 'parameters'}${refusedSuffix(ctx)}`,
      details: { parameterNames: read.names, count: read.names.length },
    });
  },
};
