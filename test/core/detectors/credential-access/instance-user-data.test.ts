import { instanceUserData } from '../../../../src/core/detectors/credential-access/instance-user-data';
import { byEvent, corpusRecord, describeWithCorpus, type CorpusRecord } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { only, runAsPack } from '../privilege-escalation/helpers';

const attribute =
  (name: string, errorCode?: string | null) =>
  (r: CorpusRecord): boolean =>
    byEvent('ec2', 'DescribeInstanceAttribute', errorCode)(r) &&
    (r.requestParameters as { attribute?: string } | undefined)?.attribute === name;

describeWithCorpus('credential.instance-user-data', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for the refused Stratus ec2-download-user-data attempt', () => {
    const record = corpusRecord('userData refused', attribute('userData', 'Client.UnauthorizedOperation'));
    expect(only(runAsPack(harness, instanceUserData, record)).severity).toBe('high');
  });

  it('raises medium for a successful user-data read', () => {
    expect(
      only(runAsPack(harness, instanceUserData, corpusRecord('userData', attribute('userData', null))))
        .severity,
    ).toBe('medium');
  });

  it('does not fire on other instance attributes', () => {
    expect(
      runAsPack(
        harness,
        instanceUserData,
        corpusRecord('disableApiTermination', attribute('disableApiTermination')),
      ),
    ).toEqual([]);
  });
});
