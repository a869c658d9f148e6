import { secretBurst } from '../../../../src/core/detectors/credential-access/secret-burst';
import { asAssumedRole, corpusEntries, describeWithCorpus, type CorpusRecord } from '../../../support/corpus';
import { detectorHarness } from '../../../support/detector-harness';
import type { Finding } from '../../../../src/core/model';

/** The Stratus secretsmanager-retrieve-secrets detonation: 20 reads of different secrets in seconds. */
function stratusSecretReads(): CorpusRecord[] {
  return (
    corpusEntries()
      .filter(
        (e) => e.label_hint === 'attack' && e.record.eventName === 'GetSecretValue' && !e.record.errorCode,
      )
      .map((e) => structuredClone(e.record) as CorpusRecord)
      .sort(
        (a, b) =>
          String(a.eventTime).localeCompare(String(b.eventTime)) ||
          String(a.eventID).localeCompare(String(b.eventID)),
      )
      // Re-attributed: the detector counts per agent, and the agent is an assumed role.
      .map((r) => asAssumedRole(r))
  );
}

describeWithCorpus('credential.secret-burst', () => {
  it('raises one high finding when five different secrets are read within ten minutes', async () => {
    const harness = await detectorHarness();
    const reads = stratusSecretReads();
    expect(reads.length).toBeGreaterThanOrEqual(5);
    const findings: Finding[] = reads.flatMap((r) => harness.run(secretBurst, r));
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('high');
    expect(findings[0].key).toMatch(
      /^credential\.secret-burst:arn:aws:iam::123456789012:role\/agents\/ci-fixer:\d+$/,
    );
    expect(findings[0].details).toMatchObject({ distinctSecrets: 5 });
  });

  it('gives the same key for the same time-ordered history', async () => {
    const keys = async (): Promise<string[]> => {
      const harness = await detectorHarness();
      return stratusSecretReads().flatMap((r) => harness.run(secretBurst, r).map((f) => f.key));
    };
    expect(await keys()).toEqual(await keys());
  });

  it('does not fire on four different secrets', async () => {
    const harness = await detectorHarness();
    expect(
      stratusSecretReads()
        .slice(0, 4)
        .flatMap((r) => harness.run(secretBurst, r)),
    ).toEqual([]);
  });
});
