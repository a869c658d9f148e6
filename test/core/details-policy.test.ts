import { loadActionCatalog, type ActionCatalog } from '../../src/core/catalog/iam-catalog';
import { defaultDetectorPack } from '../../src/core/detectors/default-pack';
import { DetectorPack } from '../../src/core/detectors/pack';
import { detailsPolicy } from '../../src/core/details-policy';
import { LeashCore } from '../../src/core/leash-core';
import type { LeashEvent, Verdict } from '../../src/core/model';
import { EventNormalizer } from '../../src/core/normalize/normalize-record';
import { parseBaseline } from '../../src/core/baseline';
import { agentCall } from '../support/agent-call';

const ROLE = 'arn:aws:iam::111122223333:role/agents/report-writer';

/** A call of the report-writer agent, as CloudTrail records it. */
function record(
  eventSource: string,
  eventName: string,
  requestParameters: object,
  responseElements = {},
): object {
  return agentCall({
    role: ROLE,
    session: 'run-7',
    accessKeyId: 'ASIAEXAMPLEKEY000001',
    eventSource,
    eventName,
    eventID: `${eventName}-0001`,
    eventTime: '2026-05-04T09:00:00Z',
    awsRegion: 'eu-west-1',
    requestParameters,
    responseElements,
  });
}

const describeInstances = record('ec2.amazonaws.com', 'DescribeInstances', {
  instancesSet: { items: [{ instanceId: 'i-0abc' }] },
});
const createRole = record(
  'iam.amazonaws.com',
  'CreateRole',
  { roleName: 'backdoor', assumeRolePolicyDocument: '{}' },
  { role: { arn: 'arn:aws:iam::111122223333:role/backdoor' } },
);
const getParameter = record('ssm.amazonaws.com', 'GetParameter', { name: '/prod/db', withDecryption: true });

describe('details policy', () => {
  let catalog: ActionCatalog;
  beforeAll(async () => {
    catalog = await loadActionCatalog();
  });

  function normalized(normalizer: EventNormalizer, raw: object): LeashEvent {
    const result = normalizer.normalize(raw);
    if (!result.ok) throw new Error(result.error);
    return result.event;
  }

  it('keeps the request and response of calls a detector reads or an undo reverses, and only those', () => {
    const normalizer = new EventNormalizer(catalog, detailsPolicy(defaultDetectorPack()));
    const described = normalized(normalizer, describeInstances);
    // Dropped details do not cost the resources read from them.
    expect(described.requestParameters).toEqual({});
    expect(described.responseElements).toEqual({});
    expect(described.resources).toEqual(['arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc']);

    const created = normalized(normalizer, createRole);
    expect(created.requestParameters).toMatchObject({ roleName: 'backdoor' });
    expect(created.responseElements).toMatchObject({
      role: { arn: 'arn:aws:iam::111122223333:role/backdoor' },
    });
    expect(normalized(normalizer, getParameter).requestParameters).toMatchObject({ withDecryption: true });
  });

  it('keeps what the engine reads itself (a chained session), even for a pack with no detector on it', () => {
    const assumeRole = record(
      'sts.amazonaws.com',
      'AssumeRole',
      { roleArn: 'arn:aws:iam::111122223333:role/deploy-admin', roleSessionName: 'hop' },
      { credentials: { accessKeyId: 'ASIACHAINEDKEY000001' } },
    );
    const normalizer = new EventNormalizer(catalog, detailsPolicy(new DetectorPack([])));
    expect(normalized(normalizer, assumeRole).responseElements).toMatchObject({
      credentials: { accessKeyId: 'ASIACHAINEDKEY000001' },
    });
    expect(normalized(normalizer, describeInstances).responseElements).toEqual({});
  });

  it('keeps everything when the normaliser is given no policy', () => {
    const normalizer = new EventNormalizer(catalog);
    expect(normalized(normalizer, describeInstances).requestParameters).toMatchObject({
      instancesSet: { items: [{ instanceId: 'i-0abc' }] },
    });
  });

  it('changes no verdict: the core judges the same with and without dropping details', () => {
    const parsed = parseBaseline(
      [
        'name: report-writer',
        'mode: enforce',
        'bind:',
        `  roleArns: ["${ROLE}"]`,
        'allow:',
        '  - actions: ["ec2:Describe*"]',
        '    resources: ["*"]',
      ].join('\n'),
      'report-writer.yaml',
      catalog,
    );
    const baselines = [parsed.baseline!];
    const run = (core: LeashCore): Verdict[] => {
      const verdicts: Verdict[] = [];
      for (const r of [describeInstances, createRole, getParameter])
        core.pushRecord(r, (v) => verdicts.push(v));
      core.flush((v) => verdicts.push(v));
      return verdicts;
    };
    const withPolicy = run(new LeashCore({ catalog, baselines }));
    const keepAll = new LeashCore({ catalog, baselines, keepDetails: () => true });
    const summary = (vs: Verdict[]): unknown =>
      vs.map((v) => ({
        event: v.event.eventName,
        findings: v.findings.map((f) => f.detector),
        plan: v.plan,
      }));
    expect(withPolicy.some((v) => v.findings.length > 0)).toBe(true);
    expect(summary(withPolicy)).toEqual(summary(run(keepAll)));
  });
});

describe('the core on a crafted log of made-up event names', () => {
  it('judges a real escalation the same after tens of thousands of made-up actions have passed its caches', async () => {
    const catalog = await loadActionCatalog();
    const parsed = parseBaseline(
      'name: report-writer\nbind:\n  roleArns: ["arn:aws:iam::111122223333:role/agents/report-writer"]\nallow:\n  - actions: ["s3:GetObject"]\n    resources: ["*"]\n',
      'report-writer.yaml',
      catalog,
    );
    if (!parsed.baseline) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    const core = new LeashCore({ catalog, baselines: [parsed.baseline], reorderWindowMs: 0 });
    const verdicts: Verdict[] = [];
    const emit = (v: Verdict): void => void verdicts.push(v);
    const attach = {
      ...record('iam.amazonaws.com', 'AttachRolePolicy', {
        roleName: 'report-writer',
        policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
      eventID: 'attach-before',
    };
    core.pushRecord(attach, emit);
    for (let i = 0; i < 25_000; i++) {
      core.pushRecord({ ...record('madeup.amazonaws.com', `DoThing${i}`, {}), eventID: `made-${i}` }, emit);
    }
    core.pushRecord({ ...attach, eventID: 'attach-after' }, emit);
    core.flush(emit);
    expect(verdicts).toHaveLength(25_002);
    const detectorsOf = (v: Verdict | undefined): string[] =>
      (v?.findings ?? []).map((f) => f.detector).sort();
    const before = verdicts.find((v) => v.event.eventId === 'attach-before');
    const after = verdicts.find((v) => v.event.eventId === 'attach-after');
    expect(detectorsOf(before)).toContain('privesc.policy-attachment');
    expect(detectorsOf(after)).toEqual(detectorsOf(before));
    expect(core.normalizer.actions.unknownEvents).toBe(25_000);
  });
});
