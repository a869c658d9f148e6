import { policyVersion } from '../../../../src/core/detectors/privilege-escalation/policy-version';
import { byEvent, corpusRecord, describeWithCorpus, type CorpusRecord } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, derived, only, refused, runAsPack } from './helpers';

const ADMIN_DOCUMENT =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
const DENY_DOCUMENT =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}';

describeWithCorpus('privesc.policy-version', () => {
  let harness: Harness;
  // No public CreatePolicyVersion / SetDefaultPolicyVersion record exists (corpus README): both are derived
  // from the nearest real call, a GetPolicyVersion on the same kind of customer-managed policy.
  let getPolicyVersion: CorpusRecord;
  let policyArn: string;
  beforeAll(async () => {
    harness = await detectorHarness();
    getPolicyVersion = corpusRecord('GetPolicyVersion', byEvent('iam', 'GetPolicyVersion', null));
    policyArn = (getPolicyVersion.requestParameters as { policyArn: string }).policyArn;
  });

  it('raises critical for a new default version granting everything', () => {
    const record = derived(getPolicyVersion, 'CreatePolicyVersion', {
      policyArn,
      policyDocument: ADMIN_DOCUMENT,
      setAsDefault: true,
    });
    const finding = only(runAsPack(harness, policyVersion, record));
    expect(finding.severity).toBe('critical');
    expect(finding.details).toMatchObject({ policyArn, setAsDefault: true, broad: true });
  });

  it('raises medium for a staged, non-default version', () => {
    const record = derived(getPolicyVersion, 'CreatePolicyVersion', {
      policyArn,
      policyDocument: ADMIN_DOCUMENT,
    });
    expect(only(runAsPack(harness, policyVersion, record)).severity).toBe('medium');
  });

  it('raises high for switching the default version, and at least high when refused', () => {
    const record = derived(getPolicyVersion, 'SetDefaultPolicyVersion', { policyArn, versionId: 'v1' });
    const finding = only(runAsPack(harness, policyVersion, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({ policyArn, versionId: 'v1' });
    expect(atLeast(only(runAsPack(harness, policyVersion, refused(record))).severity, 'high')).toBe(true);
  });

  it('does not fire on the real recon read, nor on a version that only denies', () => {
    expect(runAsPack(harness, policyVersion, getPolicyVersion)).toEqual([]);
    const tightening = derived(getPolicyVersion, 'CreatePolicyVersion', {
      policyArn,
      policyDocument: DENY_DOCUMENT,
      setAsDefault: true,
    });
    expect(runAsPack(harness, policyVersion, tightening)).toEqual([]);
  });
});
