import { credentialsForOthers } from '../../../../src/core/detectors/privilege-escalation/credentials-for-others';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack, selfCreatedAccessKey } from './helpers';

describeWithCorpus('privesc.credentials-for-others', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high when an agent creates an access key for a user (Stratus iam-create-admin-user)', () => {
    // Re-attributed: an agent role minting a key for an IAM user.
    const record = asAssumedRole(recordById('8c282c0b-00d1-4369-95b7-cb50b6eee620'));
    const finding = only(runAsPack(harness, credentialsForOthers, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({ targetUser: 'malicious-iam-user', self: false });
    expect(atLeast(only(runAsPack(harness, credentialsForOthers, refused(record))).severity, 'high')).toBe(
      true,
    );
  });

  it('raises high for resetting another user’s console password', () => {
    const record = corpusRecord(
      'UpdateLoginProfile for bob',
      (r) => byEvent('iam', 'UpdateLoginProfile')(r) && JSON.stringify(r.requestParameters).includes('"bob"'),
    );
    expect(only(runAsPack(harness, credentialsForOthers, record)).details).toMatchObject({
      targetUser: 'bob',
    });
  });

  it('does not fire when a user creates a key for itself', () => {
    const record = selfCreatedAccessKey();
    expect(runAsPack(harness, credentialsForOthers, record)).toEqual([]);
  });
});
