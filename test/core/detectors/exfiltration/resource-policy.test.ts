import { resourcePolicy } from '../../../../src/core/detectors/exfiltration/resource-policy';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('exfil.resource-policy', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises critical for an ECR repository opened to anyone', () => {
    const record = corpusRecord('SetRepositoryPolicy', byEvent('ecr', 'SetRepositoryPolicy', null));
    const finding = only(runAsPack(harness, resourcePolicy, record));
    expect(finding.severity).toBe('critical');
    expect(finding.details).toMatchObject({ public: true });
    expect(atLeast(only(runAsPack(harness, resourcePolicy, refused(record))).severity, 'high')).toBe(true);
  });

  it('raises critical for a KMS key policy allowing kms:Decrypt to "*"', () => {
    // The Panther sample names no caller ARN; re-attributed to an agent so it normalises.
    const record = asAssumedRole(recordById('test-04'));
    expect(only(runAsPack(harness, resourcePolicy, record)).severity).toBe('critical');
  });

  it('raises critical for a queue policy with an unconditioned "*" statement', () => {
    const record = asAssumedRole(recordById('test-05'));
    expect(only(runAsPack(harness, resourcePolicy, record)).severity).toBe('critical');
  });

  it('does not fire on a key policy for its own account, nor on a secret pinned to the organisation', () => {
    const ownKey = corpusRecord(
      'PutKeyPolicy own account',
      (r) => byEvent('kms', 'PutKeyPolicy', null)(r) && r.eventID !== 'test-04',
    );
    expect(runAsPack(harness, resourcePolicy, ownKey)).toEqual([]);
    expect(runAsPack(harness, resourcePolicy, asAssumedRole(recordById('test-02')))).toEqual([]);
  });
});
