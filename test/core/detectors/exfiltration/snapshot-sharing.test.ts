import { snapshotSharing } from '../../../../src/core/detectors/exfiltration/snapshot-sharing';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, testBaseline, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('exfil.snapshot-sharing', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for an EBS snapshot shared with another account (Stratus ec2-share-ebs-snapshot)', () => {
    const record = recordById('741616fd-4713-426d-8861-3ccae4ba994e');
    const finding = only(runAsPack(harness, snapshotSharing, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({
      snapshotId: 'snap-083d3b857c13988bc',
      targetAccount: '012345678912',
    });
    expect(atLeast(only(runAsPack(harness, snapshotSharing, refused(record))).severity, 'high')).toBe(true);
    const known = testBaseline({ accounts: ['012345678912'] });
    expect(only(runAsPack(harness, snapshotSharing, record, known)).severity).toBe('low');
  });

  it('raises high for an AMI and an RDS snapshot shared out (Stratus ec2-share-ami, rds-share-snapshot)', () => {
    expect(
      only(runAsPack(harness, snapshotSharing, recordById('8fe3095f-909c-41f5-a769-00b9ec6e95df'))).details,
    ).toMatchObject({
      imageId: 'ami-0aa1d83d0b0985c86',
    });
    expect(
      only(runAsPack(harness, snapshotSharing, recordById('2d19ab1e-82e9-4302-ad10-a405b50c8d49'))).details,
    ).toMatchObject({
      dBSnapshotIdentifier: 'exfiltration',
      targetAccount: '193672423079',
    });
  });

  it('raises critical for a snapshot made public (group all)', () => {
    const record = corpusRecord(
      'ModifySnapshotAttribute group all',
      (r) =>
        byEvent('ec2', 'ModifySnapshotAttribute', null)(r) &&
        JSON.stringify(r.requestParameters).includes('"group":"all"'),
    );
    expect(only(runAsPack(harness, snapshotSharing, record)).severity).toBe('critical');
  });

  it('does not fire on removing a sharing', () => {
    expect(runAsPack(harness, snapshotSharing, recordById('3ad01b1d-ebc1-4830-994b-9210534ab9f2'))).toEqual(
      [],
    );
    expect(runAsPack(harness, snapshotSharing, recordById('d1bc9379-2adc-4b94-b38f-07a2bad4856d'))).toEqual(
      [],
    );
  });
});
