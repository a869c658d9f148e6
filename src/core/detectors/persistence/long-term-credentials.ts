import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { credentialTargetOf } from '../privilege-escalation/iam-target';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import { stringAt } from '../privilege-escalation/request-fields';

const KINDS: Readonly<Record<string, { readonly label: string; readonly severity: Severity }>> = {
  'iam:CreateAccessKey': { label: 'access key', severity: 'high' },
  'iam:CreateServiceSpecificCredential': { label: 'service-specific credential', severity: 'high' },
  'iam:UploadSSHPublicKey': { label: 'SSH public key', severity: 'medium' },
  'iam:UploadSigningCertificate': { label: 'signing certificate', severity: 'medium' },
};

export const longTermCredentials: Detector = {
  id: 'persistence.long-term-credentials',
  category: 'persistence',
  severity: 'high',
  rationale:
    'Long-term user credentials survive the agent’s session and any revocation of it: a standing way back in.',
  triggers: Object.keys(KINDS),
  evaluate(ctx) {
    if (failedWithoutEffect(ctx.event)) return undefined;
    const kind = KINDS[ctx.event.action.action];
    if (!kind) return undefined;
    const target = credentialTargetOf(ctx.event);
    const response = ctx.event.responseElements;
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, kind.severity),
      message: `${ctx.event.eventName}: ${kind.label} for ${target.self ? 'itself' : `user ${target.name}`}${refusedSuffix(ctx)}`,
      details: {
        targetUser: target.name,
        self: target.self,
        accessKeyId: stringAt(response, 'accessKey', 'accessKeyId'),
        sshPublicKeyId: stringAt(response, 'sSHPublicKey', 'sSHPublicKeyId'),
        serviceSpecificCredentialId: stringAt(
          response,
          'serviceSpecificCredential',
          'serviceSpecificCredentialId',
        ),
        certificateId: stringAt(response, 'certificate', 'certificateId'),
      },
    });
  },
};
