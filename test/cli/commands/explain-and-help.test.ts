import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../support/corpus';
import { CLI, cleanup, ensureBuilt, runCli, tempDir } from './run-cli';

beforeAll(ensureBuilt, 180_000);

interface ExplanationJson {
  identity: { principalArn: string };
  action: { action: string; accessLevel: string };
  agent?: { baseline: string };
  baselineDecision?: { allowed: boolean; reason?: string; statement?: { index: number; line?: number } };
  detectors: { id: string; fired: boolean }[];
  severity: string | null;
  plan: { type: string }[];
}

describeWithCorpus('leash explain', () => {
  let dir: string;
  let record: string;
  const role = 'arn:aws:iam::123456789012:role/agents/ci-fixer';
  beforeAll(() => {
    dir = tempDir('explain');
    record = join(dir, 'record.json');
    writeFileSync(
      record,
      JSON.stringify(
        asAssumedRole(corpusRecord('AttachRolePolicy', byEvent('iam', 'AttachRolePolicy', null)), role),
      ),
    );
    writeFileSync(
      join(dir, 'ci-fixer.yaml'),
      [
        'name: ci-fixer',
        'mode: enforce',
        'bind:',
        `  roleArns: ["${role}"]`,
        'allow:',
        '  - sid: Logs',
        '    actions: [logs:GetLogEvents]',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => cleanup(dir));

  it('gives the whole reasoning as JSON: identity, action, baseline decision, every detector, the plan', async () => {
    const result = await runCli([
      'explain',
      record,
      '--baseline',
      join(dir, 'ci-fixer.yaml'),
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    const x = JSON.parse(result.stdout) as ExplanationJson;
    expect(x.identity.principalArn).toBe(role);
    // Exactly these fields: the mapped action's process-internal id is not part of the output.
    expect(x.action).toEqual({
      action: 'iam:AttachRolePolicy',
      service: 'iam',
      accessLevel: 'Permissions management',
      known: true,
    });
    expect(x.agent?.baseline).toBe('ci-fixer');
    expect(x.baselineDecision).toMatchObject({ allowed: false, reason: 'action' });
    expect(x.detectors.some((d) => d.fired && d.id === 'baseline.not-allowed')).toBe(true);
    expect(x.detectors.some((d) => !d.fired)).toBe(true);
    expect(x.severity).not.toBeNull();
    expect(x.plan.length).toBeGreaterThan(0);
  });

  it('names the allowing statement with its line', async () => {
    const allowed = join(dir, 'allowed.yaml');
    writeFileSync(
      allowed,
      [
        'name: wide',
        'bind:',
        `  roleArns: ["${role}"]`,
        'allow:',
        '  - sid: Iam',
        '    actions: [iam:AttachRolePolicy]',
        '',
      ].join('\n'),
    );
    const result = await runCli(['explain', record, '--baseline', allowed, '--format', 'json']);
    const x = JSON.parse(result.stdout) as ExplanationJson;
    expect(x.baselineDecision).toMatchObject({ allowed: true, statement: { index: 0, line: 5 } });
  });

  it('prints readable sections as text', async () => {
    const result = await runCli(['explain', record, '--baseline', join(dir, 'ci-fixer.yaml')]);
    expect(result.code).toBe(0);
    for (const section of ['IDENTITY', 'ACTION', 'BASELINE', 'DETECTORS', 'VERDICT AND PLAN']) {
      expect(result.stdout).toContain(section);
    }
    expect(result.stdout).toMatch(/not allowed: no statement names this action/);
  });

  it('exits 2 on a missing record file', async () => {
    const result = await runCli(['explain', join(dir, 'nope.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope\.json: no such file — check the path/);
  });
});

describe('--help', () => {
  it.each([
    [[]],
    [['replay']],
    [['explain']],
    [['baseline']],
    [['baseline', 'generate']],
    [['baseline', 'lint']],
  ])('leash %j --help shows usage with an example and exits 0', async (command) => {
    const result = await runCli([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: leash/);
    expect(result.stdout).toMatch(/Examples?:\n\s+\$ leash /);
  });

  it('exits 2 on an unknown command', async () => {
    const result = await runCli(['replya']);
    expect(result.code).toBe(2);
  });

  it('runs as an executable, which is how `npx leash` and a global install start it', () => {
    ensureBuilt();
    const result = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
