import fc from 'fast-check';
import { loadActionCatalog, type ActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { isSensitiveAction, SENSITIVE_ACTIONS } from '../../../src/core/catalog/sensitive-actions';
import type { BaselineDecision, CompiledBaseline } from '../../../src/core/baseline/compiled-baseline';
import { parseBaseline } from '../../../src/core/baseline/parse-baseline';
import {
  permissiveBaseline,
  PERMISSIVE_BASELINE_SOURCE,
  PERMISSIVE_BASELINE_YAML,
} from '../../../src/core/baseline/permissive-baseline';
import { EventNormalizer } from '../../../src/core/normalize/normalize-record';
import { ACCOUNT, eventFor } from './events';
import { agentCall } from '../../support/agent-call';

let catalog: ActionCatalog;
let allActions: string[];
beforeAll(async () => {
  catalog = await loadActionCatalog();
  allActions = catalog.services().flatMap((s) => catalog.actionsOf(s).map((a) => `${s}:${a}`));
});

/** The decision for a call no statement allows, for `reason`. */
const denied = (reason: NonNullable<BaselineDecision['reason']>): BaselineDecision => ({
  allowed: false,
  reason,
});

function baseline(text: string): CompiledBaseline {
  const result = parseBaseline(text, 'test.yaml', catalog);
  expect(result.errors).toEqual([]);
  if (!result.baseline) throw new Error('no baseline');
  return result.baseline;
}

describe('the permissive baseline', () => {
  it('loads from its YAML without errors (warnings only) and as the builtin', () => {
    const result = parseBaseline(PERMISSIVE_BASELINE_YAML, 'permissive.yaml', catalog);
    expect(result.errors).toEqual([]);
    expect(result.warnings.length).toBeGreaterThan(0);
    const builtin = permissiveBaseline();
    expect(builtin.name).toBe('permissive');
    expect(builtin.source).toBe(PERMISSIVE_BASELINE_SOURCE);
    expect(builtin.mode).toBe('observe');
    expect(permissiveBaseline()).toBe(builtin);
  });

  it('allows what is not sensitive', () => {
    const permissive = permissiveBaseline();
    const decision = permissive.decide(eventFor('s3:GetObject', { resources: ['arn:aws:s3:::b/k'] }));
    expect(decision).toEqual({ allowed: true, statement: { index: 0, line: 5 } });
    expect(permissive.decide(eventFor('ec2:RunInstances')).allowed).toBe(true);
    // An action the catalog does not know yet is still covered by '*'.
    expect(permissive.decide(eventFor('newservice:DoSomething')).allowed).toBe(true);
  });

  it.each([
    'iam:AttachRolePolicy',
    'secretsmanager:GetSecretValue',
    'cloudtrail:StopLogging',
    'IAM:passrole',
  ])('refuses the sensitive %s with reason sensitive', (action) => {
    expect(permissiveBaseline().decide(eventFor(action))).toEqual(denied('sensitive'));
  });

  it('property: * allows a catalog action iff it is not sensitive', () => {
    const permissive = permissiveBaseline();
    const sensitive = [...SENSITIVE_ACTIONS];
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...allActions), fc.constantFrom(...sensitive)), (action) => {
        const decision = permissive.decide(eventFor(action));
        expect(decision.allowed).toBe(!isSensitiveAction(action));
        if (!decision.allowed) expect(decision.reason).toBe('sensitive');
      }),
      { numRuns: 2000 },
    );
  });

  it('every sensitive action can be granted by name, even the few the IAM reference lacks', () => {
    const actions = [...SENSITIVE_ACTIONS];
    const text = `name: x\nallow:\n  - actions: [${actions.map((a) => `"${a}"`).join(', ')}]\n`;
    const b = baseline(text);
    for (const action of actions) expect(b.decide(eventFor(action)).allowed).toBe(true);
  });
});

