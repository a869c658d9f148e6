import { publicAccessBlock } from '../../../../src/core/detectors/exfiltration/public-access-block';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, derived, only, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('exfil.public-access-block', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for deleting a bucket’s public access block, at least high when refused', () => {
    const record = corpusRecord(
      'DeleteBucketPublicAccessBlock',
      byEvent('s3', 'DeleteBucketPublicAccessBlock', null),
    );
    const finding = only(runAsPack(harness, publicAccessBlock, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({
      bucketName: 'corporate-documents',
      removed: true,
      accountWide: false,
    });
    expect(atLeast(only(runAsPack(harness, publicAccessBlock, refused(record))).severity, 'high')).toBe(true);
  });

  it('raises high for a block with a protection switched off (derived from the real Put record)', () => {
    const real = corpusRecord(
      'PutBucketPublicAccessBlock',
      byEvent('s3', 'PutBucketPublicAccessBlock', null),
    );
    const record = derived(real, 'PutBucketPublicAccessBlock', {
      bucketName: 'corporate-documents',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    });
    expect(only(runAsPack(harness, publicAccessBlock, record)).details).toMatchObject({ removed: false });
  });

  it('does not fire on putting a block without turning anything off', () => {
    const record = corpusRecord(
      'PutBucketPublicAccessBlock',
      byEvent('s3', 'PutBucketPublicAccessBlock', null),
    );
    expect(runAsPack(harness, publicAccessBlock, record)).toEqual([]);
  });
});
