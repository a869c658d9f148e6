import { AgentDirectory } from '../../../src/core/baseline/agent-directory';
import type { CompiledBaseline } from '../../../src/core/baseline/compiled-baseline';
import type { Detector } from '../../../src/core/detectors/detector';
import { findingOf } from '../../../src/core/detectors/finding';
import { DetectorPack } from '../../../src/core/detectors/pack';
import { Engine } from '../../../src/core/engine/engine';
import type { LeashEvent, Mode, Verdict } from '../../../src/core/model';
import { ResponsePlanner } from '../../../src/core/response/plan';
import { asAssumedRole, byEvent, corpusRecord, describeWithCorpus } from '../../support/corpus';
import { detectorHarness, testBaseline, type Harness } from '../../support/detector-harness';

const AGENT = 'arn:aws:iam::123456789012:role/agents/ci-fixer';

/** Fires on every IAM AttachRolePolicy: enough to drive the engine's own logic. */
const attachDetector: Detector = {
  id: 'test.attach',
  category: 'privilege-escalation',
  severity: 'critical',
  rationale: 'test',
  triggers: ['iam:AttachRolePolicy'],
  evaluate: (ctx) => findingOf(attachDetector, ctx, { message: 'attached a policy' }),
};

/** Counts every call of the agent, to show chained calls reach the originating agent's state. */
const everyCall: Detector = {
  id: 'test.every-call',
  category: 'velocity',
  severity: 'info',
  rationale: 'test',
  evaluate: (ctx) => {
    const n = ctx.state.hit('calls', ctx.event.eventId, ctx.event.time, 3_600_000);
    return findingOf(everyCall, ctx, { message: `call ${n}`, severity: 'info', details: { n } });
  },
};

function bound(mode: Mode): CompiledBaseline {
  const base = testBaseline({ name: 'ci-fixer', mode });
  return { ...base, binding: { principalArns: [AGENT], roleNames: [], tagValues: [] } };
}

function engineFor(
  mode: Mode,
  options: { reorderWindowMs?: number; protectedPrincipals?: string[] } = {},
): Engine {
  return new Engine({
    directory: new AgentDirectory([bound(mode)]),
    pack: new DetectorPack([attachDetector, everyCall]),
    reorderWindowMs: options.reorderWindowMs ?? 0,
    planner: new ResponsePlanner({ protectedPrincipals: options.protectedPrincipals ?? [] }),
  });
}

function run(engine: Engine, events: LeashEvent[]): Verdict[] {
  const out: Verdict[] = [];
  for (const e of events) engine.push(e, (v) => out.push(v));
  engine.flush((v) => out.push(v));
  return out;
}

function withTime(event: LeashEvent, iso: string, id: string): LeashEvent {
  return { ...event, eventTime: iso, time: Date.parse(iso), eventId: id };
}

