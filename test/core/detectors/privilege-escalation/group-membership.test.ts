import { groupMembership } from '../../../../src/core/detectors/privilege-escalation/group-membership';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, completed, derived, only, refused, runAsPack } from './helpers';

describeWithCorpus('privesc.group-membership', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises critical for adding a user to the admin group (AWS documentation sample)', () => {
    const record = completed(corpusRecord('AddUserToGroup', byEvent('iam', 'AddUserToGroup')));
    const finding = only(runAsPack(harness, groupMembership, record));
    expect(finding.severity).toBe('critical');
    expect(finding.details).toMatchObject({ targetUser: 'Bob', targetGroup: 'admin', self: false });
  });

  it('raises high for an ordinary group, critical when the caller adds itself, at least high when refused', () => {
    const real = completed(corpusRecord('AddUserToGroup', byEvent('iam', 'AddUserToGroup')));
    const other = derived(real, 'AddUserToGroup', { groupName: 'readers', userName: 'Bob' });
    expect(only(runAsPack(harness, groupMembership, other)).severity).toBe('high');
    // The documented caller is IAM user Alice; here she adds herself.
    const self = derived(real, 'AddUserToGroup', { groupName: 'readers', userName: 'Alice' });
    expect(only(runAsPack(harness, groupMembership, self)).details).toMatchObject({ self: true });
    expect(only(runAsPack(harness, groupMembership, self)).severity).toBe('critical');
    expect(atLeast(only(runAsPack(harness, groupMembership, refused(other))).severity, 'high')).toBe(true);
  });

  it('does not fire on reading a user’s policy (AWS documentation sample)', () => {
    const record = completed(corpusRecord('GetUserPolicy', byEvent('iam', 'GetUserPolicy')));
    expect(runAsPack(harness, groupMembership, record)).toEqual([]);
  });
});
