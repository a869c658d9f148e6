/**
 * Turns parsed JSON into record items: recognises the shapes CloudTrail records arrive in (S3 delivery
 * files, arrays, single records, EventBridge envelopes) and says plainly what anything else is. Checks
 * only what makes an object a record at all; the normaliser validates the rest.
 */
import { asObject } from '../normalize/json-shape';
import { readError, type RawRecord, type RecordItem } from './record-item';

const EXPECTED_SHAPES =
  'expected an S3 delivery file {"Records":[…]}, an array of records, JSON lines, or EventBridge ' +
  '"AWS API Call via CloudTrail" events';

/** The fields every CloudTrail record has, whatever its version or event type. */
const RECORD_FIELDS = ['eventName', 'eventSource', 'eventTime'] as const;

function looksLikeRecord(value: RawRecord): boolean {
  return (
    typeof value.eventName === 'string' &&
    typeof value.eventSource === 'string' &&
    typeof value.eventTime === 'string'
  );
}

/** EventBridge events of every "… via CloudTrail" detail type carry the record in `detail`. */
function isEventBridgeEnvelope(value: RawRecord): boolean {
  return typeof value['detail-type'] === 'string' && 'detail' in value;
}

/** Digest files sit next to log files in S3 and are easy to pass by mistake. */
function isDigestFile(value: RawRecord): boolean {
  return (
    'digestStartTime' in value || 'digestEndTime' in value || ('logFiles' in value && 'awsAccountId' in value)
  );
}

function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'object':
      return `an object with keys ${describeKeys(value as RawRecord)}`;
    default:
      return typeof value;
  }
}

function describeKeys(value: RawRecord): string {
  const keys = Object.keys(value);
  if (keys.length === 0) return '(none)';
  const shown = keys.slice(0, 6).map((key) => JSON.stringify(key));
  return keys.length > shown.length ? `${shown.join(', ')}, … (${keys.length} in all)` : shown.join(', ');
}

/**
 * One element of a record list (or one JSON line, or one top-level object): a record, or why it is not.
 * Where it sits comes as plain arguments, not an object: this runs for every record of a replay.
 */
export function itemFromEntry(value: unknown, origin: string, index: number, line?: number): RecordItem {
  const object = asObject(value);
  if (object === undefined) {
    return readError(
      origin,
      `${describeJsonValue(value)} where a CloudTrail record object was expected — skipped; the file is damaged or not CloudTrail output`,
      { index, line },
    );
  }
  if (looksLikeRecord(object)) return { kind: 'record', record: object, origin, index };
  if (isEventBridgeEnvelope(object)) {
    const detail = asObject(object.detail);
    if (detail !== undefined && looksLikeRecord(detail))
      return { kind: 'record', record: detail, origin, index };
    return readError(
      origin,
      `an EventBridge ${JSON.stringify(object['detail-type'])} event whose detail is not a CloudTrail record — skipped; only "… via CloudTrail" events (e.g. "AWS API Call via CloudTrail") carry records`,
      { index, line },
    );
  }
  const missing = RECORD_FIELDS.filter((field) => typeof object[field] !== 'string');
  return readError(
    origin,
    `an object without ${missing.join(', ')} (keys ${describeKeys(object)}) — not a CloudTrail record; skipped`,
    { index, line },
  );
}

/**
 * Every item of one parsed document (a whole file, or one JSON line). Returns how many entries it
 * consumed (the list's length, else 1), so the caller can keep numbering entries across a file's lines.
 */
export function* itemsFromDocument(
  document: unknown,
  origin: string,
  firstIndex: number,
  line?: number,
): Generator<RecordItem, number> {
  const list = recordList(document);
  if (list === undefined) {
    const object = asObject(document);
    if (object !== undefined && (looksLikeRecord(object) || isEventBridgeEnvelope(object))) {
      yield itemFromEntry(object, origin, firstIndex, line);
      return 1;
    }
    yield readError(origin, `not CloudTrail records: ${whatDocumentIs(document)}`, { line });
    return 1;
  }
  // Indexed loop, no per-record work beyond the shape check: this is the replay's hot path.
  for (let i = 0; i < list.length; i++) {
    yield itemFromEntry(list[i], origin, firstIndex + i, line);
  }
  return list.length;
}

/** The array of entries a document holds, or undefined when it is not a list of them. */
function recordList(document: unknown): readonly unknown[] | undefined {
  if (Array.isArray(document)) return document;
  const records = asObject(document)?.Records;
  return Array.isArray(records) ? records : undefined;
}

function whatDocumentIs(document: unknown): string {
  const object = asObject(document);
  if (object === undefined) return `found ${describeJsonValue(document)}; ${EXPECTED_SHAPES}`;
  if ('Records' in object) {
    return `"Records" is ${describeJsonValue(object.Records)}, not an array of records — the file is damaged or not CloudTrail output`;
  }
  if (isDigestFile(object)) {
    return 'this is a CloudTrail digest file (hashes of log files for integrity validation, no events) — leave it out; folders are read without *_CloudTrail-Digest_* files';
  }
  return `found ${describeJsonValue(document)}; ${EXPECTED_SHAPES}`;
}
