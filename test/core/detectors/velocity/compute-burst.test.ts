import { computeBurst } from '../../../../src/core/detectors/velocity/compute-burst';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';

describeWithCorpus('velocity.compute-burst', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await detectorHarness();
  });

  it('fires on the Stratus "unusual instances" launch: ten GPU instances, refused by the vCPU limit', () => {
    const record = corpusRecord(
      'RunInstances p2.xlarge',
      byEvent('ec2', 'RunInstances', 'Client.VcpuLimitExceeded'),
    );
    const [finding] = h.run(computeBurst, record);
    expect(finding).toMatchObject({
      detector: 'velocity.compute-burst',
      category: 'velocity',
      severity: 'high',
    });
    expect(finding.details).toMatchObject({ requested: 10, instanceType: 'p2.xlarge', accelerated: true });
  });

  it('stays quiet on an ordinary single-instance launch', () => {
    // The Terraform setup's own launch (re-attributed to an agent role): one general-purpose instance.
    const record = asAssumedRole(
      corpusRecord('RunInstances t-type', (r) => byEvent('ec2', 'RunInstances', null)(r)),
    );
    expect(h.run(computeBurst, record)).toEqual([]);
  });
});
