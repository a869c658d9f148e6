import { asObject, asString } from '../../normalize/json-shape';
import type { LeashEvent } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { fieldAt, listOf, stringAt, stringsOf } from '../privilege-escalation/request-fields';
import { describeAudience, exposureOfAccounts, exposureSeverity } from './exposure';

interface Sharing {
  readonly accounts: readonly string[];
  readonly everyone: boolean;
  readonly resourceKey: string;
  readonly resourceId?: string;
}

/** EC2 permission lists: `{ add: { items: [{ userId } | { group: 'all' }] } }`. */
function ec2Sharing(event: LeashEvent, attribute: string, resourceKey: string): Sharing {
  const accounts: string[] = [];
  let everyone = false;
  for (const item of listOf(fieldAt(event.requestParameters, attribute, 'add'))) {
    const entry = asObject(item);
    const userId = asString(entry?.userId);
    if (userId) accounts.push(userId);
    if (entry?.group === 'all') everyone = true;
  }
  return { accounts, everyone, resourceKey, resourceId: stringAt(event.requestParameters, resourceKey) };
}

/** RDS: `attributeName: 'restore'`, `valuesToAdd: ['123…' | 'all']`. */
function rdsSharing(event: LeashEvent, resourceKey: string): Sharing {
  const params = event.requestParameters;
  const values = stringAt(params, 'attributeName') === 'restore' ? stringsOf(params.valuesToAdd) : [];
  return {
    accounts: values.filter((v) => v !== 'all'),
    everyone: values.includes('all'),
    resourceKey,
    resourceId: stringAt(params, resourceKey),
  };
}

const SHARINGS: Readonly<Record<string, (event: LeashEvent) => Sharing>> = {
  'ec2:ModifySnapshotAttribute': (e) => ec2Sharing(e, 'createVolumePermission', 'snapshotId'),
  'ec2:ModifyImageAttribute': (e) => ec2Sharing(e, 'launchPermission', 'imageId'),
  'rds:ModifyDBSnapshotAttribute': (e) => rdsSharing(e, 'dBSnapshotIdentifier'),
  'rds:ModifyDBClusterSnapshotAttribute': (e) => rdsSharing(e, 'dBClusterSnapshotIdentifier'),
};

/** Stratus `ec2-share-ebs-snapshot`, `ec2-share-ami`, `rds-share-snapshot`. */
export const snapshotSharing: Detector = {
  id: 'exfil.snapshot-sharing',
  category: 'exfiltration',
  severity: 'high',
  rationale:
    'Sharing an EBS or RDS snapshot or an AMI lets another account (or everyone) copy the disk and its data.',
  triggers: Object.keys(SHARINGS),
  evaluate(ctx) {
    const sharing = SHARINGS[ctx.event.action.action]?.(ctx.event);
    if (!sharing) return undefined;
    const exposure = exposureOfAccounts(ctx, sharing.accounts, sharing.everyone);
    if (exposure.audience === 'internal') return undefined;
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, exposureSeverity(exposure.audience)),
      message: `${ctx.event.eventName}: ${sharing.resourceId ?? 'resource'} shared with ${describeAudience(exposure)}${refusedSuffix(ctx)}`,
      details: {
        [sharing.resourceKey]: sharing.resourceId,
        public: exposure.audience === 'public',
        sharedWith: exposure.accounts,
        targetAccount: exposure.accounts[0],
      },
    });
  },
};
