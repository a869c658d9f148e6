import { passwordData } from '../../../../src/core/detectors/credential-access/password-data';
import { byEvent, corpusRecord, describeWithCorpus, type CorpusRecord } from '../../../support/corpus';
import { detectorHarness, testBaseline, type Harness } from '../../../support/detector-harness';
import { only, recordById, runAsPack } from '../privilege-escalation/helpers';

const REFUSED_PASSWORD_DATA = 'fbd91225-39aa-4c00-822c-9f0b96e7758f';

describeWithCorpus('credential.password-data', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for the refused Stratus ec2-get-password-data attempt', () => {
    const finding = only(runAsPack(harness, passwordData, recordById(REFUSED_PASSWORD_DATA)));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({ instanceId: 'i-durz4ux740gjqvcm' });
  });

  it('lowers a successful read the baseline grants by name', () => {
    // Derived: the same call, allowed (the detonation was refused by design).
    const allowed: CorpusRecord = { ...recordById(REFUSED_PASSWORD_DATA), eventID: 'allowed-password-data' };
    delete allowed.errorCode;
    delete allowed.errorMessage;
    const granted = testBaseline({ allowActions: ['ec2:GetPasswordData'] });
    expect(only(runAsPack(harness, passwordData, allowed, granted)).severity).toBe('low');
  });

  it('does not fire on describing instances', () => {
    expect(
      runAsPack(
        harness,
        passwordData,
        corpusRecord('DescribeInstances', byEvent('ec2', 'DescribeInstances', null)),
      ),
    ).toEqual([]);
  });
});
