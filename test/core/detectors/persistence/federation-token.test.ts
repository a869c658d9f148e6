import { federationToken } from '../../../../src/core/detectors/persistence/federation-token';
import { asAssumedRole, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { derived, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('persistence.federation-token', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  // No GetFederationToken record is public; derived from the nearest real STS token call, GetSessionToken
  // by an IAM user (the only caller type AWS allows for GetFederationToken).
  const federation = () =>
    derived(recordById('abc-123'), 'GetFederationToken', {
      name: 'stratus-red-team',
      durationSeconds: 129600,
    });

  it('raises medium for a federation token (Stratus sts-federation-token)', () => {
    const finding = only(runAsPack(harness, federationToken, federation()));
    expect(finding.severity).toBe('medium');
    expect(finding.details).toMatchObject({ federatedUser: 'stratus-red-team' });
  });

  it('raises high for an agent role trying it (roles are refused by AWS)', () => {
    const record = refused(asAssumedRole(federation()));
    expect(only(runAsPack(harness, federationToken, record)).severity).toBe('high');
  });

  it('does not fire on GetSessionToken (judged by credential.temporary-credentials)', () => {
    expect(runAsPack(harness, federationToken, recordById('abc-123'))).toEqual([]);
  });
});
