/**
 * The compact form normalised events cross the worker boundary in. Structured clone of `LeashEvent`
 * objects costs more on the receiving (engine) thread than `JSON.parse` of flat tuples, and the caller
 * identity — the same few principals over and over — is sent once per batch instead of once per event.
 * The IAM action is not sent: the receiver maps it again with its own mapper, so every event of one action
 * shares one frozen `MappedAction` and the engine thread counts actions the IAM catalog does not know.
 */
import type { Identity, LeashEvent, MappedAction } from '../../core/model';

/** One event without its identity and action: positions are fixed, see `encodeEvents`. */
type EventTuple = [
  eventId: string,
  time: number,
  eventTime: string,
  eventSource: string,
  eventName: string,
  region: string,
  recipientAccountId: string | null,
  identity: number,
  readOnly: 0 | 1,
  errorCode: string | null,
  errorMessage: string | null,
  sourceIp: string | null,
  userAgent: string | null,
  resources: readonly string[],
  requestParameters: Readonly<Record<string, unknown>> | null,
  responseElements: Readonly<Record<string, unknown>> | null,
  sharedEventId: string | null,
  /** Position of the record in its file, for reports that point back at it. */
  index: number,
];

interface EncodedBatch {
  readonly identities: readonly Identity[];
  readonly events: readonly EventTuple[];
}

/** An event as it travels, with where it was read. */
export interface IndexedEvent {
  readonly event: LeashEvent;
  readonly index: number;
}

/**
 * Events of one session share an identity. The caller ARN and access key pin the session; `invokedBy` and
 * `crossAccount` vary per call within it, so they are part of the key too.
 */
function identityKey(i: Identity): string {
  return `${i.callerArn}\u0000${i.accessKeyId}\u0000${i.invokedBy}\u0000${i.crossAccount}\u0000${i.principalArn}\u0000${i.sourceIdentity}`;
}

const NO_DETAILS: Readonly<Record<string, unknown>> = Object.freeze({});

/** Same session, as `identityKey` would say, without building the key. */
function sameIdentity(a: Identity, b: Identity): boolean {
  return (
    a.callerArn === b.callerArn &&
    a.accessKeyId === b.accessKeyId &&
    a.invokedBy === b.invokedBy &&
    a.crossAccount === b.crossAccount &&
    a.principalArn === b.principalArn &&
    a.sourceIdentity === b.sourceIdentity &&
    a.type === b.type
  );
}

/**
 * `needsDetails` says whether the engine will read an event's request and response (a detector reacts to
 * its action, or it can be undone). Most calls need neither, and leaving them out is most of what crosses
 * the thread boundary.
 */
export function encodeEvents(
  events: readonly IndexedEvent[],
  needsDetails: (action: MappedAction) => boolean = () => true,
): string {
  const identities: Identity[] = [];
  const identityIndex = new Map<string, number>();
  let last: Identity | undefined;
  let lastId = -1;
  const tuples: EventTuple[] = events.map(({ event: e, index }) => {
    // Consecutive calls mostly come from one session: compare with the previous identity before building
    // a key (a string per event costs more than the comparison).
    let id: number;
    if (last !== undefined && sameIdentity(last, e.identity)) id = lastId;
    else {
      const key = identityKey(e.identity);
      const known = identityIndex.get(key);
      if (known === undefined) {
        id = identities.length;
        identities.push(e.identity);
        identityIndex.set(key, id);
      } else id = known;
      last = e.identity;
      lastId = id;
    }
    return [
      e.eventId,
      e.time,
      e.eventTime,
      e.eventSource,
      e.eventName,
      e.region,
      e.recipientAccountId ?? null,
      id,
      e.readOnly ? 1 : 0,
      e.errorCode ?? null,
      e.errorMessage ?? null,
      e.sourceIp ?? null,
      e.userAgent ?? null,
      e.resources,
      ...(needsDetails(e.action)
        ? ([e.requestParameters, e.responseElements] as const)
        : ([null, null] as const)),
      e.sharedEventId ?? null,
      index,
    ];
  });
  const batch: EncodedBatch = { identities, events: tuples };
  return JSON.stringify(batch);
}

/** `mapAction` gives the receiver's shared `MappedAction` for an event's source and name. */
export function decodeEvents(
  text: string,
  mapAction: (eventSource: string, eventName: string) => MappedAction,
): IndexedEvent[] {
  const batch = JSON.parse(text) as EncodedBatch;
  const identities = batch.identities;
  return batch.events.map((t) => {
    // Optional fields stay absent rather than undefined-valued, as the normaliser leaves them.
    const event: { -readonly [K in keyof LeashEvent]: LeashEvent[K] } = {
      eventId: t[0],
      time: t[1],
      eventTime: t[2],
      eventSource: t[3],
      eventName: t[4],
      region: t[5],
      recipientAccountId: t[6] ?? undefined,
      identity: identities[t[7]],
      action: mapAction(t[3], t[4]),
      readOnly: t[8] === 1,
      errorCode: t[9] ?? undefined,
      errorMessage: t[10] ?? undefined,
      sourceIp: t[11] ?? undefined,
      userAgent: t[12] ?? undefined,
      resources: t[13],
      requestParameters: t[14] ?? NO_DETAILS,
      responseElements: t[15] ?? NO_DETAILS,
      sharedEventId: t[16] ?? undefined,
    };
    return { event, index: t[17] };
  });
}
