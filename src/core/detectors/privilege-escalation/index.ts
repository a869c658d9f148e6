import type { Detector } from '../detector';
import { credentialsForOthers } from './credentials-for-others';
import { groupMembership } from './group-membership';
import { hijackExistingCompute } from './hijack-existing-compute';
import { inlinePolicy } from './inline-policy';
import { passRoleToCompute } from './pass-role-to-compute';
import { permissionsBoundary } from './permissions-boundary';
import { policyAttachment } from './policy-attachment';
import { policyVersion } from './policy-version';
import { trustPolicy } from './trust-policy';

export const privilegeEscalationDetectors: readonly Detector[] = [
  policyAttachment,
  inlinePolicy,
  policyVersion,
  permissionsBoundary,
  trustPolicy,
  credentialsForOthers,
  groupMembership,
  passRoleToCompute,
  hijackExistingCompute,
];
