/**
 * The queue carries EventBridge envelopes (`{ version, id, 'detail-type', source, detail, … }`) whose
 * `detail` is the CloudTrail record. Anything else on the queue is malformed input, reported as such.
 */
export type EnvelopeResult =
  | { readonly ok: true; readonly detail: Record<string, unknown> }
  | { readonly ok: false; readonly error: string };

export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

export function cloudTrailDetail(body: string): EnvelopeResult {
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    return { ok: false, error: 'message body is not JSON' };
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    return { ok: false, error: 'message body is not a JSON object' };
  }
  const fields = envelope as Record<string, unknown>;
  if (fields['detail-type'] !== CLOUDTRAIL_DETAIL_TYPE) {
    return { ok: false, error: `unexpected detail-type ${JSON.stringify(fields['detail-type'])}` };
  }
  const detail = fields.detail;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ok: false, error: 'envelope has no detail object' };
  }
  return { ok: true, detail: detail as Record<string, unknown> };
}
