import { secretValue } from '../../../../src/core/detectors/credential-access/secret-value';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { completed, only, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('credential.secret-value', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises medium for one secret read (Stratus secretsmanager-retrieve-secrets)', () => {
    const record = corpusRecord('GetSecretValue', byEvent('secretsmanager', 'GetSecretValue', null));
    const finding = only(runAsPack(harness, secretValue, record));
    expect(finding.severity).toBe('medium');
    expect(finding.details?.secretIds).toHaveLength(1);
  });

  it('raises at least high for a refused read', () => {
    const record = corpusRecord(
      'GetSecretValue refused',
      byEvent('secretsmanager', 'GetSecretValue', 'AccessDenied'),
    );
    expect(only(runAsPack(harness, secretValue, record)).severity).toBe('high');
  });

  it('raises high for a batch read by filter (Stratus secretsmanager-batch-retrieve-secrets)', () => {
    // The Panther sample has no identity or eventID; re-attributed to an agent and completed.
    const record = completed(
      asAssumedRole(corpusRecord('BatchGetSecretValue', byEvent('secretsmanager', 'BatchGetSecretValue'))),
    );
    const finding = only(runAsPack(harness, secretValue, record));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({ byFilter: true });
  });

  it('does not fire on writing a secret, nor on a read that failed for another reason', () => {
    const write = corpusRecord('PutSecretValue', byEvent('secretsmanager', 'PutSecretValue', null));
    expect(runAsPack(harness, secretValue, write)).toEqual([]);
    const read = corpusRecord('GetSecretValue', byEvent('secretsmanager', 'GetSecretValue', null));
    expect(runAsPack(harness, secretValue, refused(read, 'ResourceNotFoundException'))).toEqual([]);
  });
});
