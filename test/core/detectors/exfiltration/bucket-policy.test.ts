import { bucketPolicy } from '../../../../src/core/detectors/exfiltration/bucket-policy';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, testBaseline, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

const STRATUS_BACKDOOR_BUCKET = 'd58cf935-0194-41d0-baa0-9efc030ce2e6';

describeWithCorpus('exfil.bucket-policy', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for a bucket opened to another account (Stratus s3-backdoor-bucket-policy)', () => {
    const finding = only(runAsPack(harness, bucketPolicy, recordById(STRATUS_BACKDOOR_BUCKET)));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({
      bucketName: 'stratus-red-team-bdbp-lhfzvgcamn',
      targetAccount: '193672423079',
      public: false,
    });
  });

  it('lowers to low for an account the baseline lists', () => {
    const known = testBaseline({ accounts: ['193672423079'] });
    expect(only(runAsPack(harness, bucketPolicy, recordById(STRATUS_BACKDOOR_BUCKET), known)).severity).toBe(
      'low',
    );
  });

  it('raises critical for Principal AWS "*", and keeps the refused attempt at least high', () => {
    const open = corpusRecord(
      'PutBucketPolicy AWS *',
      (r) =>
        byEvent('s3', 'PutBucketPolicy', null)(r) &&
        JSON.stringify(r.requestParameters).includes('{"AWS":"*"}'),
    );
    expect(only(runAsPack(harness, bucketPolicy, open)).severity).toBe('critical');
    expect(atLeast(only(runAsPack(harness, bucketPolicy, refused(open))).severity, 'high')).toBe(true);
  });

  it('does not fire on a CloudTrail delivery policy, nor on "*" pinned to the organisation', () => {
    expect(runAsPack(harness, bucketPolicy, recordById('988f1043-3e3d-4d84-803b-1b4d00e0df90'))).toEqual([]);
    // The Panther sample names no caller ARN; re-attributed to an agent so it normalises.
    expect(runAsPack(harness, bucketPolicy, asAssumedRole(recordById('test-06')))).toEqual([]);
  });
});
