import { bucketAcl } from '../../../../src/core/detectors/exfiltration/bucket-acl';
import { byEvent, corpusRecord, describeWithCorpus, type CorpusRecord } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, completed, derived, only, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('exfil.bucket-acl', () => {
  let harness: Harness;
  let privateAcl: CorpusRecord;
  beforeAll(async () => {
    harness = await detectorHarness();
    privateAcl = completed(corpusRecord('PutBucketAcl private', byEvent('s3', 'PutBucketAcl', null)));
  });

  it('raises critical for a public-read canned ACL (derived from the real private one)', () => {
    const params = privateAcl.requestParameters as Record<string, unknown>;
    const record = derived(privateAcl, 'PutBucketAcl', { ...params, 'x-amz-acl': ['public-read'] });
    const finding = only(runAsPack(harness, bucketAcl, record));
    expect(finding.severity).toBe('critical');
    expect(finding.details).toMatchObject({ bucketName: 'bucket', cannedAcl: 'public-read' });
    expect(atLeast(only(runAsPack(harness, bucketAcl, refused(record))).severity, 'high')).toBe(true);
  });

  it('raises critical for an explicit AllUsers grant', () => {
    const record = derived(privateAcl, 'PutBucketAcl', {
      bucketName: 'bucket',
      AccessControlPolicy: {
        AccessControlList: {
          Grant: [
            { Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' },
          ],
        },
      },
    });
    expect(only(runAsPack(harness, bucketAcl, record)).severity).toBe('critical');
  });

  it('does not fire on a private ACL', () => {
    expect(runAsPack(harness, bucketAcl, privateAcl)).toEqual([]);
  });
});
