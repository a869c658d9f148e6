/**
 * Per-agent timeline of calls for the HTML report, bounded in memory and in output size: one point per
 * call while an agent has few, then per-minute counts per verdict class once it has more than `maxPoints`.
 */
import type { Verdict } from '../../core/model';

/** Verdict classes, lowest first. `info`-only verdicts count as `low`: they did raise something. */
export const VERDICT_CLASSES = ['clean', 'low', 'medium', 'high', 'critical'] as const;
export type VerdictClass = (typeof VERDICT_CLASSES)[number];

export function verdictClassOf(verdict: Verdict): VerdictClass {
  const severity = verdict.severity;
  if (!severity || verdict.findings.length === 0) return 'clean';
  return severity === 'info' ? 'low' : severity;
}

export interface TimelinePoint {
  readonly time: number;
  readonly cls: VerdictClass;
  readonly eventTime: string;
  readonly eventName: string;
  readonly errorCode?: string;
}

/** Counts per verdict class (indexed like `VERDICT_CLASSES`) in one time bucket. */
export type ClassCounts = [number, number, number, number, number];

export interface AgentTimeline {
  readonly principal: string;
  readonly baseline: string;
  readonly events: number;
  readonly first: number;
  readonly last: number;
  /** Set while the agent has at most `maxPoints` events. */
  readonly points?: readonly TimelinePoint[];
  /** Set otherwise: minute (ms since epoch, floored) → counts. */
  readonly minutes?: ReadonlyMap<number, ClassCounts>;
}

interface MutableTimeline {
  readonly principal: string;
  readonly baseline: string;
  events: number;
  first: number;
  last: number;
  points?: TimelinePoint[];
  minutes?: Map<number, ClassCounts>;
}

const MINUTE = 60_000;

export class TimelineCollector {
  private readonly agents = new Map<string, MutableTimeline>();

  constructor(private readonly maxPoints = 1500) {}

  add(verdict: Verdict): void {
    const { event, agent } = verdict;
    let timeline = this.agents.get(agent.principalArn);
    if (!timeline) {
      timeline = {
        principal: agent.principalArn,
        baseline: agent.baseline,
        events: 0,
        first: event.time,
        last: event.time,
        points: [],
      };
      this.agents.set(agent.principalArn, timeline);
    }
    timeline.events += 1;
    timeline.first = Math.min(timeline.first, event.time);
    timeline.last = Math.max(timeline.last, event.time);
    const cls = verdictClassOf(verdict);
    if (timeline.points && timeline.points.length < this.maxPoints) {
      timeline.points.push({
        time: event.time,
        cls,
        eventTime: event.eventTime,
        eventName: event.eventName,
        errorCode: event.errorCode,
      });
      return;
    }
    if (timeline.points) {
      // Too many calls to draw one by one: fold what we have into minute buckets and go on counting.
      timeline.minutes = new Map();
      for (const point of timeline.points) countInto(timeline.minutes, point.time, point.cls);
      timeline.points = undefined;
    }
    countInto(timeline.minutes as Map<number, ClassCounts>, event.time, cls);
  }

  timelines(): AgentTimeline[] {
    return [...this.agents.values()].sort((a, b) => a.principal.localeCompare(b.principal));
  }
}

function countInto(minutes: Map<number, ClassCounts>, time: number, cls: VerdictClass): void {
  const minute = Math.floor(time / MINUTE) * MINUTE;
  let counts = minutes.get(minute);
  if (!counts) {
    counts = [0, 0, 0, 0, 0];
    minutes.set(minute, counts);
  }
  counts[VERDICT_CLASSES.indexOf(cls)] += 1;
}

/**
 * Re-buckets minute counts into at most `maxColumns` columns of whole minutes, so a 90-day replay draws a
 * few hundred rectangles, not 130,000.
 */
export function columnsOf(
  minutes: ReadonlyMap<number, ClassCounts>,
  start: number,
  end: number,
  maxColumns: number,
): { readonly width: number; readonly columns: Map<number, ClassCounts> } {
  const span = Math.max(MINUTE, end - start + MINUTE);
  const width = Math.max(1, Math.ceil(span / MINUTE / maxColumns)) * MINUTE;
  const columns = new Map<number, ClassCounts>();
  const origin = Math.floor(start / MINUTE) * MINUTE;
  for (const [minute, counts] of minutes) {
    const column = origin + Math.floor((minute - origin) / width) * width;
    const into = columns.get(column) ?? [0, 0, 0, 0, 0];
    counts.forEach((n, i) => (into[i] += n));
    columns.set(column, into);
  }
  return { width, columns };
}
