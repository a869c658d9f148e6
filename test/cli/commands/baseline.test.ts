import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, describeWithCorpus } from '../../support/corpus';
import { cleanup, ensureBuilt, lines, REPO, runCli, tempDir } from './run-cli';

const INVICTUS = join(CORPUS_DIR, 'invictus-aws_dataset', 'CloudTrail');
const BERT_JAN = 'arn:aws:iam::123837392027:user/bert-jan';

beforeAll(ensureBuilt, 180_000);

describe('leash baseline lint', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('lint');
    writeFileSync(
      join(dir, 'typo.yaml'),
      [
        'name: typo',
        'allow:',
        '  - actions: [s3:GetObject]',
        '  - actions: [s3:GetObjekt]',
        '    resource: ["*"]',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'broad.yaml'), ['name: broad', 'allow:', '  - actions: ["s3:*"]', ''].join('\n'));
  });
  afterAll(() => cleanup(dir));

  it('prints errors as file:line: message and exits 1', async () => {
    const result = await runCli(['baseline', 'lint', join(dir, 'typo.yaml')]);
    expect(result.code).toBe(1);
    const out = lines(result.stdout);
    expect(out.length).toBeGreaterThan(0);
    for (const line of out) expect(line).toMatch(new RegExp(`^${escape(join(dir, 'typo.yaml'))}:\\d+: `));
    expect(result.stdout).toMatch(/:5: .*resource/);
  });

  it('exits 0 with warnings only', async () => {
    const result = await runCli(['baseline', 'lint', join(dir, 'broad.yaml')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/broad\.yaml:3: warning: /);
  });

  it('lints directories', async () => {
    const result = await runCli(['baseline', 'lint', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/1 baseline checked: \d+ errors?, \d+ warnings?/);
  });
});

describeWithCorpus('leash baseline generate', () => {
  let dir: string;
  beforeAll(() => (dir = tempDir('generate')));
  afterAll(() => cleanup(dir));

  it('round trip: generate → lint clean → replaying the same history gives no out-of-baseline finding', async () => {
    const file = join(dir, 'bert-jan.yaml');
    const generated = await runCli([
      'baseline',
      'generate',
      '--from',
      INVICTUS,
      '--principal',
      BERT_JAN,
      '--out',
      file,
    ]);
    expect(generated.code).toBe(0);
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toMatch(/^name: bert-jan$/m);
    expect(yaml).toMatch(/^regions: \[/m);
    expect(yaml).toMatch(/callsPerMinute: \d+ # observed peak \d+/);
    // Sensitive actions are named exactly, with a review note.
    expect(yaml).toMatch(/# REVIEW: sensitive actions/);

    const lint = await runCli(['baseline', 'lint', file]);
    expect(
      lint.stdout.split('\n').filter((l) => / error|: (?!warning)/.test(l) && !l.includes('warning')),
    ).toEqual([]);
    expect(lint.code).toBe(0);

    const replay = await runCli(['replay', INVICTUS, '--baselines', file, '--format', 'jsonl']);
    expect(replay.code).toBe(0);
    const findings = lines(replay.stdout).map(
      (l) => JSON.parse(l) as { category: string; agent: string; action: string },
    );
    expect(findings.length).toBeGreaterThan(0); // the other detectors still speak
    // Only actions the generator said it had to leave out (a service IAM does not list) may fall outside.
    const leftOut = new Set([...yaml.matchAll(/^# {3}(\S+) \(/gm)].map((m) => m[1]));
    const outside = findings.filter((f) => f.category === 'out-of-baseline' && !leftOut.has(f.action));
    expect(outside).toEqual([]);
    expect(new Set(findings.map((f) => f.agent))).toEqual(new Set(['bert-jan']));
  });

  it('prints to stdout without --out and names the baseline after the role', async () => {
    const result = await runCli([
      'baseline',
      'generate',
      '--from',
      INVICTUS,
      '--principal',
      'arn:aws:iam::123837392027:role/stratus-red-team-ec2-get-password-data-role',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^name: stratus-red-team-ec2-get-password-data-role$/m);
  });

  it('exits 2 on a principal that is not an ARN', async () => {
    const result = await runCli(['baseline', 'generate', '--from', INVICTUS, '--principal', 'bert-jan']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--principal 'bert-jan'/);
  });
});

describe('leash baseline generate --out', () => {
  it('exits 2 naming --out before reading any history when its directory does not exist', async () => {
    const out = join(REPO, 'examples', 'no-such-directory', 'agent.yaml');
    const result = await runCli([
      'baseline',
      'generate',
      '--from',
      join(REPO, 'examples', 'scenario'),
      '--principal',
      'arn:aws:iam::111122223333:role/*',
      '--out',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--out ${out}: cannot write the file`);
    expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
