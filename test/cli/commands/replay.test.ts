import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CORPUS_DIR, describeWithCorpus } from '../../support/corpus';
import { CLI, cleanup, ensureBuilt, lines, REPO, runCli, tempDir } from './run-cli';

const INVICTUS = join(CORPUS_DIR, 'invictus-aws_dataset', 'CloudTrail');
/** One delivery file of the lab run (12:20 UTC), found by its delivery time rather than named here. */
function oneFile(): string {
  const name = readdirSync(INVICTUS).find((f) => f.includes('_20230710T1220Z_WMiH'));
  if (!name) throw new Error(`no 12:20 delivery file under ${INVICTUS}`);
  return join(INVICTUS, name);
}
const REQUIRED_FIELDS = [
  'eventID',
  'eventTime',
  'principal',
  'agent',
  'category',
  'detector',
  'severity',
  'action',
  'eventName',
  'errorCode',
  'response',
];
const STEP_TYPES = ['alert', 'deny-actions', 'revoke-sessions', 'quarantine', 'undo'];

/** The what-if run most tests start from: every principal of the Invictus files bound to 'permissive'. */
const PERMISSIVE_INVICTUS = ['replay', INVICTUS, '--agent', '*=permissive'];

beforeAll(ensureBuilt, 180_000);

describeWithCorpus('leash replay on the Invictus CloudTrail files', () => {
  it('writes exactly one well-formed JSON object per finding with --format jsonl', async () => {
    const result = await runCli([...PERMISSIVE_INVICTUS, '--format', 'jsonl']);
    expect(result.code).toBe(0);
    const findings = lines(result.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(findings.length).toBeGreaterThan(100);
    for (const finding of findings) {
      for (const field of REQUIRED_FIELDS) expect(finding).toHaveProperty(field);
      expect(finding.agent).toBe('permissive');
      expect(finding.errorCode === null || typeof finding.errorCode === 'string').toBe(true);
      expect(Array.isArray(finding.response)).toBe(true);
      for (const step of finding.response as { type: string }[]) expect(STEP_TYPES).toContain(step.type);
    }
    // The summary goes to stderr, so stdout stays parseable.
    expect(result.stderr).toMatch(/leash replay: 55 files, 2900 records/);
  });

  it('judges the same on read workers as on one thread, in every format', async () => {
    // LEASH_READ_WORKERS set explicitly starts the workers whatever the input's size. With workers, the
    // engine thread reads files too whenever a worker's next batch is not there yet (at the start, while
    // the workers load), so these runs mix files read on both sides.
    const stable = (text: string): string => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '');
    for (const format of ['jsonl', 'json', 'sarif', 'html']) {
      const args = [...PERMISSIVE_INVICTUS, '--format', format];
      const [inline, ...threaded] = await Promise.all(
        ['0', '1', '2'].map((workers) => runCli(args, { env: { LEASH_READ_WORKERS: workers } })),
      );
      expect(inline.code).toBe(0);
      expect(inline.stdout.length).toBeGreaterThan(1000);
      for (const run of threaded) {
        expect(run.code).toBe(0);
        // Only the report's own generation time (the one timestamp with milliseconds) may differ.
        expect(stable(run.stdout)).toBe(stable(inline.stdout));
        expect(run.stderr).toBe(inline.stderr);
      }
    }
  }, 120_000);

  it('reports the same whether it runs again under the single-threaded collector or not', async () => {
    const args = [...PERMISSIVE_INVICTUS, '--format', 'jsonl', '--fail-on', 'critical'];
    const [here, relaunched] = await Promise.all(
      ['0', '1'].map((setting) => runCli(args, { env: { LEASH_SINGLE_THREADED_GC: setting } })),
    );
    expect(here.code).toBe(1);
    expect(relaunched.code).toBe(here.code);
    expect(relaunched.stdout).toBe(here.stdout);
    expect(relaunched.stderr).toBe(here.stderr);
  }, 60_000);

  it.each([
    ['in its own process', '0'],
    ['run again under the single-threaded collector', '1'],
  ])(
    'stops quietly with status 141 when its reader goes away (| head), %s',
    async (_, setting) => {
      const child = spawn(process.execPath, [CLI, ...PERMISSIVE_INVICTUS, '--format', 'jsonl'], {
        cwd: REPO,
        env: { ...process.env, LEASH_SINGLE_THREADED_GC: setting },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Take the first chunk of findings, then close the pipe as `head -1` would.
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(141);
      expect(stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
    },
    60_000,
  );

  it('exits 1 when a finding reaches --fail-on, 0 when none does', async () => {
    const failing = await runCli([...PERMISSIVE_INVICTUS, '--format', 'jsonl', '--fail-on', 'critical']);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/--fail-on critical/);
    // No principal is bound: nothing is judged, so nothing can fail.
    const clean = await runCli([
      'replay',
      oneFile(),
      '--agent',
      'arn:aws:iam::000000000000:role/nobody=permissive',
      '--fail-on',
      'info',
    ]);
    expect(clean.code).toBe(0);
  });

  it('leaves findings below --min-severity out of the report', async () => {
    const result = await runCli([...PERMISSIVE_INVICTUS, '--format', 'jsonl', '--min-severity', 'high']);
    const severities = new Set(
      lines(result.stdout).map((line) => (JSON.parse(line) as { severity: string }).severity),
    );
    expect([...severities].sort()).toEqual(['critical', 'high']);
  });

  it('prints a readable text report by default, plain when piped', async () => {
    const result = await runCli(PERMISSIVE_INVICTUS);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^leash replay: 55 files/);
    expect(result.stdout).toMatch(/INCIDENTS/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('writes the report to --out', async () => {
    const dir = tempDir('out');
    try {
      const out = join(dir, 'report.sarif');
      const result = await runCli([
        'replay',
        oneFile(),
        '--agent',
        '*=permissive',
        '--format',
        'sarif',
        '--out',
        out,
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect((JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version).toBe('2.1.0');
    } finally {
      cleanup(dir);
    }
  });

  describe('bad inputs', () => {
    let dir: string;
    beforeAll(() => {
      dir = tempDir('bad-inputs');
      const good = readFileSync(oneFile());
      writeFileSync(join(dir, 'truncated.json.gz'), gzipSync(good).subarray(0, 2000));
      writeFileSync(join(dir, 'not-json.json'), 'this is not JSON at all\n');
      mkdirSync(join(dir, 'empty'));
      copyFileSync(oneFile(), join(dir, 'good.json'));
    });
    afterAll(() => cleanup(dir));

    it.each([
      ['missing file', 'missing.json.gz', /missing\.json\.gz: no such file or folder — check the path/],
      ['truncated gzip', 'truncated.json.gz', /truncated\.json\.gz: truncated gzip stream.*re-download/],
      ['not JSON', 'not-json.json', /not-json\.json.*—/],
      [
        'empty directory',
        'empty',
        /empty: no CloudTrail files under .*empty \(looked for \*\.json, .*\) — pass the folder/,
      ],
    ])('%s: one line naming the file and what to do; the rest is still read', async (_, name, message) => {
      const bad = join(dir, name);
      const result = await runCli([
        'replay',
        bad,
        join(dir, 'good.json'),
        '--agent',
        '*=permissive',
        '--format',
        'jsonl',
      ]);
      expect(result.code).toBe(0);
      const problems = lines(result.stderr).filter((line) => line.includes(bad));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(message);
      // The good file was judged all the same.
      const good = JSON.parse(readFileSync(oneFile(), 'utf8')) as { Records: unknown[] };
      const read = /, (\d+) records, \d+ events evaluated/.exec(result.stderr);
      // A truncated file gives up the complete records before the damage too.
      expect(Number(read?.[1])).toBeGreaterThanOrEqual(good.Records.length);
    });

    it('exits 2 and says so when nothing at all could be read', async () => {
      const result = await runCli([
        'replay',
        join(dir, 'missing.json'),
        join(dir, 'empty'),
        '--agent',
        '*=permissive',
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/no input file could be found|nothing could be read/);
    });

    it('exits 2 when the only file is unreadable', async () => {
      const result = await runCli(['replay', join(dir, 'not-json.json'), '--agent', '*=permissive']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/nothing could be read .* exit code 2/);
    });
  });
});

describe('leash replay usage errors', () => {
  it('exits 2 on an unknown flag, with a message', async () => {
    const result = await runCli(['replay', 'x', '--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--no-such-flag'/);
  });

  it('exits 2 on a bad --format or --fail-on value', async () => {
    expect((await runCli(['replay', 'x', '--format', 'xml'])).code).toBe(2);
    expect((await runCli(['replay', 'x', '--fail-on', 'severe'])).code).toBe(2);
  });

  it('exits 2 with file:line messages on a bad baseline', async () => {
    const dir = tempDir('bad-baseline');
    try {
      writeFileSync(
        join(dir, 'bad.yaml'),
        ['name: bad', 'allow:', '  - actions: [s3:GetObjekt]', '    resource: ["*"]', ''].join('\n'),
      );
      const result = await runCli(['replay', dir, '--baselines', join(dir, 'bad.yaml')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`${join(dir, 'bad.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `),
      );
    } finally {
      cleanup(dir);
    }
  });

  it('ends with exit 2 when the baselines or --out fail after the read workers started reading', async () => {
    // The workers start on the listed files before the baselines and the report are set up: a failure there
    // must stop them, or they would keep the process alive.
    const dir = tempDir('bad-with-workers');
    try {
      writeFileSync(join(dir, 'bad.yaml'), ['name: bad', 'mode: nope', 'allow: []', ''].join('\n'));
      const options = { env: { LEASH_READ_WORKERS: '1' }, timeoutMs: 20_000 };
      const scenario = join(REPO, 'examples', 'scenario');
      const [badBaseline, badOut] = await Promise.all([
        runCli(['replay', scenario, '--baselines', join(dir, 'bad.yaml')], options),
        runCli(
          ['replay', scenario, '--agent', '*=permissive', '--out', join(dir, 'missing', 'out.txt')],
          options,
        ),
      ]);
      expect(badBaseline.code).toBe(2);
      expect(badBaseline.stderr).toMatch(/bad\.yaml:2: mode/);
      expect(badOut.code).toBe(2);
      expect(badOut.stderr).toMatch(/--out .*cannot write the file/);
    } finally {
      cleanup(dir);
    }
  }, 30_000);

  it('exits 2 when no baseline is configured at all', async () => {
    const result = await runCli(['replay', '.']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no baselines: .*--agent/);
  });

  it('exits 2 naming --out when the report cannot be written there (was an internal error, exit 3)', async () => {
    const out = join(REPO, 'examples', 'no-such-directory', 'report.txt');
    const result = await runCli([
      'replay',
      join(REPO, 'examples', 'scenario'),
      '--baselines',
      join(REPO, 'examples', 'baselines'),
      '--out',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--out ${out}: cannot write the file`);
    expect(result.stderr).toMatch(/check that its directory exists/);
    expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });

  it('exits 2 naming the flag on a --since that is no time', async () => {
    const result = await runCli(['replay', '.', '--agent', '*=permissive', '--since', 'yesterday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--since 'yesterday': expected an ISO date or time/);
  });

  it('exits 2 when --agent names an unknown baseline', async () => {
    const result = await runCli(['replay', '.', '--agent', '*=nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no baseline named 'nope'/);
  });
});
