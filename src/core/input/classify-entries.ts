/**
 * Turns parsed JSON into record items: recognises the shapes CloudTrail records arrive in (S3 delivery
 * files, arrays, single records, EventBridge envelopes) and says plainly what anything else is. Checks
 * only what makes an object a record at all; the normaliser validates the rest.
 */
import { readError, type RawRecord, type RecordItem } from './record-item';

const EXPECTED_SHAPES =
  'expected an S3 delivery file {"Records":[…]}, an array of records, JSON lines, or EventBridge ' +
  '"AWS API Call via CloudTrail" events';

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields every CloudTrail record has, whatever its version or event type. */
const RECORD_FIELDS = ['eventName', 'eventSource', 'eventTime'] as const;

export function looksLikeRecord(value: Record<string, unknown>): boolean {
  return (
    typeof value.eventName === 'string' &&
    typeof value.eventSource === 'string' &&
    typeof value.eventTime === 'string'
  );
}

/** EventBridge events of every "… via CloudTrail" detail type carry the record in `detail`. */
function isEventBridgeEnvelope(value: Record<string, unknown>): boolean {
  return typeof value['detail-type'] === 'string' && 'detail' in value;
}

/** Digest files sit next to log files in S3 and are easy to pass by mistake. */
function isDigestFile(value: Record<string, unknown>): boolean {
  return (
    'digestStartTime' in value || 'digestEndTime' in value || ('logFiles' in value && 'awsAccountId' in value)
  );
}

export function describeJsonValue(value: unknown): string {
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
      return `an object with keys ${describeKeys(value as Record<string, unknown>)}`;
    default:
      return typeof value;
  }
}

function describeKeys(value: Record<string, unknown>): string {
  const keys = Object.keys(value);
  if (keys.length === 0) return '(none)';
  const shown = keys.slice(0, 6).map((key) => JSON.stringify(key));
  return keys.length > shown.length ? `${shown.join(', ')}, … (${keys.length} in all)` : shown.join(', ');
}

/** Where an entry sits, for the item and its messages. */
export interface EntryPlace {
  readonly origin: string;
  readonly index: number;
  readonly line?: number;
}

/** One element of a record list (or one JSON line, or one top-level object): a record, or why it is not. */
export function itemFromEntry(value: unknown, place: EntryPlace): RecordItem {
  if (!isJsonObject(value)) {
    return readError(
      place.origin,
      `${describeJsonValue(value)} where a CloudTrail record object was expected — skipped; the file is damaged or not CloudTrail output`,
      place,
    );
  }
  if (looksLikeRecord(value)) return recordItem(value, place);
  if (isEventBridgeEnvelope(value)) {
    const detail = value.detail;
    if (isJsonObject(detail) && looksLikeRecord(detail)) return recordItem(detail, place);
    return readError(
      place.origin,
      `an EventBridge ${JSON.stringify(value['detail-type'])} event whose detail is not a CloudTrail record — skipped; only "… via CloudTrail" events (e.g. "AWS API Call via CloudTrail") carry records`,
      place,
    );
  }
  const missing = RECORD_FIELDS.filter((field) => typeof value[field] !== 'string');
  return readError(
    place.origin,
    `an object without ${missing.join(', ')} (keys ${describeKeys(value)}) — not a CloudTrail record; skipped`,
    place,
  );
}

function recordItem(record: RawRecord, place: EntryPlace): RecordItem {
  return { kind: 'record', record, origin: place.origin, index: place.index };
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
    if (isJsonObject(document) && (looksLikeRecord(document) || isEventBridgeEnvelope(document))) {
      yield itemFromEntry(document, { origin, index: firstIndex, line });
      return 1;
    }
    yield readError(origin, `not CloudTrail records: ${whatDocumentIs(document)}`, { line });
    return 1;
  }
  // Indexed loop, no per-record work beyond the shape check: this is the replay's hot path.
  for (let i = 0; i < list.length; i++) {
    yield itemFromEntry(list[i], { origin, index: firstIndex + i, line });
  }
  return list.length;
}

/** The array of entries a document holds, or undefined when it is not a list of them. */
function recordList(document: unknown): readonly unknown[] | undefined {
  if (Array.isArray(document)) return document;
  if (isJsonObject(document) && Array.isArray(document.Records)) return document.Records;
  return undefined;
}

function whatDocumentIs(document: unknown): string {
  if (!isJsonObject(document)) return `found ${describeJsonValue(document)}; ${EXPECTED_SHAPES}`;
  if ('Records' in document) {
    return `"Records" is ${describeJsonValue(document.Records)}, not an array of records — the file is damaged or not CloudTrail output`;
  }
  if (isDigestFile(document)) {
    return 'this is a CloudTrail digest file (hashes of log files for integrity validation, no events) — leave it out; folders are read without *_CloudTrail-Digest_* files';
  }
  return `found ${describeJsonValue(document)}; ${EXPECTED_SHAPES}`;
}
