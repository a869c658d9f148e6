import type { Detector } from '../detector';
import { bucketAcl } from './bucket-acl';
import { bucketPolicy } from './bucket-policy';
import { openSecurityGroup } from './open-security-group';
import { publicAccessBlock } from './public-access-block';
import { resourcePolicy } from './resource-policy';
import { snapshotSharing } from './snapshot-sharing';

export const exfiltrationDetectors: readonly Detector[] = [
  bucketPolicy,
  bucketAcl,
  publicAccessBlock,
  snapshotSharing,
  resourcePolicy,
  openSecurityGroup,
];
