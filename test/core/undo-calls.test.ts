import type { LeashEvent } from '../../src/core/model';
import { isReversible, undoCallFor } from '../../src/core/response/undo-calls';
import { eventFor } from './baseline/events';

function call(action: string, requestParameters: Record<string, unknown>, errorCode?: string): LeashEvent {
  return { ...eventFor(action), requestParameters, ...(errorCode ? { errorCode } : {}) };
}

describe('undoCallFor', () => {
  it('removes exactly the accounts and groups a snapshot was shared with', () => {
    const shared = call('ec2:ModifySnapshotAttribute', {
      snapshotId: 'snap-1',
      createVolumePermission: { add: { items: [{ userId: '012345678912' }, { group: 'all' }] } },
    });
    expect(undoCallFor(shared)).toEqual({
      call: {
        operation: 'ec2:ModifySnapshotAttribute',
        input: {
          SnapshotId: 'snap-1',
          Attribute: 'createVolumePermission',
          OperationType: 'remove',
          UserIds: ['012345678912'],
          GroupNames: ['all'],
        },
      },
      needsSnapshot: false,
    });
  });

  it('removes the launch permissions an image was shared with', () => {
    const shared = call('ec2:ModifyImageAttribute', {
      imageId: 'ami-1',
      launchPermission: { add: { items: [{ group: 'all' }] } },
    });
    expect(undoCallFor(shared)?.call).toEqual({
      operation: 'ec2:ModifyImageAttribute',
      input: {
        ImageId: 'ami-1',
        Attribute: 'launchPermission',
        OperationType: 'remove',
        UserIds: [],
        UserGroups: ['all'],
      },
    });
  });

  it('has nothing to undo for an unsharing, a refused call or a record without the target', () => {
    const removed = {
      snapshotId: 'snap-1',
      createVolumePermission: { remove: { items: [{ userId: '1' }] } },
    };
    expect(undoCallFor(call('ec2:ModifySnapshotAttribute', removed))).toBeUndefined();
    const added = { imageId: 'ami-1', launchPermission: { add: { items: [{ group: 'all' }] } } };
    expect(undoCallFor(call('ec2:ModifyImageAttribute', added, 'AccessDenied'))).toBeUndefined();
    expect(undoCallFor(call('ec2:ModifyImageAttribute', { launchPermission: added.launchPermission }))).toBe(
      undefined,
    );
    expect(isReversible('EC2:ModifyImageAttribute')).toBe(true);
    expect(isReversible('ec2:DescribeImages')).toBe(false);
  });
});
