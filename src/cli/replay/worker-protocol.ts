/** Messages between the replay's engine thread and its read workers. */
import type { EncodedEvents } from './event-codec';
import type { TimeRange } from './read-batches';

export interface ReadFileRequest {
  readonly type: 'read';
  /** Position of the file in the replay's input order. */
  readonly seq: number;
  readonly path: string;
  readonly range: TimeRange;
}

/** The engine thread consumed one batch: the worker may read further ahead. */
export interface BatchAck {
  readonly type: 'ack';
}

export type ToWorker = ReadFileRequest | BatchAck;

export interface BatchMessage {
  readonly type: 'batch';
  readonly seq: number;
  /** The worker's `EventEncoder` output: decode with that worker's `EventDecoder`, in order. */
  readonly events: EncodedEvents;
  readonly records: number;
  readonly readErrors: readonly string[];
  readonly malformed: readonly string[];
  /** True on the file's last batch. */
  readonly last: boolean;
}

/** A failure of the worker itself (not of the input): the replay stops with it. */
export interface WorkerFailure {
  readonly type: 'failure';
  readonly message: string;
}

export type FromWorker = BatchMessage | WorkerFailure;

/**
 * Records a worker may post (as events, or reasons they could not be read) before the engine thread has
 * taken them: bounds memory per worker (about 12 MB of encoded events). Counted in records, not batches: a
 * pool's first batches wait while the engine thread loads the core (hundreds of small delivery files), and a
 * large file's batches are thousands of records each.
 */
export const MAX_UNACKED_RECORDS = 32_768;
