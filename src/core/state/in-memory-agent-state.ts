import type { AgentState, Mark } from './agent-state';

/** Windows longer than this are not kept: no detector looks further back. */
const MAX_WINDOW_MS = 24 * 60 * 60 * 1000;

interface Series {
  /** Occurrence times, ascending (events arrive in time order; a late one is inserted in place). */
  times: number[];
  /** The last id recorded: the engine drops duplicates before detectors; this guards a repeated call. */
  lastId: string | undefined;
  values: string[] | undefined;
  /**
   * For `distinct` on in-order input: occurrences per value of entries [head, times.length), i.e. the
   * window ending at the latest entry, kept incrementally so a call costs O(1) amortised instead of a scan.
   * Undefined until built, and dropped when a late entry or another window length invalidates it.
   */
  inWindow: Map<string, number> | undefined;
  head: number;
  /**
   * `hit` on in-order input: entries before `head` are at or before `headFrom`, the start of the window of
   * the latest call. A straggler moves `head` by one at most instead of sending the next call back to the
   * start of the array.
   */
  headFrom: number;
  inWindowMs: number;
}

/** Insert keeping ascending order; the common case (in order) is a push. */
function insertSorted(times: number[], time: number): number {
  let i = times.length;
  while (i > 0 && times[i - 1] > time) i--;
  times.splice(i, 0, time);
  return i;
}

/** Index of the first entry greater than `time` (times ascending). */
function upperBound(times: readonly number[], time: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Count of entries in (from, to], by binary search: bursts put many entries in one window. */
function countBetween(times: readonly number[], from: number, to: number): number {
  return Math.max(0, upperBound(times, to) - upperBound(times, from));
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
      s = {
        times: [],
        lastId: undefined,
        values: undefined,
        inWindow: undefined,
        head: 0,
        headFrom: -Infinity,
        inWindowMs: 0,
      };
      this.series.set(key, s);
    }
    return s;
  }

  /** Drop entries that no window ending at `now` can include. */
  private prune(s: Series, now: number, windowMs: number): void {
    const horizon = now - Math.min(windowMs * 2, MAX_WINDOW_MS);
    if (s.times.length === 0 || s.times[0] > horizon) return;
    const drop = upperBound(s.times, horizon);
    // Splicing the front moves the whole array: do it only when it at least halves it (amortised O(1)).
    if (drop > 0 && (drop === s.times.length || (drop > 64 && drop * 2 >= s.times.length))) {
      s.times.splice(0, drop);
      s.values?.splice(0, drop);
      s.head = Math.max(0, s.head - drop);
    }
  }

  hit(key: string, id: string, time: number, windowMs: number): number {
    const s = this.seriesFor(key);
    if (s.lastId === id) return countBetween(s.times, time - windowMs, time);
    s.lastId = id;
    const times = s.times;
    const n = times.length;
    if (n === 0 || times[n - 1] <= time) {
      // In order (the engine's normal case): append and slide the window's start forward, O(1) amortised.
      times.push(time);
      let head = s.head;
      const from = time - windowMs;
      // A shorter window than the last call's may start before `head`: find its start again.
      if (from < s.headFrom) head = upperBound(times, from);
      while (head < times.length && times[head] <= from) head++;
      s.head = head;
      s.headFrom = from;
      if (head > 1024 && head * 2 > times.length) {
        s.times = times.slice(head);
        s.head = 0;
      }
      return s.times.length - s.head;
    }
    // A straggler: insert in place and count by binary search. Entries before `head` stay those at or
    // before `headFrom`: one more when the straggler is one of them.
    insertSorted(times, time);
    if (time <= s.headFrom) s.head++;
    this.prune(s, time, windowMs);
    return countBetween(s.times, time - windowMs, time);
  }

  distinct(key: string, value: string, time: number, windowMs: number): number {
    const s = this.seriesFor(key);
    s.values ??= [];
    const n = s.times.length;
    let at: number;
    if (n === 0 || s.times[n - 1] <= time) {
      // In order: plain appends (splice, even at the end, costs several times more).
      s.times.push(time);
      s.values.push(value);
      at = n;
    } else {
      at = insertSorted(s.times, time);
      s.values.splice(at, 0, value);
    }
    const inOrder = at === s.times.length - 1;
    if (s.inWindow !== undefined && s.inWindowMs !== windowMs) s.inWindow = undefined;
    if (inOrder) {
      this.advanceWindow(s, value, time, windowMs);
      this.prune(s, time, windowMs);
      return s.inWindow?.size ?? 0;
    }
    // A straggler. The counts of the window ending at the newest entry take it in (or, when it falls
    // before that window, its start moves by one), so the next in-order call need not count them again.
    const counts = s.inWindow;
    if (counts !== undefined) {
      if (time > s.times[s.times.length - 1] - windowMs) counts.set(value, (counts.get(value) ?? 0) + 1);
      else s.head++;
    }
    this.prune(s, time, windowMs);
    // Its own window, (time - windowMs, time], counted from the entries in it only.
    const seen = new Set<string>();
    const values = s.values;
    const end = upperBound(s.times, time);
    for (let i = upperBound(s.times, time - windowMs); i < end; i++) seen.add(values[i]);
    return seen.size;
  }

  /** Bring the incremental per-value counts to the window ending at the newest entry (just appended). */
  private advanceWindow(s: Series, value: string, time: number, windowMs: number): void {
    const values = s.values as string[];
    if (s.inWindow === undefined) {
      const counts = new Map<string, number>();
      s.head = upperBound(s.times, time - windowMs);
      for (let i = s.head; i < s.times.length; i++) counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
      s.inWindow = counts;
      s.inWindowMs = windowMs;
      return;
    }
    const counts = s.inWindow;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    while (s.head < s.times.length && s.times[s.head] <= time - windowMs) {
      const old = values[s.head];
      const n = (counts.get(old) ?? 1) - 1;
      if (n <= 0) counts.delete(old);
      else counts.set(old, n);
      s.head++;
    }
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
