import type { DetectorPack } from './detectors/pack';
import { mintsSession } from './engine/session-links';
import type { MappedAction } from './model';
import { isReversible } from './response/undo-calls';
import { ActionTable } from './action-table';

/** Says whether events of an action keep their `requestParameters` and `responseElements`. */
export type DetailsPolicy = (action: MappedAction) => boolean;

/**
 * Calls keep their request and response only when something will read them: a detector that reacts to
 * the action, the undo step of a reversible call, or the engine's own tracking of chained sessions. Most
 * calls need neither, and an event that holds its record's parsed request and response keeps them alive
 * for the whole reorder window (the replay's largest source of garbage-collector work) or, across threads,
 * has them serialised for nothing.
 */
export function detailsPolicy(pack: DetectorPack): DetailsPolicy {
  const decided = new ActionTable<boolean>();
  return (action) => {
    let keep = decided.get(action);
    if (keep === undefined) {
      keep = mintsSession(action) || pack.readsDetails(action) || isReversible(action.action);
      decided.set(action, keep);
    }
    return keep;
  };
}
