import { policyAttachment } from '../../../../src/core/detectors/privilege-escalation/policy-attachment';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, testBaseline, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack } from './helpers';

describeWithCorpus('privesc.policy-attachment', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises critical for AdministratorAccess attached to a role (Stratus iam-create-backdoor-role)', () => {
    const finding = only(
      runAsPack(harness, policyAttachment, recordById('493e08b7-63e4-49a4-832a-1a7598ce78e5')),
    );
    expect(finding.severity).toBe('critical');
    expect(finding.details).toMatchObject({
      targetRole: 'stratus-red-team-backdoor-r-role',
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      self: false,
    });
  });

  it('raises high for an ordinary managed policy on another role', () => {
    const finding = only(
      runAsPack(harness, policyAttachment, recordById('edc26fa8-655a-4346-9e18-f79b0d9e25de')),
    );
    expect(finding.severity).toBe('high');
  });

  it('raises critical when the agent attaches a policy to its own role', () => {
    // Re-attributed: the corpus caller is an IAM user; an agent is a role attaching to itself.
    const record = asAssumedRole(
      recordById('edc26fa8-655a-4346-9e18-f79b0d9e25de'),
      'arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role',
    );
    const finding = only(runAsPack(harness, policyAttachment, record));
    expect(finding.severity).toBe('critical');
    expect(finding.details).toMatchObject({
      self: true,
      targetRole: 'stratus-red-team-ec2-steal-credentials-role',
    });
  });

  it('keeps a refused attempt at least high, and lowers an exact baseline grant', () => {
    const record = recordById('edc26fa8-655a-4346-9e18-f79b0d9e25de');
    expect(atLeast(only(runAsPack(harness, policyAttachment, refused(record))).severity, 'high')).toBe(true);
    const granted = testBaseline({ allowActions: ['iam:AttachRolePolicy'] });
    expect(only(runAsPack(harness, policyAttachment, record, granted)).severity).toBe('low');
  });

  it('does not fire on attaching a quarantine (deny-only) policy', () => {
    const record = corpusRecord(
      'AttachUserPolicy AWSCompromisedKeyQuarantineV2',
      (r) =>
        byEvent('iam', 'AttachUserPolicy')(r) &&
        JSON.stringify(r.requestParameters).includes('AWSCompromisedKeyQuarantineV2'),
    );
    expect(runAsPack(harness, policyAttachment, record)).toEqual([]);
  });
});
