import type { AgentState, Mark } from './agent-state';

/** Windows longer than this are not kept: no detector looks further back. */
export const MAX_WINDOW_MS = 24 * 60 * 60 * 1000;

interface Series {
  /** Occurrence times, ascending (events arrive in time order; a late one is inserted in place). */
  times: number[];
  ids: Set<string> | undefined;
  values: string[] | undefined;
}

/** Insert keeping ascending order; the common case (in order) is a push. */
function insertSorted(times: number[], time: number): number {
  let i = times.length;
  while (i > 0 && times[i - 1] > time) i--;
  times.splice(i, 0, time);
  return i;
}

/** Count of entries in (from, to]. */
function countBetween(times: readonly number[], from: number, to: number): number {
  let n = 0;
  for (let i = times.length - 1; i >= 0; i--) {
    const t = times[i];
    if (t <= from) break;
    if (t <= to) n++;
  }
  return n;
}

/**
 * Per-agent state for replay and tests. Memory is bounded by the windows: entries older than the longest
 * window asked for are dropped as newer ones arrive.
 */
export class InMemoryAgentState implements AgentState {
  private readonly series = new Map<string, Series>();
  private readonly marks = new Map<string, Mark>();
  private readonly raised = new Set<string>();

  private seriesFor(key: string): Series {
    let s = this.series.get(key);
    if (!s) {
      s = { times: [], ids: undefined, values: undefined };
      this.series.set(key, s);
    }
    return s;
  }

  /** Drop entries that no window ending at `now` can include. */
  private prune(s: Series, now: number, windowMs: number): void {
    const horizon = now - Math.min(Math.max(windowMs * 2, windowMs), MAX_WINDOW_MS);
    let drop = 0;
    while (drop < s.times.length && s.times[drop] <= horizon) drop++;
    if (drop > 64 || (drop > 0 && drop === s.times.length)) {
      s.times.splice(0, drop);
      s.values?.splice(0, drop);
      if (s.times.length === 0) s.ids?.clear();
    }
  }

  hit(key: string, id: string, time: number, windowMs: number): number {
    const s = this.seriesFor(key);
    s.ids ??= new Set();
    if (!s.ids.has(id)) {
      s.ids.add(id);
      insertSorted(s.times, time);
      // The id set is only a duplicate guard; bound it with the series.
      if (s.ids.size > s.times.length * 2 + 1024) s.ids = new Set([id]);
      this.prune(s, time, windowMs);
    }
    return countBetween(s.times, time - windowMs, time);
  }

  distinct(key: string, value: string, time: number, windowMs: number): number {
    const s = this.seriesFor(key);
    s.values ??= [];
    const at = insertSorted(s.times, time);
    s.values.splice(at, 0, value);
    this.prune(s, time, windowMs);
    const seen = new Set<string>();
    for (let i = s.times.length - 1; i >= 0; i--) {
      const t = s.times[i];
      if (t <= time - windowMs) break;
      if (t <= time) seen.add(s.values[i]);
    }
    return seen.size;
  }

  mark(key: string, mark: Mark): void {
    const previous = this.marks.get(key);
    // Keep the later step: out-of-order delivery must not let an old step overwrite a newer one.
    if (!previous || previous.time <= mark.time) this.marks.set(key, mark);
  }

  recall(key: string, time: number, windowMs: number): Mark | undefined {
    const m = this.marks.get(key);
    if (!m || m.time > time || m.time < time - windowMs) return undefined;
    return m;
  }

  once(key: string): boolean {
    if (this.raised.has(key)) return false;
    this.raised.add(key);
    return true;
  }
}
