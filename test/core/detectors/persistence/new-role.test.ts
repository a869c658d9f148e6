import { newRole } from '../../../../src/core/detectors/persistence/new-role';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, testBaseline, type Harness } from '../../../support/detector-harness';
import { atLeast, derived, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

const TRUSTS_OWN_ACCOUNT = 'ff709962-49b6-494d-8198-cdf0f7e8e666';
const TRUSTS_EC2 = '57e170e5-78ba-4941-8508-353b2eb18c86';

describeWithCorpus('persistence.new-role', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises medium for a role trusting its own account, low for one trusting a service', () => {
    expect(only(runAsPack(harness, newRole, recordById(TRUSTS_OWN_ACCOUNT))).severity).toBe('medium');
    expect(only(runAsPack(harness, newRole, recordById(TRUSTS_EC2))).severity).toBe('low');
  });

  it('raises high for a role trusting another account, low when the baseline knows that account', () => {
    // Derived from the real own-account role: the trusted account is changed to an outside one.
    const real = recordById(TRUSTS_OWN_ACCOUNT);
    const params = real.requestParameters as Record<string, unknown>;
    const record = derived(real, 'CreateRole', {
      ...params,
      assumeRolePolicyDocument: String(params.assumeRolePolicyDocument).replace(
        '123837392027',
        '193672423079',
      ),
    });
    const finding = only(runAsPack(harness, newRole, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({ targetAccount: '193672423079' });
    expect(
      only(runAsPack(harness, newRole, record, testBaseline({ accounts: ['193672423079'] }))).severity,
    ).toBe('medium');
    expect(atLeast(only(runAsPack(harness, newRole, refused(recordById(TRUSTS_EC2)))).severity, 'high')).toBe(
      true,
    );
  });

  it('does not fire on a service-linked role created by AWS for a service', () => {
    const record = corpusRecord('CreateServiceLinkedRole', byEvent('iam', 'CreateServiceLinkedRole', null));
    expect(runAsPack(harness, newRole, record)).toEqual([]);
  });
});
