import type { MappedAction } from '../model';
import type { Detector } from './detector';
import { BoundedCache } from '../bounded-cache';

/** Distinct actions whose detector lists are remembered (real logs use hundreds). */
const RESOLVED_LIMIT = 10_000;

/**
 * Detectors registered as data and indexed by the IAM action they react to, so an event meets only the
 * detectors that can fire on it (plus the few that watch every event). Built once per process.
 */
export class DetectorPack {
  readonly detectors: readonly Detector[];
  private readonly always: readonly Detector[];
  private readonly byAction = new Map<string, Detector[]>();
  /**
   * Keyed by the mapped action's string, which the mapper shares between events (its hash is cached).
   * Starts over past `RESOLVED_LIMIT` actions, so made-up event names cannot grow it without bound.
   */
  private readonly resolved = new BoundedCache<string, readonly Detector[]>(RESOLVED_LIMIT);

  constructor(detectors: readonly Detector[]) {
    const ids = new Set<string>();
    for (const d of detectors) {
      if (ids.has(d.id)) throw new Error(`two detectors share the id ${d.id}`);
      ids.add(d.id);
    }
    this.detectors = detectors;
    this.always = detectors.filter((d) => d.triggers === undefined);
    for (const d of detectors) {
      for (const action of d.triggers ?? []) {
        const key = action.toLowerCase();
        const list = this.byAction.get(key) ?? [];
        list.push(d);
        this.byAction.set(key, list);
      }
    }
  }

  /** The detectors to run for an event with this action, in registration order. */
  for(action: MappedAction): readonly Detector[] {
    const cached = this.resolved.get(action.action);
    if (cached) return cached;
    const specific = this.byAction.get(action.action.toLowerCase()) ?? [];
    const list =
      specific.length === 0
        ? this.always
        : this.detectors.filter((d) => d.triggers === undefined || specific.includes(d));
    this.resolved.set(action.action, list);
    return list;
  }

  /**
   * True when some detector reacts to this action specifically, i.e. may read the call's request and
   * response. Calls only the every-event detectors see need neither (replay workers drop them).
   */
  readsDetails(action: MappedAction): boolean {
    return this.for(action).length > this.always.length;
  }

  get(id: string): Detector | undefined {
    return this.detectors.find((d) => d.id === id);
  }
}
