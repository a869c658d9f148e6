import { longTermCredentials } from '../../../../src/core/detectors/persistence/long-term-credentials';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import {
  atLeast,
  only,
  recordById,
  refused,
  runAsPack,
  selfCreatedAccessKey,
} from '../privilege-escalation/helpers';

describeWithCorpus('persistence.long-term-credentials', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for an access key on another user (Stratus iam-backdoor-user), at least high refused', () => {
    const record = recordById('64b7de64-bf53-47ae-b7e3-d30cb1b5136e');
    const finding = only(runAsPack(harness, longTermCredentials, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({ targetUser: 'stratus-red-team-backdoor-u-user', self: false });
    expect(atLeast(only(runAsPack(harness, longTermCredentials, refused(record))).severity, 'high')).toBe(
      true,
    );
  });

  it('raises for a key a user creates for itself too', () => {
    const record = selfCreatedAccessKey();
    expect(only(runAsPack(harness, longTermCredentials, record)).details).toMatchObject({ self: true });
  });

  it('does not fire when the key was not created (LimitExceeded)', () => {
    const record = corpusRecord(
      'CreateAccessKey LimitExceeded',
      byEvent('iam', 'CreateAccessKey', 'LimitExceededException'),
    );
    expect(runAsPack(harness, longTermCredentials, record)).toEqual([]);
  });
});
