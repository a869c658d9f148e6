import { newUser } from '../../../../src/core/detectors/persistence/new-user';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('persistence.new-user', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises medium for a new IAM user (Stratus iam-create-admin-user), at least high when refused', () => {
    const record = recordById('85c89720-8103-4281-9e0e-8977b52bcdbe');
    const finding = only(runAsPack(harness, newUser, record));
    expect(finding.severity).toBe('medium');
    expect(finding.details).toMatchObject({ targetUser: 'malicious-iam-user' });
    expect(atLeast(only(runAsPack(harness, newUser, refused(asAssumedRole(record)))).severity, 'high')).toBe(
      true,
    );
  });

  it('does not fire when the user already existed (nothing was created)', () => {
    const record = corpusRecord(
      'CreateUser EntityAlreadyExists',
      byEvent('iam', 'CreateUser', 'EntityAlreadyExists'),
    );
    expect(runAsPack(harness, newUser, record)).toEqual([]);
  });
});
