import { inlinePolicy } from '../../../../src/core/detectors/privilege-escalation/inline-policy';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, derived, only, recordById, refused, runAsPack } from './helpers';

const PUT_ROLE_POLICY = '6c1eed73-00ee-4810-8009-c9ce5990c100';

describeWithCorpus('privesc.inline-policy', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for an inline policy written to another role', () => {
    const finding = only(runAsPack(harness, inlinePolicy, recordById(PUT_ROLE_POLICY)));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({
      targetRole: 'stratus-red-team-ec2-get-password-data-role',
      policyName: 'inline-policy',
      broad: false,
      self: false,
    });
  });

  it('raises critical when the agent writes an inline policy to its own role', () => {
    // Re-attributed to the role the policy is written to: an agent widening itself.
    const record = asAssumedRole(
      recordById(PUT_ROLE_POLICY),
      'arn:aws:iam::123837392027:role/stratus-red-team-ec2-get-password-data-role',
    );
    expect(only(runAsPack(harness, inlinePolicy, record)).severity).toBe('critical');
  });

  it('raises critical for a group policy granting Action "*" (derived: no public PutGroupPolicy record exists)', () => {
    const record = derived(recordById(PUT_ROLE_POLICY), 'PutGroupPolicy', {
      groupName: 'developers',
      policyName: 'inline-policy',
      policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    });
    const finding = only(runAsPack(harness, inlinePolicy, record));
    expect(finding.severity).toBe('critical');
    expect(finding.details).toMatchObject({ targetGroup: 'developers', broad: true });
  });

  it('keeps a refused attempt at least high', () => {
    expect(
      atLeast(only(runAsPack(harness, inlinePolicy, refused(recordById(PUT_ROLE_POLICY)))).severity, 'high'),
    ).toBe(true);
  });

  it('does not fire on a deny-only inline policy', () => {
    const record = corpusRecord(
      'PutUserPolicy TestUserDenyAll',
      (r) =>
        byEvent('iam', 'PutUserPolicy')(r) && JSON.stringify(r.requestParameters).includes('TestUserDenyAll'),
    );
    expect(runAsPack(harness, inlinePolicy, record)).toEqual([]);
  });
});
