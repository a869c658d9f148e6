import { notAllowed } from '../../../../src/core/detectors/out-of-baseline/not-allowed';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, testBaseline, type Harness } from '../../../support/detector-harness';

describeWithCorpus('baseline.not-allowed', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await detectorHarness();
  });
  const narrow = testBaseline({ allowActions: ['ec2:DescribeInstances'] });
  // Invictus records are the Stratus IAM user's, re-attributed to an agent role (userIdentity only).
  const real = (what: string, source: string, name: string, error?: string | null) =>
    asAssumedRole(
      corpusRecord(what, (r, e) => e.source.startsWith('invictus') && byEvent(source, name, error)(r)),
    );

  it('grades by access level: permissions management high, write medium, list low', () => {
    expect(h.run(notAllowed, real('AttachRolePolicy', 'iam', 'AttachRolePolicy'), narrow)[0]?.severity).toBe(
      'high',
    );
    expect(h.run(notAllowed, real('CreateFlowLogs', 'ec2', 'CreateFlowLogs'), narrow)[0]?.severity).toBe(
      'medium',
    );
    const [list] = h.run(
      notAllowed,
      real('ListAttachedRolePolicies', 'iam', 'ListAttachedRolePolicies'),
      narrow,
    );
    expect(list.severity).toBe('low');
    expect(list.message).toMatch(/no statement allows this action/);
  });

  it('raises a sensitive read matched only by a wildcard to medium and says so', () => {
    const [finding] = h.run(notAllowed, real('GetSecretValue', 'secretsmanager', 'GetSecretValue'));
    expect(finding).toMatchObject({ severity: 'medium', details: { reason: 'sensitive' } });
    expect(finding.message).toMatch(/wildcard/);
  });

  it('counts refused calls too', () => {
    const refused = corpusRecord(
      'refused GetPasswordData',
      byEvent('ec2', 'GetPasswordData', 'Client.UnauthorizedOperation'),
    );
    expect(h.run(notAllowed, refused, narrow)[0]?.message).toMatch(/refused/);
  });

  it('does not fire on an allowed call', () => {
    expect(h.run(notAllowed, real('DescribeInstances', 'ec2', 'DescribeInstances', null), narrow)).toEqual(
      [],
    );
  });
});
