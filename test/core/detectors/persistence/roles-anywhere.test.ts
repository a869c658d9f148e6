import { rolesAnywhere } from '../../../../src/core/detectors/persistence/roles-anywhere';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('persistence.roles-anywhere', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for a trust anchor and a profile (Stratus rolesanywhere-create-trust-anchor)', () => {
    const anchor = recordById('2950830a-24ae-4565-bfab-74d3be4ad0d0');
    expect(only(runAsPack(harness, rolesAnywhere, anchor)).details).toMatchObject({
      name: 'malicious-rolesanywhere-trust-anchor',
    });
    const profile = only(
      runAsPack(harness, rolesAnywhere, recordById('782bc4f5-53eb-4072-ac09-070425df6eef')),
    );
    expect(profile.details).toMatchObject({
      passedRole: 'arn:aws:iam::123837392027:role/stratus-red-team-trust-anchor-role',
    });
    expect(atLeast(only(runAsPack(harness, rolesAnywhere, refused(anchor))).severity, 'high')).toBe(true);
  });

  it('does not fire on listing or deleting trust anchors', () => {
    expect(
      runAsPack(
        harness,
        rolesAnywhere,
        corpusRecord('ListTrustAnchors', byEvent('rolesanywhere', 'ListTrustAnchors')),
      ),
    ).toEqual([]);
    expect(
      runAsPack(
        harness,
        rolesAnywhere,
        corpusRecord('DeleteTrustAnchor', byEvent('rolesanywhere', 'DeleteTrustAnchor')),
      ),
    ).toEqual([]);
  });
});
