import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { credentialTargetOf } from './iam-target';
import { stringAt } from './request-fields';

const KIND_OF: Readonly<Record<string, string>> = {
  'iam:CreateAccessKey': 'access key',
  'iam:CreateLoginProfile': 'console password',
  'iam:UpdateLoginProfile': 'console password reset',
};

export const credentialsForOthers: Detector = {
  id: 'privesc.credentials-for-others',
  category: 'privilege-escalation',
  severity: 'high',
  rationale:
    'Minting keys or setting the password of another user lets the agent act as that user, with its rights.',
  triggers: ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'],
  evaluate(ctx) {
    const target = credentialTargetOf(ctx.event);
    // Credentials for oneself are no escalation; `persistence.long-term-credentials` judges those.
    if (target.self) return undefined;
    const kind = KIND_OF[ctx.event.action.action] ?? 'credential';
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, 'high'),
      message: `${ctx.event.eventName}: ${kind} for user ${target.name}${refusedSuffix(ctx)}`,
      details: {
        targetUser: target.name,
        self: false,
        accessKeyId: stringAt(ctx.event.responseElements, 'accessKey', 'accessKeyId'),
      },
    });
  },
};
