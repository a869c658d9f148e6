import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildLeashApp, configFromContext } from '../../bin/leash';
import { parseLeashData } from '../../lambdas/shared/leash-data';
import { newApp, REPO_BASELINES } from './leash-app';
import { assemblyDir } from './assembly-dir';
import { configProblems } from '../../lib/config';

const ENV = { CDK_DEFAULT_ACCOUNT: '111122223333', CDK_DEFAULT_REGION: 'us-east-1' };

const baselineDirs: string[] = [];
afterAll(() => baselineDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function baselineDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'leash-baselines-'));
  baselineDirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('synth', () => {
  it('fails on a bad baseline, naming the file, the line and the field', async () => {
    const dir = baselineDir({
      'ci-fixer.yaml': [
        'name: ci-fixer',
        'mode: enforce',
        'allow:',
        '  - actions: ["s3:GetObjekt"]',
        '',
      ].join('\n'),
    });
    const build = buildLeashApp(newApp({ baselines: dir }), ENV);
    await expect(build).rejects.toThrow(/ci-fixer\.yaml:4: allow\[0\]\.actions\[0\]: /);
  });

  it('names the baselines context key when its path does not exist', async () => {
    const missing = join(tmpdir(), 'leash-no-such-baselines');
    await expect(buildLeashApp(newApp({ baselines: missing }), ENV)).rejects.toThrow(
      `baselines: '${missing}' does not exist`,
    );
    await expect(buildLeashApp(newApp({ baselines: missing }), ENV)).rejects.toThrow(/-c baselines=/);
  });

  it('fails on an unknown baseline field, naming it', async () => {
    const dir = baselineDir({
      'bot.yaml': 'name: bot\nmode: observe\nallow:\n  - actions: ["s3:GetObject"]\n    resource: ["*"]\n',
    });
    await expect(buildLeashApp(newApp({ baselines: dir }), ENV)).rejects.toThrow(
      /bot\.yaml:5: allow\[0\]\.resource: unknown field 'resource'/,
    );
  });

  it('fails when no region covers us-east-1, saying what to add', async () => {
    const build = buildLeashApp(newApp({ homeRegion: 'eu-west-1', regions: 'eu-central-1' }), ENV);
    await expect(build).rejects.toThrow(
      /regions: .*us-east-1.*add it to 'regions' \(e\.g\. -c regions=us-east-1\)/,
    );
  });

  it('asks for the global-events region of the home region’s partition', () => {
    const base = configFromContext(newApp({}), ENV);
    const problemsFor = (homeRegion: string, regions: string[]): string[] =>
      configProblems({ ...base, homeRegion, regions }).filter((p) => p.startsWith('regions:'));
    expect(problemsFor('us-gov-east-1', [])).toEqual([
      expect.stringMatching(/delivered only in us-gov-west-1.*-c regions=us-gov-west-1/),
    ]);
    expect(problemsFor('us-gov-east-1', ['us-gov-west-1'])).toEqual([]);
    expect(problemsFor('cn-northwest-1', [])).toEqual([
      expect.stringMatching(/delivered only in cn-north-1/),
    ]);
    expect(problemsFor('cn-north-1', [])).toEqual([]);
    expect(problemsFor('us-iso-east-1', [])).toEqual([]);
  });

  it('names the context key of a bad value', async () => {
    await expect(buildLeashApp(newApp({ regions: 'eu-west-1,mars-north-1x' }), ENV)).rejects.toThrow(
      /regions: 'mars-north-1x' is not an AWS region name/,
    );
    await expect(buildLeashApp(newApp({ alertEmail: 'not-an-address' }), ENV)).rejects.toThrow(
      /alertEmail: not an email address: 'not-an-address'/,
    );
    await expect(buildLeashApp(newApp({ protectedRoles: ['break-glass'] }), ENV)).rejects.toThrow(
      /protectedRoles: 'break-glass' is not a role ARN glob/,
    );
    expect(() => configFromContext(newApp({ regions: 42 }), ENV)).toThrow(/context 'regions' must be a list/);
  });

  it('reads lists from cdk.json arrays, comma-separated and JSON strings alike', () => {
    const read = (regions: unknown) => configFromContext(newApp({ regions }), ENV).regions;
    expect(read(['eu-west-1', 'us-west-2'])).toEqual(['eu-west-1', 'us-west-2']);
    expect(read('eu-west-1, us-west-2')).toEqual(['eu-west-1', 'us-west-2']);
    expect(read('["eu-west-1","us-west-2"]')).toEqual(['eu-west-1', 'us-west-2']);
    expect(read('')).toEqual([]);
  });

  it('defaults to the shipped baselines, us-east-1 and the leash:agent tag', () => {
    const config = configFromContext(new App({ outdir: assemblyDir() }), {});
    expect(config).toEqual({
      homeRegion: 'us-east-1',
      regions: [],
      baselines: 'baselines',
      agentTagKey: 'leash:agent',
      protectedRoles: [],
    });
  });

  it('bundles the handler with the catalog and the validated baselines, using local esbuild', async () => {
    const app = newApp({ baselines: REPO_BASELINES }, true);
    await buildLeashApp(app, ENV);
    const assembly = app.synth();
    // The evaluate function is the app's only file asset.
    const assets = readdirSync(assembly.directory).filter((name) => name.startsWith('asset.'));
    expect(assets).toHaveLength(1);
    const assetDir = join(assembly.directory, assets[0]);
    expect(readdirSync(assetDir).sort()).toEqual(['index.js', 'index.js.map', 'leash-data.json']);
    const data = parseLeashData(readFileSync(join(assetDir, 'leash-data.json'), 'utf8'), 'bundle');
    expect(data.baselines.map((b) => b.file)).toEqual(['permissive-observe.yaml']);
    expect(data.catalog.iam?.AttachRolePolicy).toBe('Permissions management');
    expect(data.agentTagKey).toBe('leash:agent');
    expect(existsSync(join(assetDir, 'node_modules'))).toBe(false);

    // The bundle must start on its own: catalog and baselines from leash-data.json, no iam-data files.
    const script = [
      "require('./index.js')",
      ".handler({ Records: [{ messageId: 'm1', body: 'not json' }] }, { functionName: 'evaluate', awsRequestId: 'r' })",
      '.then((r) => console.log(`RESULT ${JSON.stringify(r)}`))',
      '.catch((e) => { console.log(`FAILED ${e.stack}`); process.exit(1); });',
    ].join('');
    const run = spawnSync(process.execPath, ['--enable-source-maps', '-e', script], {
      cwd: assetDir,
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:alerts',
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
      encoding: 'utf8',
    });
    // Powertools writes errors to stderr and the rest to stdout.
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status).toBe(0);
    expect(output).toContain('RESULT {"batchItemFailures":[]}');
    expect(output).toMatch(/"message":"evaluator ready".*"permissive-observe \(observe\)"/);
    expect(output).toMatch(/"message":"malformed record".*"messageId":"m1"/);
  });
});
