import { createTextSink } from '../../../src/cli/report/text-sink';
import { agentsToShow } from '../../../src/cli/report/summary-builder';
import type { AgentSummary } from '../../../src/cli/report/report-model';
import { wantsColor } from '../../../src/cli/report';
import type { Verdict } from '../../../src/core/model';
import {
  leashEvent,
  scenarioVerdicts,
  StringOutput,
  summaryOf,
  verdict,
  organisationVerdicts,
} from './verdict-fixtures';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

function render(verdicts: Verdict[], color: boolean): string {
  const out = new StringOutput();
  const sink = createTextSink({ out, color });
  for (const v of verdicts) sink.onVerdict(v);
  void sink.finish(summaryOf(verdicts));
  return out.text;
}

describe('text report', () => {
  it('shows the summary, the agents × categories × severities table, the incident and the plan', () => {
    const text = render(scenarioVerdicts(), false);
    expect(text).toContain('leash replay: 1 file, 40 records, 40 events evaluated');
    expect(text).toMatch(/AGENT\s+MODE\s+EVENTS\s+FINDINGS\s+PRINCIPAL/);
    expect(text).toMatch(/ci-fixer\s+enforce\s+40\s+7\s+arn:aws:iam::111122223333:role\/agents\/ci-fixer/);
    expect(text).toMatch(/FINDINGS\s+critical\s+high\s+medium\s+low\s+info\s+total/);
    expect(text).toMatch(/privilege-escalation\s+1\s+·\s+·\s+·\s+·\s+1/);
    expect(text).toMatch(/exfiltration\s+1\s+·/);
    expect(text).toContain('INCIDENTS (1)');
    expect(text).toContain('CRITICAL  ci-fixer#1  2026-03-14 10:52:10 → 10:56:36 UTC');
    expect(text).toContain('chained into arn:aws:iam::111122223333:role/deploy-admin');
    expect(text).toMatch(/10:53:40 {2}iam AttachRolePolicy/);
    expect(text).toMatch(/10:56:00 {2}iam ListUsers {2}AccessDenied {2}as deploy-admin/);
    expect(text).toContain('… 2 more events');
    expect(text).toContain('response that would have run (mode enforce)');
    expect(text).toMatch(/undo\s+ci-fixer\s+iam:DetachRolePolicy/);
    expect(text).toMatch(/revoke-sessions\s+ci-fixer\s+sessions issued before 2026-03-14T10:53:40Z/);
  });

  it('has no colour codes when colour is off (piped, NO_COLOR) and has them when on', () => {
    expect(render(scenarioVerdicts(), false)).not.toMatch(ANSI);
    expect(render(scenarioVerdicts(), true)).toMatch(ANSI);
  });

  it('decides colour from the stream and NO_COLOR, never on its own', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({}, {})).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('neutralises terminal escapes and newlines in record fields', () => {
    const event = leashEvent({
      time: '2026-03-14T10:00:00Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject\u001b]0;pwned\u0007\nFAKE LINE',
      action: 's3:GetObject',
    });
    const text = render(
      [
        verdict(event, [
          { detector: 'x.y', category: 'out-of-baseline', severity: 'low', message: 'a\u001b[31mred' },
        ]),
      ],
      false,
    );
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text).not.toMatch(/^FAKE LINE/m);
  });

  it('says so when there are no findings, or no agent calls at all', () => {
    const clean = scenarioVerdicts().filter((v) => v.findings.length === 0);
    expect(render(clean, false)).toContain('No findings: every agent call stayed inside its baseline.');
    expect(render([], false)).toContain('No agent calls in this input');
  });

  it('prints the most severe incidents first when there are too many, and says how many were left out', () => {
    const early = leashEvent({
      time: '2026-03-14T08:00:00Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'A',
      action: 's3:A',
    });
    const verdicts = [
      verdict(early, [{ detector: 'x.y', category: 'velocity', severity: 'low', message: 'minor' }]),
      ...scenarioVerdicts(),
    ];
    const out = new StringOutput();
    const sink = createTextSink({ out, color: false, maxIncidents: 1 });
    for (const v of verdicts) sink.onVerdict(v);
    void sink.finish(summaryOf(verdicts));
    expect(out.text).toContain('INCIDENTS (2)');
    expect(out.text).toContain('ci-fixer#2');
    expect(out.text).not.toContain('ci-fixer#1 ');
    expect(out.text).toContain('1 less severe incident not shown');
  });

  it('keeps its tables to the agents with the most severe findings, and says how many it left out', () => {
    const out = new StringOutput();
    const sink = createTextSink({ out, color: false, maxAgents: 5 });
    const all = organisationVerdicts(30);
    for (const v of all) sink.onVerdict(v);
    void sink.finish(summaryOf(all));
    const lines = out.text.split('\n');
    const header = lines.findIndex((line) => /AGENT\s+MODE\s+EVENTS/.test(line));
    const note = lines.findIndex((line) => line.includes('more agents not shown'));
    expect(note - header - 1).toBe(5);
    // The agent with findings is among them.
    expect(out.text).toMatch(
      /ci-fixer\s+enforce\s+40\s+7\s+arn:aws:iam::111122223333:role\/agents\/ci-fixer/,
    );
    expect(out.text).toContain(
      '26 more agents not shown (these 5 have the most severe findings): use --format json for every agent.',
    );
  });

  it('picks agents by their most severe finding, then by how many, then by calls, in the summary order', () => {
    const agent = (
      principal: string,
      events: number,
      counts: Partial<AgentSummary['findingsBySeverity']>,
    ) => ({
      principal,
      baseline: 'b',
      events,
      findingsBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0, ...counts },
    });
    const agents: AgentSummary[] = [
      agent('a', 100, { low: 9 }),
      agent('b', 1, { critical: 1 }),
      agent('c', 5, {}),
      agent('d', 50, { high: 2 }),
      agent('e', 9, {}),
    ];
    expect(agentsToShow(agents, 3).shown.map((a) => a.principal)).toEqual(['a', 'b', 'd']);
    expect(agentsToShow(agents, 4).shown.map((a) => a.principal)).toEqual(['a', 'b', 'd', 'e']);
    expect(agentsToShow(agents, 10).shown).toEqual(agents);
    expect([agentsToShow(agents, 3).omitted, agentsToShow(agents, 10).omitted]).toEqual([2, 0]);
  });
});
