import type { ActionCatalog } from '../catalog/iam-catalog';
import type { DetailsPolicy } from '../details-policy';
import type { LeashEvent } from '../model';
import { ActionMapper } from './action-mapper';
import { IdentityReader } from './identity';
import { asObject, asString, objectOrEmpty, type JsonObject } from './json-shape';
import { parseEventTime } from './event-time';
import { resourcesOf } from './resources';
import { StringInterner } from './string-interner';

export type NormalizeResult =
  { readonly ok: true; readonly event: LeashEvent } | { readonly ok: false; readonly error: string };

/** What an event holds when the call named no resource. */
export const NO_RESOURCES: readonly string[] = Object.freeze([]);

/**
 * What an event holds in place of a request or response nothing will read (the details policy left them
 * out). Compared by reference: an event whose call really had none holds an empty object of its own.
 */
export const NO_DETAILS: Readonly<Record<string, unknown>> = Object.freeze({});

const fail = (error: string): NormalizeResult => ({ ok: false, error });

/** Athena and CloudTrail Lake exports may carry nested JSON as strings. */
function objectField(value: unknown): JsonObject {
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      return objectOrEmpty(JSON.parse(value));
    } catch {
      return objectOrEmpty(undefined);
    }
  }
  return objectOrEmpty(value);
}

/**
 * Turns one raw CloudTrail record into a `LeashEvent`, or says why it cannot. Never throws: a record is
 * untrusted input, and a bad one must be counted and reported, not crash a batch.
 */
export class EventNormalizer {
  readonly actions: ActionMapper;
  private readonly identities = new IdentityReader();
  private readonly strings = new StringInterner();

  /**
   * `keepDetails` says which events keep their request and response (resources are read from the request
   * either way); without it every event keeps them.
   */
  constructor(
    catalog: ActionCatalog,
    private readonly keepDetails?: DetailsPolicy,
  ) {
    this.actions = new ActionMapper(catalog);
  }

  /**
   * The resource list an event keeps: exactly sized (a list grown by pushing reserves room for 17) and with
   * repeated ARNs shared, since events live as long as the engine's reorder window.
   */
  private keptResources(found: readonly string[]): readonly string[] {
    const n = found.length;
    if (n === 0) return NO_RESOURCES;
    const kept = found.slice();
    for (let i = 0; i < n; i++) kept[i] = this.strings.intern(kept[i]);
    return kept;
  }

  normalize(raw: unknown): NormalizeResult {
    let record = asObject(raw);
    if (!record) return fail('not a JSON object');
    // CloudTrail Lake rows wrap the record as a string.
    if (record.eventName === undefined && typeof record.eventJson === 'string') {
      try {
        record = asObject(JSON.parse(record.eventJson));
      } catch {
        return fail('eventJson is not valid JSON');
      }
      if (!record) return fail('eventJson is not a JSON object');
    }
    const strings = this.strings;
    const eventName = strings.internOptional(asString(record.eventName));
    const eventSource = strings.internOptional(asString(record.eventSource));
    // CloudTrail times have whole seconds: a busy log repeats each one many times.
    const eventTime = strings.internOptional(asString(record.eventTime));
    const eventId = asString(record.eventID);
    if (!eventName) return fail('missing eventName');
    if (!eventSource) return fail(`missing eventSource (eventName ${eventName})`);
    // Lookalikes such as S3 event notifications (`aws:s3`) are not CloudTrail records.
    if (!eventSource.endsWith('.amazonaws.com'))
      return fail(`not a CloudTrail record (eventSource ${eventSource})`);
    if (!eventTime) return fail(`missing eventTime (eventName ${eventName})`);
    if (!eventId) return fail(`missing eventID (eventName ${eventName})`);
    const time = parseEventTime(eventTime);
    if (Number.isNaN(time)) return fail(`eventTime is not a date: ${eventTime.slice(0, 40)}`);
    const recipientAccountId = strings.internOptional(asString(record.recipientAccountId));
    const identity = this.identities.read(record.userIdentity, recipientAccountId);
    if (!identity) return fail(`missing or unreadable userIdentity (eventID ${eventId})`);

    const region = strings.internOptional(asString(record.awsRegion)) ?? 'unknown';
    const action = this.actions.map(eventSource, eventName);
    const requestParameters = objectField(record.requestParameters);
    const readOnly = record.readOnly === true || record.readOnly === 'true';
    const resources = this.keptResources(
      resourcesOf(
        record,
        action.service,
        requestParameters,
        region,
        recipientAccountId ?? identity.accountId,
      ),
    );
    const keep = this.keepDetails === undefined || this.keepDetails(action);
    return {
      ok: true,
      event: {
        eventId,
        time,
        eventTime,
        eventSource,
        eventName,
        region,
        recipientAccountId,
        identity,
        action,
        readOnly,
        errorCode: strings.internOptional(asString(record.errorCode)),
        errorMessage: asString(record.errorMessage),
        sourceIp: strings.internOptional(asString(record.sourceIPAddress)),
        userAgent: strings.internOptional(asString(record.userAgent)),
        resources,
        requestParameters: keep ? requestParameters : NO_DETAILS,
        responseElements: keep ? objectField(record.responseElements) : NO_DETAILS,
        sharedEventId: asString(record.sharedEventID),
      },
    };
  }
}