describe('decide', () => {
  it('grants a sensitive action only when named exactly (any case)', () => {
    const b = baseline(`name: x
allow:
  - actions: ["iam:*", "secretsmanager:Get*"]
    resources: ["arn:aws:iam::${ACCOUNT}:role/*"]
  - sid: PassDeployRole
    actions: ["IAM:passrole"]
    resources: ["arn:aws:iam::${ACCOUNT}:role/deploy"]
`);
    const pass = eventFor('iam:PassRole', { resources: [`arn:aws:iam::${ACCOUNT}:role/deploy`] });
    expect(b.decide(pass)).toEqual({
      allowed: true,
      statement: { index: 1, sid: 'PassDeployRole', line: 5 },
    });
    expect(b.grantsExactly('iam:PassRole')).toBe(true);
    expect(b.grantsExactly('iam:GetRole')).toBe(false);
    const attach = eventFor('iam:AttachRolePolicy', { resources: [`arn:aws:iam::${ACCOUNT}:role/deploy`] });
    expect(b.decide(attach)).toEqual(denied('sensitive'));
    expect(b.decide(eventFor('secretsmanager:GetSecretValue')).reason).toBe('sensitive');
    // Exactly named but on another resource: the reason is the resource, not the sensitivity.
    const passOther = eventFor('iam:PassRole', { resources: [`arn:aws:iam::${ACCOUNT}:role/admin`] });
    expect(b.decide(passOther)).toEqual(denied('resource'));
  });

  it('checks resources: any of the event resources against any statement resource', () => {
    const b = baseline(`name: x
allow:
  - actions: ["s3:GetObject"]
    resources: ["arn:aws:s3:::ci-artifacts-*/*", "arn:aws:s3:::exact-bucket/key"]
`);
    const ok = (resources: string[]): boolean => b.decide(eventFor('s3:GetObject', { resources })).allowed;
    expect(ok(['arn:aws:s3:::ci-artifacts-prod/build/1.zip'])).toBe(true);
    expect(ok(['arn:aws:s3:::ci-artifacts-prod', 'arn:aws:s3:::ci-artifacts-prod/x'])).toBe(true);
    expect(ok(['arn:aws:s3:::exact-bucket/key'])).toBe(true);
    expect(ok(['arn:aws:s3:::exact-bucket/key2'])).toBe(false);
    expect(ok(['arn:aws:s3:::CI-ARTIFACTS-prod/x'])).toBe(false);
    expect(b.decide(eventFor('s3:GetObject', { resources: ['arn:aws:s3:::other/x'] }))).toEqual(
      denied('resource'),
    );
    expect(b.decide(eventFor('s3:PutObject'))).toEqual(denied('action'));
  });

  it('allows but flags resourceUnverified when the record names no resource', () => {
    const b = baseline(`name: x
allow:
  - actions: ["s3:GetObject"]
    resources: ["arn:aws:s3:::ci-artifacts-*/*"]
`);
    expect(b.decide(eventFor('s3:GetObject'))).toEqual({
      allowed: true,
      statement: { index: 0, line: 3 },
      resourceUnverified: true,
    });
  });

  it('prefers a statement that needs no resource over an unverified one', () => {
    const b = baseline(`name: x
allow:
  - actions: ["s3:GetObject"]
    resources: ["arn:aws:s3:::ci-artifacts-*/*"]
  - actions: ["s3:Get*"]
`);
    expect(b.decide(eventFor('s3:GetObject'))).toEqual({ allowed: true, statement: { index: 1, line: 5 } });
  });

  it('checks statement regions and accounts, reporting the closest failure', () => {
    const b = baseline(`name: x
allow:
  - actions: ["lambda:InvokeFunction"]
    regions: [eu-west-1]
  - actions: ["lambda:InvokeFunction"]
    regions: [us-east-1]
    accounts: ["111111111111"]
`);
    expect(b.decide(eventFor('lambda:InvokeFunction')).allowed).toBe(true);
    expect(b.decide(eventFor('lambda:InvokeFunction', { region: 'eu-central-1' }))).toEqual(denied('region'));
    expect(b.decide(eventFor('lambda:InvokeFunction', { region: 'us-east-1' }))).toEqual(denied('account'));
    expect(
      b.decide(eventFor('lambda:InvokeFunction', { region: 'us-east-1', account: '111111111111' })).allowed,
    ).toBe(true);
  });

  it('decides an unconditionally granted action the same wherever it is and whatever it touches', () => {
    const b = baseline(`name: x
allow:
  - sid: Anywhere
    actions: ["s3:GetObject"]
  - actions: ["s3:GetObject", "s3:PutObject"]
    regions: [eu-west-1]
    resources: ["arn:aws:s3:::only/*"]
`);
    const anywhere = b.decide(eventFor('s3:GetObject'));
    expect(anywhere).toEqual({ allowed: true, statement: { index: 0, sid: 'Anywhere', line: 3 } });
    for (const options of [
      { region: 'ap-south-1' },
      { account: '999999999999' },
      { resources: ['arn:aws:s3:::other/key'] },
    ]) {
      expect(b.decide(eventFor('s3:GetObject', options))).toBe(anywhere);
    }
    // The conditional statement still decides the action it alone grants.
    expect(b.decide(eventFor('s3:PutObject', { region: 'ap-south-1' }))).toEqual(denied('region'));
    expect(b.decide(eventFor('s3:PutObject', { resources: ['arn:aws:s3:::only/k'] })).allowed).toBe(true);
    // A boundary of the baseline's own applies to it all the same.
    const inRegion = baseline('name: x\nregions: [eu-west-1]\nallow:\n  - actions: ["s3:GetObject"]\n');
    expect(inRegion.decide(eventFor('s3:GetObject')).allowed).toBe(true);
    expect(inRegion.decide(eventFor('s3:GetObject', { region: 'ap-south-1' }))).toEqual(denied('region'));
    const inAccount = baseline(`name: x\naccounts: ["${ACCOUNT}"]\nallow:\n  - actions: ["s3:GetObject"]\n`);
    expect(inAccount.decide(eventFor('s3:GetObject')).allowed).toBe(true);
    expect(inAccount.decide(eventFor('s3:GetObject', { account: '999999999999' }))).toEqual(
      denied('account'),
    );
    // So does a statement's own account condition.
    const statementAccount = baseline(
      `name: x\nallow:\n  - actions: ["s3:GetObject"]\n    accounts: ["${ACCOUNT}"]\n`,
    );
    expect(statementAccount.decide(eventFor('s3:GetObject')).allowed).toBe(true);
    expect(statementAccount.decide(eventFor('s3:GetObject', { account: '999999999999' }))).toEqual(
      denied('account'),
    );
  });

  it('checks the baseline regions and accounts, exempting global services', () => {
    const b = baseline(`name: x
regions: [eu-west-1]
accounts: ["${ACCOUNT}"]
allow:
  - actions: ["iam:GetRole", "sts:GetCallerIdentity", "ec2:DescribeInstances", "cloudfront:ListDistributions"]
`);
    expect(b.decide(eventFor('ec2:DescribeInstances')).allowed).toBe(true);
    expect(b.decide(eventFor('ec2:DescribeInstances', { region: 'us-east-1' }))).toEqual(denied('region'));
    expect(b.decide(eventFor('ec2:DescribeInstances', { account: '999999999999' }))).toEqual(
      denied('account'),
    );
    // Outside the boundary, the boundary is the reason even for an action the baseline does not grant.
    expect(b.decide(eventFor('ec2:RunInstances', { region: 'ap-south-1' })).reason).toBe('region');
    expect(b.decide(eventFor('iam:GetRole', { region: 'us-east-1' })).allowed).toBe(true);
    expect(b.decide(eventFor('cloudfront:ListDistributions', { region: 'us-east-1' })).allowed).toBe(true);
    expect(b.decide(eventFor('sts:GetCallerIdentity', { region: 'us-east-1' })).allowed).toBe(true);
    // A regional STS endpoint outside the baseline's regions is not exempt.
    expect(b.decide(eventFor('sts:GetCallerIdentity', { region: 'ap-south-1' })).reason).toBe('region');
    // Global events are not exempt from the account boundary.
    expect(b.decide(eventFor('iam:GetRole', { region: 'us-east-1', account: '999999999999' })).reason).toBe(
      'account',
    );
  });

  it('matches actions case-insensitively and caches per action without changing answers', () => {
    const b = baseline('name: x\nallow:\n  - actions: ["S3:get*", "dynamodb:GetItem"]\n');
    for (let i = 0; i < 3; i++) {
      expect(b.decide(eventFor('s3:GetObject')).allowed).toBe(true);
      expect(b.decide(eventFor('S3:GETOBJECT')).allowed).toBe(true);
      expect(b.decide(eventFor('dynamodb:getitem')).allowed).toBe(true);
      expect(b.decide(eventFor('s3:PutObject')).allowed).toBe(false);
    }
  });

  it('returns shared frozen decisions', () => {
    const b = baseline('name: x\nallow:\n  - actions: ["s3:GetObject"]\n');
    const first = b.decide(eventFor('s3:GetObject'));
    expect(b.decide(eventFor('s3:GetObject'))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(b.decide(eventFor('s3:PutObject'))).toBe(b.decide(eventFor('ec2:RunInstances')));
    // Survives being detached from the baseline (e.g. passed as a callback).
    const { decide } = b;
    expect(decide(eventFor('s3:GetObject'))).toBe(first);
  });

  it('decides fast (a loose guard; bench/ measures it properly)', () => {
    const b = baseline(`name: x
regions: [eu-west-1]
allow:
  - actions: ["s3:Get*", "s3:List*", "logs:*", "lambda:UpdateFunctionCode"]
    resources: ["arn:aws:s3:::ci-artifacts-*/*", "arn:aws:lambda:*:*:function:ci-*"]
  - actions: ["ec2:Describe*", "cloudwatch:GetMetricData"]
`);
    const events = [
      eventFor('s3:GetObject', {
        resources: ['arn:aws:s3:::ci-artifacts-a/b', 'arn:aws:s3:::ci-artifacts-a'],
      }),
      eventFor('ec2:DescribeInstances'),
      eventFor('lambda:UpdateFunctionCode', { resources: ['arn:aws:lambda:eu-west-1:1:function:prod'] }),
      eventFor('iam:PassRole'),
      eventFor('s3:GetObject', { region: 'us-west-2' }),
    ];
    const n = 500_000;
    let allowed = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (b.decide(events[i % events.length]).allowed) allowed++;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    expect(allowed).toBe((n / events.length) * 2);
    expect(n / seconds).toBeGreaterThan(500_000);
  });
});

describe('IAM resources named without their path', () => {
  // IAM's requests name a role by `roleName` alone; only an ARN parameter (`roleArn`) carries the path.
  const record = (eventSource: string, eventName: string, requestParameters: Record<string, unknown>) =>
    agentCall({
      role: `arn:aws:iam::${ACCOUNT}:role/agents/ci-fixer`,
      session: 'run-1',
      accessKeyId: 'ASIAEXAMPLECIFIXER',
      eventSource,
      eventName,
      eventID: `${eventName}-1`,
      eventTime: '2026-03-14T10:00:00Z',
      awsRegion: 'us-east-1',
      requestParameters,
    });
  const allowing = (resource: string): CompiledBaseline =>
    baseline(
      `name: ci-fixer\nallow:\n  - actions: ["iam:GetRole", "sts:AssumeRole"]\n    resources: ["${resource}"]\n`,
    );

  it('matches the path-less ARN Leash builds from the name, and a path only where the record has it', () => {
    const normalizer = new EventNormalizer(catalog);
    const normalized = (raw: Record<string, unknown>) => {
      const result = normalizer.normalize(raw);
      if (!result.ok) throw new Error(result.error);
      return result.event;
    };
    const getRole = normalized(record('iam.amazonaws.com', 'GetRole', { roleName: 'ci-deployer' }));
    expect(getRole.resources).toEqual([`arn:aws:iam::${ACCOUNT}:role/ci-deployer`]);
    expect(allowing(`arn:aws:iam::${ACCOUNT}:role/ci-*`).decide(getRole).allowed).toBe(true);
    // The path is unknown, so a glob with one does not match: flagged rather than guessed.
    expect(allowing(`arn:aws:iam::${ACCOUNT}:role/agents/*`).decide(getRole)).toEqual(denied('resource'));

    const assume = normalized(
      record('sts.amazonaws.com', 'AssumeRole', {
        roleArn: `arn:aws:iam::${ACCOUNT}:role/agents/ci-deployer`,
        roleSessionName: 'run-1',
      }),
    );
    expect(allowing(`arn:aws:iam::${ACCOUNT}:role/agents/*`).decide(assume).allowed).toBe(true);
  });
});
