import { trustPolicyBackdoor } from '../../../../src/core/detectors/persistence/trust-policy-backdoor';
import { byEvent, corpusRecord, describeWithCorpus, type CorpusRecord } from '../../../support/corpus';
import { detectorHarness, testBaseline, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

const STRATUS_BACKDOOR_ROLE = 'd96d75c7-e715-44ff-9735-9dc51afbd774';
const bodyIncludes =
  (text: string) =>
  (r: CorpusRecord): boolean =>
    byEvent('iam', 'UpdateAssumeRolePolicy')(r) && JSON.stringify(r.requestParameters ?? {}).includes(text);

describeWithCorpus('persistence.trust-policy-backdoor', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for a role opened to another account (Stratus iam-backdoor-role)', () => {
    const record = recordById(STRATUS_BACKDOOR_ROLE);
    const finding = only(runAsPack(harness, trustPolicyBackdoor, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({
      targetRole: 'stratus-red-team-backdoor-r-role',
      targetAccount: '193672423079',
      needsSnapshot: true,
    });
    expect(atLeast(only(runAsPack(harness, trustPolicyBackdoor, refused(record))).severity, 'high')).toBe(
      true,
    );
  });

  it('lowers to low when the baseline lists the trusted account', () => {
    const known = testBaseline({ accounts: ['193672423079'] });
    expect(
      only(runAsPack(harness, trustPolicyBackdoor, recordById(STRATUS_BACKDOOR_ROLE), known)).severity,
    ).toBe('low');
  });

  it('raises critical for a role opened to anyone, even behind an external id the writer chose', () => {
    const record = corpusRecord('Principal *', bodyIncludes('\\"Principal\\":\\"*\\"'));
    expect(only(runAsPack(harness, trustPolicyBackdoor, record)).severity).toBe('critical');
  });

  it('does not fire on a trust policy for a service', () => {
    expect(
      runAsPack(harness, trustPolicyBackdoor, corpusRecord('service', bodyIncludes('ec2.amazonaws.com'))),
    ).toEqual([]);
  });
});
