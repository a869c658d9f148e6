import type { MappedAction } from '../model';
import type { Detector } from './detector';
import { ActionTable } from '../action-table';

/**
 * Detectors registered as data and indexed by the IAM action they react to, so an event meets only the
 * detectors that can fire on it (plus the few that watch every event). Built once per process.
 */
export class DetectorPack {
  readonly detectors: readonly Detector[];
  private readonly always: readonly Detector[];
  private readonly byAction = new Map<string, Detector[]>();
  /** The list for each action met so far, by the action's id. */
  private readonly resolved = new ActionTable<readonly Detector[]>();

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
    const cached = this.resolved.get(action);
    if (cached) return cached;
    const specific = this.byAction.get(action.action.toLowerCase()) ?? [];
    const list =
      specific.length === 0
        ? this.always
        : this.detectors.filter((d) => d.triggers === undefined || specific.includes(d));
    this.resolved.set(action, list);
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
