import { ReplaySummaryBuilder, MALFORMED_MESSAGES_KEPT } from '../../../src/cli/report/summary-builder';
import { summaryLines } from '../../../src/cli/report/summary-lines';
import { AGENT_ROLE, leashEvent, scenarioVerdicts, summaryOf } from './verdict-fixtures';

describe('ReplaySummaryBuilder', () => {
  it('counts agents, findings by agent × category × severity and the time span', () => {
    const verdicts = scenarioVerdicts();
    const summary = summaryOf(verdicts);
    expect(summary.files).toBe(1);
    expect(summary.recordsRead).toBe(verdicts.length);
    expect(summary.eventsEvaluated).toBe(verdicts.length);
    expect(summary.agents).toEqual([
      {
        principal: AGENT_ROLE,
        baseline: 'ci-fixer',
        mode: 'enforce',
        events: verdicts.length,
        findingsBySeverity: { info: 0, low: 0, medium: 1, high: 3, critical: 3 },
      },
    ]);
    expect(summary.findings).toBe(7);
    expect(summary.findingCounts).toContainEqual({
      principal: AGENT_ROLE,
      baseline: 'ci-fixer',
      category: 'privilege-escalation',
      severity: 'critical',
      count: 1,
    });
    expect(summary.findingCounts.reduce((n, row) => n + row.count, 0)).toBe(7);
    expect(summary.timeSpan).toEqual({ first: '2026-03-14T09:10:05Z', last: '2026-03-14T10:56:44Z' });
  });

  it('keeps only the first malformed messages, counts duplicates and best-effort actions', () => {
    const builder = new ReplaySummaryBuilder();
    for (let i = 0; i < 9; i += 1) builder.malformed(`bad record ${i}`);
    const event = leashEvent({
      time: '2026-03-14T10:00:00Z',
      eventSource: 'newsvc.amazonaws.com',
      eventName: 'DoThing',
      action: 'newsvc:DoThing',
    });
    builder.eventEvaluated({ ...event, action: { ...event.action, known: false } });
    // The replay loop counts a duplicate as evaluated; the engine finds it later and moves it over.
    builder.eventEvaluated(
      leashEvent({
        time: '2026-03-14T10:00:01Z',
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        action: 's3:GetObject',
      }),
    );
    builder.duplicatesFoundByEngine(1);
    const summary = builder.build();
    expect(summary.malformed.count).toBe(9);
    expect(summary.malformed.firstMessages).toHaveLength(MALFORMED_MESSAGES_KEPT);
    expect(summary.duplicatesDropped).toBe(1);
    expect(summary.eventsEvaluated).toBe(1);
    expect(summary.unknownActions).toBe(1);
    expect(summary.agents).toEqual([]);
  });

  it('reports events judged out of time order', () => {
    const builder = new ReplaySummaryBuilder();
    expect(summaryLines(builder.build()).join('\n')).not.toMatch(/time order/);
    builder.lateFromEngine(3);
    const summary = builder.build();
    expect(summary.lateEvents).toBe(3);
    expect(summaryLines(summary)[1]).toContain('3 events judged after later ones (out of time order)');
  });

  it('has no time span when nothing was evaluated', () => {
    expect(new ReplaySummaryBuilder().build().timeSpan).toBeUndefined();
  });
});
