import { IncidentCollector, isResolved, selectIncidents } from '../../../src/cli/report/incidents';
import { AGENT_ROLE, leashEvent, scenarioVerdicts, verdict } from './verdict-fixtures';

describe('IncidentCollector', () => {
  it('groups the drift into one incident per burst, with groups per detector and a merged plan', () => {
    const collector = new IncidentCollector();
    for (const v of scenarioVerdicts()) collector.add(v);
    const [incident, ...rest] = collector.incidents();
    expect(rest).toEqual([]);
    expect(incident).toMatchObject({
      id: 'ci-fixer#1',
      principal: AGENT_ROLE,
      severity: 'critical',
      start: '2026-03-14T10:52:10Z',
      end: '2026-03-14T10:56:36Z',
      findings: 7,
    });
    expect(incident.chainedThrough).toEqual(['arn:aws:iam::111122223333:role/deploy-admin']);
    expect(incident.groups.map((g) => g.severity)).toEqual([
      'critical',
      'critical',
      'critical',
      'high',
      'high',
      'high',
      'medium',
    ]);
    expect(incident.plan.map((s) => s.type)).toEqual([
      'alert',
      'deny-actions',
      'revoke-sessions',
      'quarantine',
      'undo',
    ]);
    expect(incident.plan[0].firstAt).toBe('2026-03-14T10:52:10Z');
    const burst = incident.groups.find((g) => g.detector === 'velocity.refused-burst')!;
    // 1 trigger + 9 evidence events, capped at 8 shown.
    expect(burst.events).toHaveLength(8);
    expect(burst.moreEvents).toBe(2);
    expect(burst.events.every(isResolved)).toBe(true);
  });

  it('starts a new incident after a quiet gap and keeps unknown evidence as ids', () => {
    const collector = new IncidentCollector({ gapMs: 60_000 });
    const f = { detector: 'a.b', category: 'velocity', severity: 'low', message: 'm' } as const;
    const e1 = leashEvent({
      time: '2026-03-14T10:00:00Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'A',
      action: 's3:A',
    });
    const e2 = leashEvent({
      time: '2026-03-14T10:05:00Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'B',
      action: 's3:B',
    });
    collector.add(verdict(e2, [{ ...f, evidence: ['missing-id'] }]));
    collector.add(verdict(e1, [f]));
    const incidents = collector.incidents();
    expect(incidents.map((i) => i.id)).toEqual(['ci-fixer#1', 'ci-fixer#2']);
    expect(incidents[1].groups[0].events.map((r) => r.eventId)).toEqual([e2.eventId, 'missing-id']);
    expect(isResolved(incidents[1].groups[0].events[1])).toBe(false);
  });

  it('selects the most severe incidents when there are too many, in time order', () => {
    const collector = new IncidentCollector({ gapMs: 1000 });
    const severities = ['low', 'critical', 'medium', 'high'] as const;
    severities.forEach((severity, i) => {
      const event = leashEvent({
        time: `2026-03-14T1${i}:00:00Z`,
        eventSource: 's3.amazonaws.com',
        eventName: 'X',
        action: 's3:X',
      });
      collector.add(verdict(event, [{ detector: 'a.b', category: 'velocity', severity, message: 'm' }]));
    });
    const { shown, omitted } = selectIncidents(collector.incidents(), 2);
    expect(shown.map((i) => i.severity)).toEqual(['critical', 'high']);
    expect(omitted).toBe(2);
  });
});

