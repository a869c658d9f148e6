import { consoleSignIn } from '../../../../src/core/detectors/cross-boundary/console-sign-in';
import { corpusRecord, describeWithCorpus, type CorpusRecord } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';

describeWithCorpus('boundary.console-sign-in', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await detectorHarness();
  });

  it('fires on a successful console sign-in (the Stratus login-without-MFA run)', () => {
    const record = corpusRecord(
      'ConsoleLogin success',
      (r) => r.eventName === 'ConsoleLogin' && String(r.userAgent).includes('stratus-red-team_'),
    );
    const [finding] = h.run(consoleSignIn, record);
    expect(finding).toMatchObject({ category: 'cross-boundary', severity: 'high' });
  });

  it('rates a failed sign-in lower, and ignores API calls', () => {
    const complete = (r: CorpusRecord): boolean =>
      typeof r.eventTime === 'string' && typeof r.eventID === 'string';
    const failed = corpusRecord(
      'ConsoleLogin failure',
      (r) =>
        complete(r) &&
        r.eventName === 'ConsoleLogin' &&
        (r.responseElements as { ConsoleLogin?: string } | null)?.ConsoleLogin === 'Failure',
    );
    expect(h.run(consoleSignIn, failed)[0]).toMatchObject({ severity: 'medium' });
    const apiCall = corpusRecord(
      'GetCallerIdentity',
      (r) => complete(r) && r.eventName === 'GetCallerIdentity',
    );
    expect(h.run(consoleSignIn, apiCall)).toEqual([]);
  });
});
