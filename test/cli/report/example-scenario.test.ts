/**
 * The example scenario (examples/) is the project's own story: keep it well-formed and self-made (no
 * account ids or tool fingerprints copied from the research corpus).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const SCENARIO = join(__dirname, '..', '..', '..', 'examples', 'scenario');
const BASELINE = join(__dirname, '..', '..', '..', 'examples', 'baselines', 'ci-fixer.yaml');

interface ExampleRecord {
  eventID: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  recipientAccountId: string;
  errorCode?: string;
  userIdentity: { arn: string; accessKeyId: string; sessionContext: { sessionIssuer: { arn: string } } };
  responseElements: Record<string, unknown> | null;
}

function scenarioFiles(): string[] {
  return readdirSync(SCENARIO).filter((f) => f.endsWith('.json'));
}

function records(): ExampleRecord[] {
  return scenarioFiles().flatMap(
    (f) => (JSON.parse(readFileSync(join(SCENARIO, f), 'utf8')) as { Records: ExampleRecord[] }).Records,
  );
}

describe('example scenario', () => {
  it('is made of S3-delivery-shaped files of account 111122223333', () => {
    const files = scenarioFiles();
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const file of files) {
      expect(file).toMatch(/^111122223333_CloudTrail_[a-z]{2}-[a-z]+-\d_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json$/);
      const region = file.split('_')[2];
      const { Records } = JSON.parse(readFileSync(join(SCENARIO, file), 'utf8')) as {
        Records: ExampleRecord[];
      };
      for (const r of Records) expect(r.awsRegion).toBe(region);
    }
  });

  it('has unique uuid eventIDs, one day of eventTimes and no borrowed fingerprints', () => {
    const all = records();
    const ids = all.map((r) => r.eventID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of all) {
      expect(r.eventID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.eventTime.startsWith('2026-03-14T')).toBe(true);
      expect(r.recipientAccountId).toBe('111122223333');
      expect(r.userIdentity.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    }
    for (const file of scenarioFiles()) {
      const text = readFileSync(join(SCENARIO, file), 'utf8');
      // The lab account of the shared corpus's Stratus run: the example must not borrow its records.
      expect(text).not.toContain(['2180', '0730', '1253'].join(''));
      expect(text.toLowerCase()).not.toContain('stratus');
    }
  });

  it('tells the story: routine work, a secret, self-escalation, a chained role, a public bucket, a refused burst', () => {
    const all = records();
    const agent = 'arn:aws:iam::111122223333:role/agents/ci-fixer';
    const byAgent = all.filter((r) => r.userIdentity.sessionContext.sessionIssuer.arn === agent);
    const names = byAgent.map((r) => r.eventName);
    for (const name of ['GetObject', 'ListObjects', 'FilterLogEvents', 'BatchGetBuilds', 'StartBuild']) {
      expect(names).toContain(name);
    }
    expect(names).toContain('GetSecretValue');
    const attach = byAgent.find((r) => r.eventName === 'AttachRolePolicy')!;
    expect(attach).toMatchObject({ awsRegion: 'us-east-1', eventSource: 'iam.amazonaws.com' });
    const assume = byAgent.find((r) => r.eventName === 'AssumeRole')!;
    const credentials = assume.responseElements?.credentials as { accessKeyId: string };
    const chained = all.filter((r) => r.userIdentity.accessKeyId === credentials.accessKeyId);
    expect(chained.map((r) => r.userIdentity.sessionContext.sessionIssuer.arn)).toEqual(
      chained.map(() => 'arn:aws:iam::111122223333:role/deploy-admin'),
    );
    expect(chained.map((r) => r.eventName)).toContain('PutBucketPolicy');
    const refused = chained.filter((r) => r.errorCode !== undefined);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    const span = Date.parse(refused.at(-1)!.eventTime) - Date.parse(refused[0].eventTime);
    expect(span).toBeLessThan(3 * 60_000);
  });

  it('binds the baseline to the agent role only', () => {
    const baseline = parse(readFileSync(BASELINE, 'utf8')) as {
      name: string;
      mode: string;
      bind: { roleArns: string[] };
    };
    expect(baseline.name).toBe('ci-fixer');
    expect(baseline.mode).toBe('enforce');
    expect(baseline.bind.roleArns).toEqual(['arn:aws:iam::111122223333:role/agents/ci-fixer']);
  });
});
