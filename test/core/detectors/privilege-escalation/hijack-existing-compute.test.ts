import { hijackExistingCompute } from '../../../../src/core/detectors/privilege-escalation/hijack-existing-compute';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, completed, derived, only, recordById, refused, runAsPack } from './helpers';

describeWithCorpus('privesc.hijack-existing-compute', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for replacing a function’s code (Stratus lambda-overwrite-code)', () => {
    const finding = only(
      runAsPack(harness, hijackExistingCompute, recordById('e01946e6-d206-4927-b90a-9ae3b723b9e6')),
    );
    expect(finding.severity).toBe('high');
    expect(finding.details?.targetFunction).toContain('stratus-red-team-olc-func');
  });

  it('raises high for new user data on an instance (Stratus ec2-user-data)', () => {
    const record = completed(
      corpusRecord(
        'ModifyInstanceAttribute userData',
        (r) =>
          byEvent('ec2', 'ModifyInstanceAttribute')(r) &&
          JSON.stringify(r.requestParameters).includes('userData'),
      ),
    );
    expect(only(runAsPack(harness, hijackExistingCompute, record)).details).toMatchObject({
      instanceId: 'i-012345abcde',
    });
  });

  it('raises high for ssm SendCommand and EC2 Instance Connect, at least high when refused', () => {
    const sendCommand = recordById('99b46479-d5c7-4384-b342-006ece8c36a0');
    expect(only(runAsPack(harness, hijackExistingCompute, sendCommand)).details).toMatchObject({
      instanceIds: ['i-0dbc91f429e48eeed'],
      documentName: 'AWS-RunShellScript',
    });
    const sshKey = corpusRecord(
      'SendSSHPublicKey',
      byEvent('ec2-instance-connect', 'SendSSHPublicKey', null),
    );
    expect(only(runAsPack(harness, hijackExistingCompute, sshKey)).severity).toBe('high');
    expect(
      atLeast(only(runAsPack(harness, hijackExistingCompute, refused(sendCommand))).severity, 'high'),
    ).toBe(true);
  });

  it('raises high for adding layers to a function (derived: the real records are sanitised to functionName)', () => {
    const real = corpusRecord(
      'UpdateFunctionConfiguration',
      byEvent('lambda', 'UpdateFunctionConfiguration20150331v2'),
    );
    const record = derived(completed(real), 'UpdateFunctionConfiguration20150331v2', {
      functionName: 'production-api',
      layers: ['arn:aws:lambda:us-east-1:123456789012:layer:extension:1'],
    });
    expect(only(runAsPack(harness, hijackExistingCompute, record)).details).toMatchObject({
      targetFunction: 'production-api',
    });
  });

  it('does not fire on harmless attribute or configuration changes', () => {
    const termination = recordById('1bb6c2f9-b96b-485d-92ad-380e4be8b1b1');
    expect(runAsPack(harness, hijackExistingCompute, termination)).toEqual([]);
    const config = completed(
      corpusRecord('UpdateFunctionConfiguration', byEvent('lambda', 'UpdateFunctionConfiguration20150331v2')),
    );
    expect(runAsPack(harness, hijackExistingCompute, config)).toEqual([]);
  });
});
