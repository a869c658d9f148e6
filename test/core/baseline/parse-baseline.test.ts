import { loadActionCatalog, type ActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { formatDiagnostic, type Diagnostic } from '../../../src/core/baseline/diagnostics';
import { parseBaseline } from '../../../src/core/baseline/parse-baseline';
import { DEFAULT_RATE, DEFAULT_RESPONSES } from '../../../src/core/baseline/compile-baseline';

let catalog: ActionCatalog;
beforeAll(async () => {
  catalog = await loadActionCatalog();
});

const FILE = 'baselines/ci-fixer.yaml';
const errorsOf = (text: string): string[] => parseBaseline(text, FILE, catalog).errors.map(formatDiagnostic);
const warningsOf = (text: string): Diagnostic[] => [...parseBaseline(text, FILE, catalog).warnings];

const GOOD = `name: ci-fixer
description: Fixes failing CI builds
mode: enforce
bind:
  roleArns: ["arn:aws:iam::*:role/agents/ci-fixer*"]
  roleNames: ["ci-fixer"]
  tags: ["ci-fixer"]
regions: [eu-west-1]
accounts: ["123456789012"]
allow:
  - sid: ReadBuildLogs
    actions: ["logs:GetLogEvents", "s3:Get*"]
    resources: ["arn:aws:s3:::ci-artifacts-*/*"]
    regions: [eu-west-1]
  - actions: [lambda:UpdateFunctionCode, lambda:PublishVersion, lambda:UpdateAlias]
    resources: ["arn:aws:lambda:eu-west-1:123456789012:function:ci-*"]
rate:
  callsPerMinute: 120
  refusedPer5Minutes: 10
workflows:
  - name: hotfix
    steps: [lambda:UpdateFunctionCode, lambda:PublishVersion, lambda:UpdateAlias]
    within: 15m
responses:
  high: [alert, deny-actions, revoke-sessions]
`;

describe('parseBaseline: a good file', () => {
  it('compiles with every field carried over and defaults filled in', () => {
    const result = parseBaseline(GOOD, FILE, catalog);
    expect(result.errors).toEqual([]);
    const b = result.baseline;
    expect(b).toBeDefined();
    if (!b) return;
    expect(b.name).toBe('ci-fixer');
    expect(b.source).toBe(FILE);
    expect(b.description).toBe('Fixes failing CI builds');
    expect(b.mode).toBe('enforce');
    expect(b.binding).toEqual({
      principalArns: ['arn:aws:iam::*:role/agents/ci-fixer*'],
      roleNames: ['ci-fixer'],
      tagValues: ['ci-fixer'],
    });
    expect(b.regions).toEqual(['eu-west-1']);
    expect(b.accounts).toEqual(['123456789012']);
    expect(b.rate).toEqual({ callsPerMinute: 120, refusedPer5Minutes: 10, discoveryActionsPer5Minutes: 40 });
    expect(b.workflows).toEqual([
      {
        name: 'hotfix',
        steps: ['lambda:UpdateFunctionCode', 'lambda:PublishVersion', 'lambda:UpdateAlias'],
        withinMs: 15 * 60_000,
      },
    ]);
    expect(b.responses).toEqual({ ...DEFAULT_RESPONSES, high: ['alert', 'deny-actions', 'revoke-sessions'] });
    expect(b.statements?.map((s) => s.ref)).toEqual([
      { index: 0, sid: 'ReadBuildLogs', line: 11 },
      { index: 1, line: 15 },
    ]);
    expect(b.grantsExactly('lambda:updatefunctioncode')).toBe(true);
    expect(b.grantsExactly('s3:GetObject')).toBe(false);
  });

  it('applies the documented defaults to a minimal file', () => {
    const b = parseBaseline('name: min\nallow:\n  - actions: [s3:GetObject]\n', FILE, catalog).baseline;
    expect(b?.mode).toBe('observe');
    expect(b?.rate).toEqual(DEFAULT_RATE);
    expect(b?.rate).toEqual({ callsPerMinute: 300, refusedPer5Minutes: 20, discoveryActionsPer5Minutes: 40 });
    expect(b?.responses).toEqual({
      info: [],
      low: [],
      medium: ['alert'],
      high: ['alert', 'deny-actions'],
      critical: ['alert', 'revoke-sessions', 'quarantine', 'undo'],
    });
    expect(b?.binding).toEqual({ principalArns: [], roleNames: [], tagValues: [] });
    expect(b?.regions).toBeUndefined();
    expect(b?.workflows).toEqual([]);
  });

  it('reads JSON, with line numbers', () => {
    const json = JSON.stringify(
      { name: 'json-one', mode: 'alert', allow: [{ actions: ['s3:GetObjekt'] }] },
      null,
      2,
    );
    expect(parseBaseline(json, 'b.json', catalog).errors.map(formatDiagnostic)).toEqual([
      "b.json:7: allow[0].actions[0]: unknown IAM action 's3:GetObjekt' (did you mean 's3:GetObject'?)",
    ]);
    const ok = parseBaseline(json.replace('Objekt', 'Object'), 'b.json', catalog);
    expect(ok.errors).toEqual([]);
    expect(ok.baseline?.mode).toBe('alert');
  });
});

describe('parseBaseline: errors name the file, the line and the field', () => {
  it('bad mode', () => {
    expect(errorsOf('name: x\nmode: enforcing\nallow: []\n')).toEqual([
      `${FILE}:2: mode: must be one of observe, alert, enforce, govern (got 'enforcing')`,
    ]);
  });

  it('unknown keys, with a suggestion', () => {
    const text = `name: x
allow:
  - actions: [s3:GetObject]
    resource: ["arn:aws:s3:::b/*"]
  - actions: [s3:ListBucket]
rate:
  callsPerMinut: 10
colour: blue
`;
    expect(errorsOf(text)).toEqual([
      `${FILE}:4: allow[0].resource: unknown field 'resource' (did you mean 'resources'?)`,
      `${FILE}:7: rate.callsPerMinut: unknown field 'callsPerMinut' (did you mean 'callsPerMinute'?)`,
      `${FILE}:8: colour: unknown field 'colour' (expected one of name, description, mode, bind, regions, accounts, allow, rate, workflows, responses)`,
    ]);
  });

  it('unknown action, with a suggestion', () => {
    const text = 'name: x\nallow:\n  - actions:\n      - s3:GetObject\n      - lambda:UpdateFuntionCode\n';
    expect(errorsOf(text)).toEqual([
      `${FILE}:5: allow[0].actions[1]: unknown IAM action 'lambda:UpdateFuntionCode' (did you mean 'lambda:UpdateFunctionCode'?)`,
    ]);
  });

  it("typo'd service prefix, exact or in a wildcard", () => {
    const text = 'name: x\nallow:\n  - actions: [lamda:GetFunction]\n  - actions: ["lamda:*", "foo:Get*"]\n';
    expect(errorsOf(text)).toEqual([
      `${FILE}:3: allow[0].actions[0]: unknown IAM service prefix 'lamda' (did you mean 'lambda'?)`,
      `${FILE}:4: allow[1].actions[0]: unknown IAM service prefix 'lamda' (did you mean 'lambda'?)`,
      `${FILE}:4: allow[1].actions[1]: unknown IAM service prefix 'foo'`,
    ]);
  });

  it('a wildcard that matches nothing, or only sensitive actions', () => {
    const text = 'name: x\nallow:\n  - actions: ["s3:Gte*", "ssm:GetParameter*", "s3"]\n';
    expect(errorsOf(text)).toEqual([
      `${FILE}:3: allow[0].actions[0]: 's3:Gte*' matches no IAM action (did you mean 's3:Get*'?)`,
      `${FILE}:3: allow[0].actions[1]: 'ssm:GetParameter*' matches only sensitive actions (ssm:GetParameter, ssm:GetParameterHistory, ssm:GetParameters, ssm:GetParametersByPath), which a wildcard never grants: name each one exactly`,
      `${FILE}:3: allow[0].actions[2]: 's3' is not an IAM action: write service:Action (e.g. s3:GetObject) or '*'`,
    ]);
  });

  it('bad durations and workflow steps', () => {
    const text = `name: x
allow: [{ actions: [s3:GetObject] }]
workflows:
  - name: deploy
    steps: [lambda:UpdateFunctionCode, "lambda:Publish*"]
    within: 15 minutes
  - name: deploy
    steps: [lambda:PublishVersion]
    within: 0s
`;
    // Schema errors stop before the catalog checks: fix the shape first, then the IAM names.
    expect(errorsOf(text)).toEqual([
      `${FILE}:6: workflows[0].within: must be a positive duration such as 30s, 15m, 2h or 1h30m (got '15 minutes')`,
      `${FILE}:9: workflows[1].within: must be a positive duration such as 30s, 15m, 2h or 1h30m (got '0s')`,
    ]);
    expect(errorsOf(text.replace('15 minutes', '1h30m').replace('0s', '30s'))).toEqual([
      `${FILE}:5: workflows[0].steps[1]: 'lambda:Publish*' is not an exact IAM action: write service:Action (e.g. lambda:UpdateAlias)`,
      `${FILE}:7: workflows[1].name: workflow 'deploy' is already defined at workflows[0]; give each workflow its own name`,
    ]);
  });

  it('bad name, regions, accounts, resources, rates and responses', () => {
    const text = `name: CI_Fixer
regions: [eu-west-1, Ireland]
accounts: [123456789012]
allow:
  - actions: [s3:GetObject]
    resources: ["my-bucket/*"]
rate:
  callsPerMinute: 0
responses:
  high: [alert, page-someone]
`;
    expect(errorsOf(text)).toEqual([
      `${FILE}:1: name: must use only lower-case letters, digits and hyphens (got 'CI_Fixer')`,
      `${FILE}:2: regions[1]: must be an AWS region name such as eu-west-1 (got 'Ireland')`,
      `${FILE}:3: accounts[0]: must be a quoted string ('123456789012'): YAML reads an unquoted account id as a number`,
      `${FILE}:6: allow[0].resources[0]: must be '*' or an ARN (arn:partition:service:region:account:resource) (got 'my-bucket/*')`,
      `${FILE}:8: rate.callsPerMinute: must be greater than 0 (got 0)`,
      `${FILE}:10: responses.high[1]: must be one of alert, deny-actions, revoke-sessions, quarantine, undo (got 'page-someone')`,
    ]);
  });

  it('missing name, wrong types, empty statements', () => {
    const text = 'mode: observe\nallow:\n  - actions: []\n  - actions: s3:GetObject\n';
    expect(errorsOf(text)).toEqual([
      `${FILE}:1: name: is required: add it`,
      `${FILE}:3: allow[0].actions: must list at least one action`,
      `${FILE}:4: allow[1].actions: must be a list (got 's3:GetObject')`,
    ]);
  });

  it('YAML syntax errors and duplicate keys', () => {
    expect(errorsOf('name: x\nallow:\n  - actions: [s3:GetObject\n')[0]).toMatch(
      /^baselines\/ci-fixer\.yaml:\d+: /,
    );
    expect(errorsOf('name: x\nmode: observe\nname: y\n')).toEqual([`${FILE}:3: Map keys must be unique`]);
  });

  it('empty file and non-mapping documents', () => {
    expect(errorsOf('')).toEqual([`${FILE}: is empty: a baseline needs at least a name and an allow list`]);
    expect(errorsOf('- a\n- b\n')).toEqual([`${FILE}:1: must be a mapping (got a list)`]);
  });

  it('does not compile a baseline that has errors', () => {
    const result = parseBaseline('name: x\nallow:\n  - actions: [s3:NoSuchThing]\n', FILE, catalog);
    expect(result.baseline).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      file: FILE,
      line: 3,
      path: 'allow[0].actions[0]',
      severity: 'error',
    });
  });
});

