import { decryptedParameter } from '../../../../src/core/detectors/credential-access/decrypted-parameter';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, derived, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

describeWithCorpus('credential.decrypted-parameter', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for many parameters decrypted at once (Stratus ssm-retrieve-securestring-parameters)', () => {
    const finding = only(
      runAsPack(harness, decryptedParameter, recordById('928546c4-79d3-4f9e-aec5-319ef6685cde')),
    );
    expect(finding.severity).toBe('high');
  });

  it('raises medium for one decrypted parameter, at least high when refused', () => {
    const real = recordById('bb3871a9-5a79-4424-bccc-c98472df7853');
    const one = derived(real, 'GetParameter', {
      name: '/credentials/stratus-red-team/credentials-31',
      withDecryption: true,
    });
    expect(only(runAsPack(harness, decryptedParameter, one)).severity).toBe('medium');
    expect(atLeast(only(runAsPack(harness, decryptedParameter, refused(one))).severity, 'high')).toBe(true);
  });

  it('does not fire on a read without decryption', () => {
    const record = corpusRecord(
      'GetParameters without decryption',
      (r) =>
        byEvent('ssm', 'GetParameters', null)(r) &&
        (r.requestParameters as { withDecryption?: unknown } | undefined)?.withDecryption === undefined,
    );
    expect(runAsPack(harness, decryptedParameter, record)).toEqual([]);
  });
});