describeWithCorpus('engine', () => {
  let h: Harness;
  let attach: LeashEvent;
  let listed: LeashEvent;
  beforeAll(async () => {
    h = await detectorHarness();
    // Real records, re-attributed from the lab's IAM user to an agent role.
    attach = h.normalize(
      asAssumedRole(corpusRecord('AttachRolePolicy', byEvent('iam', 'AttachRolePolicy', null)), AGENT),
    );
    listed = h.normalize(asAssumedRole(corpusRecord('ListRoles', byEvent('iam', 'GetRole', null)), AGENT));
  });

  it('judges each eventID once, however often it is delivered', () => {
    const engine = engineFor('observe');
    const verdicts = run(engine, [attach, attach, listed, attach]);
    expect(verdicts.map((v) => v.event.eventId)).toEqual([attach.eventId, listed.eventId].sort(() => 0));
    expect(engine.stats).toMatchObject({ received: 4, duplicates: 2, judged: 2 });
  });

  it('judges out-of-order deliveries in eventTime order within the reorder window', () => {
    const a = withTime(listed, '2024-01-01T00:00:10Z', 'a');
    const b = withTime(listed, '2024-01-01T00:00:05Z', 'b');
    const c = withTime(listed, '2024-01-01T00:00:05Z', 'c0');
    const d = withTime(listed, '2024-01-01T00:30:00Z', 'd');
    const engine = engineFor('observe', { reorderWindowMs: 60_000 });
    const verdicts = run(engine, [a, c, b, d]);
    expect(verdicts.map((v) => v.event.eventId)).toEqual(['b', 'c0', 'a', 'd']);
    expect(verdicts.map((v) => v.findings[0].details?.n)).toEqual([1, 2, 3, 4]);
    expect(engine.stats.late).toBe(0);
  });

  it('ignores principals no baseline binds', () => {
    const stranger = h.normalize(corpusRecord('IAM user GetRole', byEvent('iam', 'GetRole', null)));
    const engine = engineFor('enforce');
    expect(run(engine, [stranger])).toEqual([]);
    expect(engine.stats.ignored).toBe(1);
  });

  it('attributes calls made with chained credentials to the agent that assumed the role', () => {
    const assumeRecord = asAssumedRole(corpusRecord('AssumeRole', byEvent('sts', 'AssumeRole', null)), AGENT);
    const assume = h.normalize(assumeRecord);
    const key = (assume.responseElements.credentials as { accessKeyId: string }).accessKeyId;
    // A later call by the role it assumed, made with the key the AssumeRole returned.
    const assumedRole = assume.requestParameters.roleArn as string;
    const chainedRecord = asAssumedRole(
      corpusRecord('GetRole', byEvent('iam', 'GetRole', null)),
      assumedRole,
      'chained',
    );
    (chainedRecord.userIdentity as { accessKeyId: string }).accessKeyId = key;
    const later = new Date(assume.time + 60_000).toISOString();
    const chained = withTime(h.normalize(chainedRecord), later, 'chained');
    const verdicts = run(engineFor('alert'), [assume, chained]);
    expect(verdicts).toHaveLength(2);
    expect(verdicts[1].agent).toEqual({
      principalArn: AGENT,
      baseline: 'ci-fixer',
      chainedThrough: assumedRole,
    });
    expect(verdicts[1].findings[0].details?.n).toBe(2);
  });

  it.each([
    ['observe', []],
    ['alert', ['alert']],
    // Critical: the baseline's default is to revoke and quarantine (which already denies everything).
    ['enforce', ['alert', 'revoke-sessions', 'quarantine']],
    ['govern', ['alert', 'revoke-sessions', 'quarantine', 'undo']],
  ] as const)('plans by mode: %s', (mode, types) => {
    const [verdict] = run(engineFor(mode), [attach]);
    expect(verdict.severity).toBe('critical');
    expect(verdict.plan.map((s) => s.type)).toEqual(types);
    for (const step of verdict.plan) expect(step.target).toBe(AGENT);
  });

  it('names the exact call that undoes the change', () => {
    const [verdict] = run(engineFor('govern'), [attach]);
    const undo = verdict.plan.find((s) => s.type === 'undo');
    expect(undo?.call).toEqual({
      operation: 'iam:DetachRolePolicy',
      input: { RoleName: attach.requestParameters.roleName, PolicyArn: attach.requestParameters.policyArn },
    });
  });

  it('never plans containment of a protected principal', () => {
    const [verdict] = run(engineFor('govern', { protectedPrincipals: ['arn:aws:iam::*:role/agents/*'] }), [
      attach,
    ]);
    expect(verdict.plan).toEqual([expect.objectContaining({ type: 'alert' })]);
  });

  it('plans no undo for a refused call: it changed nothing', () => {
    const refused = { ...attach, errorCode: 'AccessDenied' };
    const [verdict] = run(engineFor('govern'), [refused]);
    expect(verdict.plan.map((s) => s.type)).not.toContain('undo');
  });
});
