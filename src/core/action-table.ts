import { BoundedCache } from './bounded-cache';
import type { AccessLevel, MappedAction } from './model';

/**
 * Dense numbers for IAM action strings, the same for every mapper of the process: the hot path's per-action
 * tables (a baseline's statement plans, the detectors that react to an action, which events keep their
 * details) are arrays indexed by them, where a map keyed by the action string cost a hash-table probe per
 * table and event. Real logs use hundreds of actions; past `ACTION_ID_LIMIT` (made-up event names) new
 * actions get `NO_ACTION_ID` and the tables fall back to a bounded map for them.
 */
const ACTION_ID_LIMIT = 65_536;
export const NO_ACTION_ID = -1;

const ids = new Map<string, number>();

export function actionIdOf(action: string): number {
  let id = ids.get(action);
  if (id === undefined) {
    if (ids.size >= ACTION_ID_LIMIT) return NO_ACTION_ID;
    id = ids.size;
    ids.set(action, id);
  }
  return id;
}

/** A frozen `MappedAction` with its process-wide id: the only way the core makes one. */
export function mappedAction(
  action: string,
  service: string,
  accessLevel: AccessLevel,
  known: boolean,
): MappedAction {
  return Object.freeze({ id: actionIdOf(action), action, service, accessLevel, known });
}

/** Actions kept in an `ActionTable`'s fallback map when they have no id. */
const OVERFLOW_LIMIT = 10_000;

/**
 * A value per action, looked up by the action's id. The array only grows by appending (filled with
 * `undefined` up to the id), so V8 keeps it a packed array rather than a sparse dictionary.
 */
export class ActionTable<V> {
  private readonly byId: (V | undefined)[] = [];
  private readonly overflow = new BoundedCache<string, V>(OVERFLOW_LIMIT);

  get(action: MappedAction): V | undefined {
    const id = action.id;
    return id >= 0 ? (id < this.byId.length ? this.byId[id] : undefined) : this.overflow.get(action.action);
  }

  set(action: MappedAction, value: V): void {
    const id = action.id;
    if (id < 0) {
      this.overflow.set(action.action, value);
      return;
    }
    const byId = this.byId;
    while (byId.length <= id) byId.push(undefined);
    byId[id] = value;
  }
}
