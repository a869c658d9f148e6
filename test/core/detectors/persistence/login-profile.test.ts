import { loginProfile } from '../../../../src/core/detectors/persistence/login-profile';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('persistence.login-profile', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for a console password on a user (Stratus iam-create-user-login-profile)', () => {
    const record = recordById('f0d7bb15-75c8-4770-a500-92d1f71b948c');
    const finding = only(runAsPack(harness, loginProfile, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({ targetUser: 'stratus-red-team-login-profile-user', self: false });
    expect(atLeast(only(runAsPack(harness, loginProfile, refused(record))).severity, 'high')).toBe(true);
  });

  it('does not fire on deleting a login profile', () => {
    const record = corpusRecord('DeleteLoginProfile', byEvent('iam', 'DeleteLoginProfile'));
    expect(runAsPack(harness, loginProfile, record)).toEqual([]);
  });
});
