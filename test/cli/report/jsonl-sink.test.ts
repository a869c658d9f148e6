import {
  FINDING_RECORD_FIELDS,
  findingLinesOf,
  findingRecordsOf,
} from '../../../src/cli/report/finding-record';
import { createJsonlSink } from '../../../src/cli/report/jsonl-sink';
import {
  leashEvent,
  scenarioVerdicts,
  StringOutput,
  summaryOf,
  verdict,
  DEPLOY_ROLE,
  AGENT_ROLE,
} from './verdict-fixtures';

function replay(): { out: StringOutput; err: StringOutput; findings: number } {
  const verdicts = scenarioVerdicts();
  const out = new StringOutput();
  const err = new StringOutput();
  const sink = createJsonlSink({ out, err });
  for (const v of verdicts) sink.onVerdict(v);
  void sink.finish(summaryOf(verdicts));
  return { out, err, findings: verdicts.reduce((n, v) => n + v.findings.length, 0) };
}

describe('jsonl report', () => {
  it('writes exactly one JSON object per finding, one per line, and nothing for clean verdicts', () => {
    const { out, findings } = replay();
    const lines = out.text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(findings);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('writes each finding as its verdict arrives', () => {
    const out = new StringOutput();
    const sink = createJsonlSink({ out });
    const [clean] = scenarioVerdicts();
    sink.onVerdict(clean);
    expect(out.text).toBe('');
    const flagged = scenarioVerdicts().find((v) => v.findings.length > 0);
    sink.onVerdict(flagged!);
    expect(out.text.split('\n').filter(Boolean)).toHaveLength(flagged!.findings.length);
  });

  it('writes each line exactly as JSON.stringify writes the finding record', () => {
    const verdicts = scenarioVerdicts();
    const withEvidence = verdicts.filter((v) => v.findings.some((f) => (f.evidence ?? []).length > 0));
    const chained = verdicts.filter((v) => v.agent.chainedThrough !== undefined);
    expect(withEvidence.length).toBeGreaterThan(0);
    expect(chained.length).toBeGreaterThan(0);
    for (const v of verdicts) {
      const expected = findingRecordsOf(v)
        .map((r) => `${JSON.stringify(r)}\n`)
        .join('');
      expect(findingLinesOf(v)).toBe(expected);
    }
  });

  it('escapes untrusted text exactly as JSON.stringify does, also for values it has written before', () => {
    // Event names, regions and messages come from records: quotes, backslashes, control and non-ASCII
    // characters must survive, and a value written twice (served from the quoted-text cache) the same way.
    const odd = leashEvent({
      action: 'iam:PutRolePolicy',
      eventSource: 'iam.amazonaws.com',
      eventName: 'Put"Role\\Policy\n',
      region: 'eu-west-1\u0007',
      time: '2026-03-14T10:53:40Z',
      accessLevel: 'Permissions management',
    });
    const spec = {
      detector: 'privesc.inline-policy',
      category: 'privilege-escalation' as const,
      severity: 'high' as const,
      message: 'chain "policy" → assume\ttab',
    };
    for (let i = 0; i < 2; i++) {
      const v = verdict(odd, [spec, { ...spec, detector: 'baseline.not-allowed', evidence: ['e-1', 'e"2'] }]);
      const expected = findingRecordsOf(v)
        .map((r) => `${JSON.stringify(r)}\n`)
        .join('');
      expect(findingLinesOf(v)).toBe(expected);
    }
  });

  it('has exactly the documented field set, in order', () => {
    const { out } = replay();
    for (const line of out.text.trim().split('\n')) {
      expect(Object.keys(JSON.parse(line))).toEqual([...FINDING_RECORD_FIELDS]);
    }
  });

  it('fills the fields from the event, the agent and the plan', () => {
    const { out } = replay();
    const records = out.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const attach = records.find((r) => r.detector === 'privesc.attach-policy')!;
    expect(attach).toMatchObject({
      eventTime: '2026-03-14T10:53:40Z',
      principal: 'arn:aws:sts::111122223333:assumed-role/ci-fixer/ci-fixer-run-4821',
      agent: 'ci-fixer',
      agentPrincipal: AGENT_ROLE,
      category: 'privilege-escalation',
      severity: 'critical',
      action: 'iam:AttachRolePolicy',
      eventName: 'AttachRolePolicy',
      eventSource: 'iam.amazonaws.com',
      region: 'us-east-1',
      errorCode: null,
      chainedThrough: null,
      evidence: [],
    });
    expect(attach.eventID).toMatch(/^[0-9a-f-]{36}$/);
    const response = attach.response as Record<string, unknown>[];
    expect(response.map((s) => s.type)).toEqual(['alert', 'revoke-sessions', 'quarantine', 'undo']);
    expect(response[1]).toEqual({
      type: 'revoke-sessions',
      target: AGENT_ROLE,
      reason: 'cut the sessions that did it',
      tokenIssuedBefore: '2026-03-14T10:53:40Z',
    });
    expect(response[3].call).toEqual({
      operation: 'iam:DetachRolePolicy',
      input: { RoleName: 'ci-fixer', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    });
    for (const step of response) {
      for (const key of Object.keys(step)) {
        expect(['type', 'target', 'reason', 'actions', 'tokenIssuedBefore', 'call']).toContain(key);
      }
    }

    const burst = records.find((r) => r.detector === 'velocity.refused-burst')!;
    expect(burst.chainedThrough).toBe(DEPLOY_ROLE);
    expect(burst.principal).toBe('arn:aws:sts::111122223333:assumed-role/deploy-admin/ci-fixer-deploy');
    expect(burst.errorCode).toBe('AccessDenied');
    expect(burst.evidence).toHaveLength(9);
  });

  it('writes the summary to stderr, never to stdout', () => {
    const { out, err } = replay();
    expect(err.text).toMatch(/leash replay: 1 file, \d+ records, \d+ events evaluated/);
    expect(out.text).not.toContain('leash replay');
  });

  it('keeps attacker-controlled text intact but inert (JSON-escaped)', () => {
    const out = new StringOutput();
    const sink = createJsonlSink({ out });
    const event = leashEvent({
      time: '2026-03-14T10:00:00Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'Get\nObject\u001b[2J',
      action: 's3:GetObject',
    });
    sink.onVerdict(
      verdict(event, [
        { detector: 'x.y', category: 'out-of-baseline', severity: 'low', message: 'line1\nline2' },
      ]),
    );
    const lines = out.text.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).eventName).toBe('Get\nObject\u001b[2J');
  });
});