describe('parseBaseline: warnings', () => {
  const warn = (actions: string, resources = '["*"]'): string[] =>
    warningsOf(`name: x\nallow:\n  - actions: ${actions}\n    resources: ${resources}\n`).map(
      (w) => w.message,
    );

  it('an empty allow list loads, with a warning', () => {
    const result = parseBaseline('name: x\nallow: []\n', FILE, catalog);
    expect(result.errors).toEqual([]);
    expect(result.baseline).toBeDefined();
    expect(result.warnings.map(formatDiagnostic)).toEqual([
      `${FILE}:2: warning: allow: allows no action: every call of a bound agent will be out of baseline`,
    ]);
  });

  it('* and service:* are over-broad', () => {
    expect(warn('["*"]')).toEqual([
      '* grants every non-sensitive action of every service; list the actions the agent needs',
    ]);
    const s3 = warn('["s3:*"]', '["arn:aws:s3:::b/*"]');
    expect(s3).toHaveLength(1);
    expect(s3[0]).toMatch(/^'s3:\*' grants every non-sensitive s3 action \(\d+\); list the actions/);
  });

  it('a Write or Permissions-management wildcard over every resource is over-broad', () => {
    expect(warn('["s3:Put*"]')[0]).toMatch(
      /^'s3:Put\*' grants \d+ Write and \d+ Permissions-management action/,
    );
    expect(warn('["s3:Put*"]', '["arn:aws:s3:::b/*"]')).toEqual([]);
    expect(warn('["s3:Get*", "s3:List*"]')).toEqual([]);
  });

  it('a wildcard that covers sensitive actions says they are not granted', () => {
    const messages = warn('["lambda:Update*"]', '["arn:aws:lambda:*:*:function:ci-*"]');
    expect(messages).toEqual([
      "'lambda:Update*' does not grant the sensitive lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration: a wildcard never does, name them exactly if the agent needs them",
    ]);
  });

  it('binding every principal', () => {
    const w = warningsOf('name: x\nbind:\n  roleArns: ["*"]\nallow: [{ actions: [s3:GetObject] }]\n');
    expect(w.map(formatDiagnostic)).toEqual([
      `${FILE}:3: warning: bind.roleArns[0]: '*' binds every principal to this baseline`,
    ]);
  });
});
