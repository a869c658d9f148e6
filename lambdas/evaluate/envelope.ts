/**
 * The queue carries EventBridge envelopes (`{ version, id, 'detail-type', source, detail, … }`) whose
 * `detail` is the CloudTrail record. They are unwrapped by the core's record reader, the same code that
 * reads EventBridge events in a replay, so the function and `leash replay` accept and refuse alike.
 * Anything but exactly one CloudTrail record is malformed input, reported as such.
 */
import { readRecordsFromBuffer } from '../../src/core/input';

export type EnvelopeResult =
  | { readonly ok: true; readonly detail: Record<string, unknown> }
  | { readonly ok: false; readonly error: string };

/** `origin` names the message in the reader's error messages (its SQS message id). */
export function cloudTrailDetail(body: string, origin: string): EnvelopeResult {
  const items = [...readRecordsFromBuffer(Buffer.from(body, 'utf8'), origin)];
  const [first] = items;
  if (items.length === 1 && first.kind === 'record') return { ok: true, detail: first.record };
  const problem = items.find((item) => item.kind === 'error');
  if (problem?.kind === 'error') return { ok: false, error: problem.message };
  // A JSON array of records: valid for a replay, but one message is one EventBridge event.
  return {
    ok: false,
    error: `${origin}: ${items.length} records in one message, expected one EventBridge event`,
  };
}