describe('IncidentCollector on large replays', () => {
  const finding = { detector: 'a.b', category: 'velocity', severity: 'low', message: 'm' } as const;
  const at = (time: string) =>
    leashEvent({ time, eventSource: 's3.amazonaws.com', eventName: 'GetObject', action: 's3:GetObject' });

  it('opens one incident per burst over a long history, and a late finding still joins its own', () => {
    const collector = new IncidentCollector({ gapMs: 60_000 });
    const start = Date.parse('2026-03-01T00:00:00Z');
    // 2,000 bursts an hour apart, two findings each.
    for (let burst = 0; burst < 2000; burst += 1) {
      for (const offset of [0, 30_000]) {
        collector.add(verdict(at(new Date(start + burst * 3_600_000 + offset).toISOString()), [finding]));
      }
    }
    // Arrives after everything else, but belongs to the tenth burst.
    collector.add(verdict(at(new Date(start + 9 * 3_600_000 + 45_000).toISOString()), [finding]));
    const incidents = collector.incidents();
    expect(incidents).toHaveLength(2000);
    expect(incidents.map((i) => i.findings).filter((n) => n !== 2)).toEqual([3]);
    expect(incidents[9]).toMatchObject({ id: 'ci-fixer#10', findings: 3, end: '2026-03-01T09:00:45.000Z' });
  });

  it('resolves evidence among the last verdicts it saw, however many went before', () => {
    const collector = new IncidentCollector({ recentEvents: 3 });
    const events = ['10:00:00', '10:00:01', '10:00:02', '10:00:03'].map((t) => at(`2026-03-14T${t}Z`));
    for (const event of events.slice(0, 3)) collector.add(verdict(event, []));
    collector.add(
      verdict(events[3], [
        { ...finding, evidence: [events[0].eventId, events[1].eventId, events[2].eventId] },
      ]),
    );
    const [group] = collector.incidents()[0].groups;
    // The fourth verdict pushed the first out of the last three: it stays an id.
    expect(group.events.map((e) => (isResolved(e) ? e.eventTime : `id ${e.eventId}`))).toEqual([
      '2026-03-14T10:00:01Z',
      '2026-03-14T10:00:02Z',
      '2026-03-14T10:00:03Z',
      `id ${events[0].eventId}`,
    ]);
  });

  it('keeps a few example events per detector however many findings arrive', () => {
    const collector = new IncidentCollector();
    const start = Date.parse('2026-03-14T10:00:00Z');
    for (let i = 0; i < 20_000; i += 1) {
      const time = new Date(start + i * 1000).toISOString();
      const event = leashEvent({
        time,
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        action: 's3:GetObject',
      });
      collector.add(
        verdict(event, [{ detector: 'a.b', category: 'out-of-baseline', severity: 'low', message: 'm' }]),
      );
    }
    const [incident] = collector.incidents();
    expect(incident.findings).toBe(20_000);
    const [group] = incident.groups;
    expect(group.count).toBe(20_000);
    expect(group.events).toHaveLength(8);
    expect(group.events.map((e) => isResolved(e) && e.eventTime)).toEqual(
      Array.from({ length: 8 }, (_, i) => new Date(start + i * 1000).toISOString()),
    );
    expect(group.moreEvents).toBe(20_000 - 8);
  });

  it('merges deny-actions across verdicts and keeps one step per thing to do', () => {
    const collector = new IncidentCollector();
    const f = { detector: 'a.b', category: 'velocity', severity: 'high' } as const;
    for (const [time, action] of [
      ['2026-03-14T10:00:00Z', 'iam:ListUsers'],
      ['2026-03-14T10:01:00Z', 'iam:ListRoles'],
      ['2026-03-14T10:02:00Z', 'iam:ListUsers'],
    ]) {
      const event = leashEvent({
        time,
        eventSource: 'iam.amazonaws.com',
        eventName: action.slice(4),
        action,
      });
      collector.add(
        verdict(
          event,
          [{ ...f, message: action }],
          [
            { type: 'alert', target: AGENT_ROLE, reason: 'r' },
            { type: 'deny-actions', target: AGENT_ROLE, reason: 'r', actions: [action] },
          ],
        ),
      );
    }
    const [incident] = collector.incidents();
    expect(incident.plan).toEqual([
      {
        type: 'alert',
        target: AGENT_ROLE,
        reason: 'r',
        firstAt: '2026-03-14T10:00:00Z',
        firstOn: 'ListUsers',
      },
      {
        type: 'deny-actions',
        target: AGENT_ROLE,
        reason: 'r',
        actions: ['iam:ListUsers', 'iam:ListRoles'],
        firstAt: '2026-03-14T10:00:00Z',
        firstOn: 'ListUsers',
      },
    ]);
  });
});
