import type { Detector } from '../detector';
import { bedrockGuardrails } from './bedrock-guardrails';
import { cloudTrailTampering } from './cloudtrail-tampering';
import { configTampering } from './config-tampering';
import { guardDutyTampering } from './guardduty-tampering';
import { leashTamper } from './leash-tamper';
import { logDeletion } from './log-deletion';
import { organizationLeave } from './organization-leave';
import { s3LogImpairment } from './s3-log-impairment';
import { securityServicesTampering } from './security-services-tampering';

export const defenseEvasionDetectors: readonly Detector[] = [
  cloudTrailTampering,
  guardDutyTampering,
  configTampering,
  logDeletion,
  s3LogImpairment,
  securityServicesTampering,
  organizationLeave,
  bedrockGuardrails,
  leashTamper,
];
