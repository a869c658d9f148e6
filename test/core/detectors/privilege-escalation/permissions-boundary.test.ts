import { permissionsBoundary } from '../../../../src/core/detectors/privilege-escalation/permissions-boundary';
import {
  asAssumedRole,
  byEvent,
  corpusRecord,
  describeWithCorpus,
  type CorpusRecord,
} from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, derived, only, refused, runAsPack } from './helpers';

describeWithCorpus('privesc.permissions-boundary', () => {
  let harness: Harness;
  // No public permissions-boundary record exists; derived from the nearest real role-scoped IAM write
  // (DeleteRolePolicy, which carries the same `roleName`).
  let deleteRolePolicy: CorpusRecord;
  let roleName: string;
  beforeAll(async () => {
    harness = await detectorHarness();
    deleteRolePolicy = corpusRecord('DeleteRolePolicy', byEvent('iam', 'DeleteRolePolicy', null));
    roleName = (deleteRolePolicy.requestParameters as { roleName: string }).roleName;
  });

  it('raises high for removing the boundary of another role', () => {
    const record = derived(deleteRolePolicy, 'DeleteRolePermissionsBoundary', { roleName });
    const finding = only(runAsPack(harness, permissionsBoundary, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({ targetRole: roleName, removed: true, self: false });
  });

  it('raises critical when the agent removes its own boundary, at least high when refused', () => {
    // Re-attributed to the role whose boundary is removed.
    const record = asAssumedRole(
      derived(deleteRolePolicy, 'DeleteRolePermissionsBoundary', { roleName }),
      `arn:aws:iam::123837392027:role/${roleName}`,
    );
    expect(only(runAsPack(harness, permissionsBoundary, record)).severity).toBe('critical');
    expect(atLeast(only(runAsPack(harness, permissionsBoundary, refused(record))).severity, 'high')).toBe(
      true,
    );
  });

  it('raises medium for putting a boundary on another role', () => {
    const record = derived(deleteRolePolicy, 'PutRolePermissionsBoundary', {
      roleName,
      permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
    });
    expect(only(runAsPack(harness, permissionsBoundary, record)).severity).toBe('medium');
  });

  it('does not fire on the real inline-policy deletion it was derived from', () => {
    expect(runAsPack(harness, permissionsBoundary, deleteRolePolicy)).toEqual([]);
  });
});
