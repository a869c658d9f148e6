import { trustPolicy } from '../../../../src/core/detectors/privilege-escalation/trust-policy';
import {
  asAssumedRole,
  byEvent,
  corpusRecord,
  describeWithCorpus,
  type CorpusRecord,
} from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { AGENT_ROLE, atLeast, derived, only, refused, runAsPack } from './helpers';

const bodyIncludes =
  (text: string) =>
  (r: CorpusRecord): boolean =>
    byEvent('iam', 'UpdateAssumeRolePolicy')(r) && JSON.stringify(r.requestParameters ?? {}).includes(text);

describeWithCorpus('privesc.trust-policy', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises critical for a trust policy that lets anyone in (the agent included)', () => {
    const record = corpusRecord(
      'UpdateAssumeRolePolicy Principal *',
      bodyIncludes('\\"Principal\\":\\"*\\"'),
    );
    expect(only(runAsPack(harness, trustPolicy, record)).severity).toBe('critical');
  });

  it('raises critical, self, when the agent names its own role as trusted principal', () => {
    // Derived from the real service-only trust edit: the agent adds its own role, re-attributed to it.
    const real = corpusRecord('service-only trust', bodyIncludes('ec2.amazonaws.com'));
    const document = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: AGENT_ROLE }, Action: 'sts:AssumeRole' }],
    };
    const record = asAssumedRole(
      derived(real, 'UpdateAssumeRolePolicy', {
        roleName: 'prod-admin',
        policyDocument: JSON.stringify(document),
      }),
    );
    const finding = only(runAsPack(harness, trustPolicy, record));
    expect(finding.severity).toBe('critical');
    expect(finding.details).toMatchObject({ targetRole: 'prod-admin', self: true });
    expect(atLeast(only(runAsPack(harness, trustPolicy, refused(record))).severity, 'high')).toBe(true);
  });

  it('does not fire on a trust policy for a service, nor on one trusting only another account', () => {
    expect(
      runAsPack(harness, trustPolicy, corpusRecord('service-only', bodyIncludes('ec2.amazonaws.com'))),
    ).toEqual([]);
    // Another account is the persistence view (persistence.trust-policy-backdoor), not escalation.
    const external = corpusRecord(
      'Stratus iam-backdoor-role',
      (r) => r.eventID === 'd96d75c7-e715-44ff-9735-9dc51afbd774',
    );
    expect(runAsPack(harness, trustPolicy, external)).toEqual([]);
  });
});
