import { temporaryCredentials } from '../../../../src/core/detectors/credential-access/temporary-credentials';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('credential.temporary-credentials', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises medium for a session token, at least high when an agent is refused one', () => {
    const record = recordById('abc-123');
    expect(only(runAsPack(harness, temporaryCredentials, record)).severity).toBe('medium');
    // Re-attributed: AWS refuses GetSessionToken to role sessions, which is what an agent would meet.
    expect(
      atLeast(
        only(runAsPack(harness, temporaryCredentials, refused(asAssumedRole(record)))).severity,
        'high',
      ),
    ).toBe(true);
  });

  it('does not fire on GetCallerIdentity', () => {
    const record = corpusRecord('GetCallerIdentity', byEvent('sts', 'GetCallerIdentity', null));
    expect(runAsPack(harness, temporaryCredentials, record)).toEqual([]);
  });
});
