import { openSecurityGroup } from '../../../../src/core/detectors/exfiltration/open-security-group';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('exfil.open-security-group', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for port 22 open to 0.0.0.0/0 (Stratus ec2-security-group-open-port-22-ingress)', () => {
    const record = recordById('74bd84b4-6729-4895-b2a4-e2beb7c6b377');
    const finding = only(runAsPack(harness, openSecurityGroup, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({ groupId: 'sg-04cfb7a4712d75b00', sensitivePorts: true });
    expect(atLeast(only(runAsPack(harness, openSecurityGroup, refused(record))).severity, 'high')).toBe(true);
  });

  it('raises medium for HTTPS open to the internet', () => {
    expect(
      only(runAsPack(harness, openSecurityGroup, recordById('7e96f0e7-4d78-423d-b3f5-391370685b30')))
        .severity,
    ).toBe('medium');
  });

  it('does not fire on ingress from a single address', () => {
    const record = corpusRecord(
      'ingress from 127.0.0.1/32',
      (r) =>
        byEvent('ec2', 'AuthorizeSecurityGroupIngress', null)(r) &&
        JSON.stringify(r.requestParameters).includes('127.0.0.1/32'),
    );
    expect(runAsPack(harness, openSecurityGroup, record)).toEqual([]);
  });
});
