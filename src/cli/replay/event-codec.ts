/**
 * The compact form normalised events cross the worker boundary in. A replay's records repeat the same few
 * hundred strings (event sources and names, regions, accounts, user agents, principals) millions of
 * times, so each side keeps a dictionary for the whole run: a worker sends a string the first time it
 * uses it and an integer ever after. Numbers travel in typed arrays whose buffers are transferred, not
 * copied; only what is unique per event (eventID, eventTime) travels as text.
 *
 * Besides the copying it saves, the dictionary makes the engine thread's strings shared objects: one
 * principal ARN or action string per run, whose hash V8 computes once, instead of a fresh copy per event
 * to hash on every map lookup. Identities are shared the same way.
 *
 * The IAM action is not sent: the receiver maps it again with its own mapper, so every event of one action
 * shares one frozen `MappedAction` and the engine thread counts actions the IAM catalog does not know.
 */
import type { Identity, LeashEvent, MappedAction, PrincipalType } from '../../core/model';
import { NO_DETAILS, NO_RESOURCES } from '../../core/normalize/normalize-record';
import { stringSlot } from '../../core/normalize/string-interner';

/** An event as it travels, with where it was read. */
export interface IndexedEvent {
  readonly event: LeashEvent;
  readonly index: number;
}

/** One batch of encoded events. The typed arrays' buffers are meant for a transfer list. */
export interface EncodedEvents {
  /** The sender started its dictionaries over before this batch (they are bounded). */
  readonly reset: boolean;
  /** Strings first used in this batch; their ids continue the sender's dictionary. */
  readonly newStrings: readonly string[];
  /** Identities first used in this batch, `IDENTITY_STRIDE` ints each. */
  readonly newIdentities: Int32Array;
  /** `EVENT_STRIDE` ints per event. */
  readonly fields: Int32Array;
  readonly times: Float64Array;
  /** Resource string ids, `fields[F_RESOURCES]` per event, in event order. */
  readonly resources: Int32Array;
  /**
   * eventIDs travel one string each: the engine compares and orders by them, which flat strings make
   * cheap (slices of one long text would not be).
   */
  readonly eventIds: readonly string[];
  /** eventTime and sharedEventID of every event, concatenated; lengths are in `fields`. */
  readonly text: string;
  /** `[requestParameters, responseElements]` of the events flagged `HAS_DETAILS`, in order, as JSON. */
  readonly details: string;
}

export function transferList(batch: EncodedEvents): ArrayBuffer[] {
  return [batch.newIdentities, batch.fields, batch.times, batch.resources].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

const NONE = -1;
const RECENT_SLOTS = 4096;

// Event fields, by position.
const F_IDENTITY = 0;
const F_SOURCE = 1;
const F_NAME = 2;
const F_REGION = 3;
const F_ACCOUNT = 4;
const F_FLAGS = 5;
const F_ERROR_CODE = 6;
const F_ERROR_MESSAGE = 7;
const F_SOURCE_IP = 8;
const F_USER_AGENT = 9;
const F_RESOURCES = 10;
const F_TIME_LENGTH = 11;
const F_SHARED_LENGTH = 12;
const F_INDEX = 13;
const EVENT_STRIDE = 14;

const READ_ONLY = 1;
const HAS_DETAILS = 2;

// Identity fields, by position.
const I_TYPE = 0;
const I_PRINCIPAL = 1;
const I_CALLER = 2;
const I_NAME = 3;
const I_SESSION = 4;
const I_SOURCE_IDENTITY = 5;
const I_ACCESS_KEY = 6;
const I_ACCOUNT = 7;
const I_INVOKED_BY = 8;
const I_CROSS_ACCOUNT = 9;
const IDENTITY_STRIDE = 10;

/**
 * Past this many strings (or identities) the sender starts over, so logs full of one-off values (object
 * keys, request ids in error messages) cannot grow either side's memory without bound.
 */
export const DICTIONARY_LIMIT = 1 << 15;

const slotOf = (value: string): number => stringSlot(value, RECENT_SLOTS - 1);

/** Same session, field by field (strings compare by content: the sender's are fresh per record). */
function sameIdentity(a: Identity, b: Identity): boolean {
  return (
    a.callerArn === b.callerArn &&
    a.accessKeyId === b.accessKeyId &&
    a.principalArn === b.principalArn &&
    a.invokedBy === b.invokedBy &&
    a.crossAccount === b.crossAccount &&
    a.sourceIdentity === b.sourceIdentity &&
    a.type === b.type &&
    a.accountId === b.accountId &&
    a.name === b.name &&
    a.sessionName === b.sessionName
  );
}

/** Grows an Int32Array by doubling; the final view is trimmed to what was written. */
class IntBuffer {
  array: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.array = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.array.length) {
      const grown = new Int32Array(this.array.length * 2);
      grown.set(this.array);
      this.array = grown;
    }
    this.array[this.length++] = value;
  }
  /** A copy of exactly the written part (its own buffer, so it can be transferred). */
  take(): Int32Array {
    return this.array.slice(0, this.length);
  }
}

/**
 * The worker's side. Stateful for the whole run: ids it hands out stay valid on the receiver until it
 * resets. An event's request and response travel only when it holds them: the worker's normaliser left
 * them out (`NO_DETAILS`) of the calls the engine will not read them for, most calls, and leaving them
 * out is most of what would cross the boundary.
 */
export class EventEncoder {
  private readonly ids = new Map<string, number>();
  /**
   * A direct-mapped cache in front of `ids`, compared by content: most strings a worker encodes are the
   * normaliser's shared ones (compared by reference), the rest fresh from `JSON.parse`, and hashing those
   * (as a map lookup must) costs more than comparing with the one string a slot holds.
   */
  private readonly recent: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS).fill(
    undefined,
  );
  private readonly recentIds = new Int32Array(RECENT_SLOTS);
  private pendingStrings: string[] = [];
  /** Last identity seen per caller (session ARN or principal), with its id. */
  private readonly identityIds = new Map<string, { identity: Identity; id: number }>();
  private readonly recentIdentities: ({ identity: Identity; id: number } | undefined)[] = new Array<
    { identity: Identity; id: number } | undefined
  >(RECENT_SLOTS).fill(undefined);
  private identityCount = 0;

  constructor(
    /** Strings (or identities) kept before starting over; small values are for tests. */
    private readonly dictionaryLimit = DICTIONARY_LIMIT,
  ) {}

  encode(events: readonly IndexedEvent[]): EncodedEvents {
    const reset = this.ids.size > this.dictionaryLimit || this.identityCount > this.dictionaryLimit;
    if (reset) {
      this.ids.clear();
      this.recent.fill(undefined);
      this.identityIds.clear();
      this.recentIdentities.fill(undefined);
      this.identityCount = 0;
    }
    const newIdentities = new IntBuffer(64);
    const fields = new Int32Array(events.length * EVENT_STRIDE);
    const times = new Float64Array(events.length);
    const resources = new IntBuffer(Math.max(16, events.length * 2));
    const eventIds = new Array<string>(events.length);
    const text: string[] = [];
    const details: unknown[] = [];
    for (let n = 0; n < events.length; n++) {
      const { event: e, index } = events[n];
      const at = n * EVENT_STRIDE;
      fields[at + F_IDENTITY] = this.identityId(e.identity, newIdentities);
      fields[at + F_SOURCE] = this.id(e.eventSource);
      fields[at + F_NAME] = this.id(e.eventName);
      fields[at + F_REGION] = this.id(e.region);
      fields[at + F_ACCOUNT] = this.optionalId(e.recipientAccountId);
      let flags = e.readOnly ? READ_ONLY : 0;
      if (e.requestParameters !== NO_DETAILS || e.responseElements !== NO_DETAILS) {
        flags |= HAS_DETAILS;
        details.push([e.requestParameters, e.responseElements]);
      }
      fields[at + F_FLAGS] = flags;
      fields[at + F_ERROR_CODE] = this.optionalId(e.errorCode);
      fields[at + F_ERROR_MESSAGE] = this.optionalId(e.errorMessage);
      fields[at + F_SOURCE_IP] = this.optionalId(e.sourceIp);
      fields[at + F_USER_AGENT] = this.optionalId(e.userAgent);
      fields[at + F_RESOURCES] = e.resources.length;
      for (const r of e.resources) resources.push(this.id(r));
      eventIds[n] = e.eventId;
      fields[at + F_TIME_LENGTH] = e.eventTime.length;
      text.push(e.eventTime);
      if (e.sharedEventId === undefined) fields[at + F_SHARED_LENGTH] = NONE;
      else {
        fields[at + F_SHARED_LENGTH] = e.sharedEventId.length;
        text.push(e.sharedEventId);
      }
      fields[at + F_INDEX] = index;
      times[n] = e.time;
    }
    const batch: EncodedEvents = {
      reset,
      newStrings: this.pendingStrings,
      newIdentities: newIdentities.take(),
      fields,
      times,
      resources: resources.take(),
      eventIds,
      text: text.join(''),
      details: details.length === 0 ? '' : JSON.stringify(details),
    };
    this.pendingStrings = [];
    return batch;
  }

  private id(value: string): number {
    const slot = slotOf(value);
    if (this.recent[slot] === value) return this.recentIds[slot];
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
      this.pendingStrings.push(value);
    }
    this.recent[slot] = value;
    this.recentIds[slot] = id;
    return id;
  }

  private optionalId(value: string | undefined): number {
    return value === undefined ? NONE : this.id(value);
  }

  private identityId(identity: Identity, out: IntBuffer): number {
    // The caller's own ARN picks a slot; the normaliser shares one object per session, so the slot's
    // identity is usually the very same one, else it is compared field by field. Only a miss pays for the
    // map (and its hashing of a fresh string).
    const key = identity.callerArn ?? identity.principalArn;
    const slot = slotOf(key);
    const recent = this.recentIdentities[slot];
    if (recent !== undefined && (recent.identity === identity || sameIdentity(recent.identity, identity)))
      return recent.id;
    const known = this.identityIds.get(key);
    if (known !== undefined && sameIdentity(known.identity, identity)) {
      this.recentIdentities[slot] = known;
      return known.id;
    }
    const id = this.identityCount++;
    out.push(this.id(identity.type));
    out.push(this.id(identity.principalArn));
    out.push(this.optionalId(identity.callerArn));
    out.push(this.optionalId(identity.name));
    out.push(this.optionalId(identity.sessionName));
    out.push(this.optionalId(identity.sourceIdentity));
    out.push(this.optionalId(identity.accessKeyId));
    out.push(this.optionalId(identity.accountId));
    out.push(this.optionalId(identity.invokedBy));
    out.push(identity.crossAccount ? 1 : 0);
    const entry = { identity, id };
    this.identityIds.set(key, entry);
    this.recentIdentities[slot] = entry;
    return id;
  }
}

function optionalString(strings: readonly string[], id: number): string | undefined {
  return id === NONE ? undefined : strings[id];
}

/** The engine thread's side: one decoder per worker, fed that worker's batches in the order sent. */
export class EventDecoder {
  private strings: string[] = [];
  private identities: Identity[] = [];
  /** Mapped action by event-name id, valid while `actionSources` holds the same source id. */
  private actions: (MappedAction | undefined)[] = [];
  private actionSources: number[] = [];

  /** `mapAction` gives the receiver's shared `MappedAction` for an event's source and name. */
  constructor(private readonly mapAction: (eventSource: string, eventName: string) => MappedAction) {}

  decode(batch: EncodedEvents): IndexedEvent[] {
    if (batch.reset) {
      this.strings = [];
      this.identities = [];
      this.actions = [];
      this.actionSources = [];
    }
    const strings = this.strings;
    for (const s of batch.newStrings) strings.push(s);
    const ni = batch.newIdentities;
    for (let at = 0; at < ni.length; at += IDENTITY_STRIDE) this.identities.push(this.identityAt(ni, at));

    const { fields, times, resources, eventIds, text } = batch;
    const details = batch.details === '' ? [] : (JSON.parse(batch.details) as [object, object][]);
    const count = times.length;
    const out: IndexedEvent[] = new Array<IndexedEvent>(count);
    let pos = 0;
    let resourceAt = 0;
    let detailAt = 0;
    for (let n = 0; n < count; n++) {
      const at = n * EVENT_STRIDE;
      const timeEnd = pos + fields[at + F_TIME_LENGTH];
      const eventTime = text.slice(pos, timeEnd);
      pos = timeEnd;
      const sharedLength = fields[at + F_SHARED_LENGTH];
      let sharedEventId: string | undefined;
      if (sharedLength !== NONE) {
        sharedEventId = text.slice(pos, pos + sharedLength);
        pos += sharedLength;
      }
      const resourceCount = fields[at + F_RESOURCES];
      let eventResources = NO_RESOURCES;
      if (resourceCount > 0) {
        const list = new Array<string>(resourceCount);
        for (let r = 0; r < resourceCount; r++) list[r] = strings[resources[resourceAt + r]];
        resourceAt += resourceCount;
        eventResources = list;
      }
      const flags = fields[at + F_FLAGS];
      let requestParameters = NO_DETAILS;
      let responseElements = NO_DETAILS;
      if ((flags & HAS_DETAILS) !== 0) {
        const pair = details[detailAt++];
        requestParameters = pair[0] as Record<string, unknown>;
        responseElements = pair[1] as Record<string, unknown>;
      }
      const sourceId = fields[at + F_SOURCE];
      const nameId = fields[at + F_NAME];
      // Every field in one literal, in the normaliser's order, optional ones undefined when absent: all
      // events then share one hidden class, and the detectors' reads of them stay monomorphic.
      const event: LeashEvent = {
        eventId: eventIds[n],
        time: times[n],
        eventTime,
        eventSource: strings[sourceId],
        eventName: strings[nameId],
        region: strings[fields[at + F_REGION]],
        recipientAccountId: optionalString(strings, fields[at + F_ACCOUNT]),
        identity: this.identities[fields[at + F_IDENTITY]],
        action: this.actionOf(sourceId, nameId),
        readOnly: (flags & READ_ONLY) !== 0,
        errorCode: optionalString(strings, fields[at + F_ERROR_CODE]),
        errorMessage: optionalString(strings, fields[at + F_ERROR_MESSAGE]),
        sourceIp: optionalString(strings, fields[at + F_SOURCE_IP]),
        userAgent: optionalString(strings, fields[at + F_USER_AGENT]),
        resources: eventResources,
        requestParameters,
        responseElements,
        sharedEventId,
      };
      out[n] = { event, index: fields[at + F_INDEX] };
    }
    return out;
  }

  private actionOf(sourceId: number, nameId: number): MappedAction {
    const cached = this.actions[nameId];
    // Unknown actions go back to the mapper every time: it counts the events that carry them.
    if (cached !== undefined && cached.known && this.actionSources[nameId] === sourceId) return cached;
    const mapped = this.mapAction(this.strings[sourceId], this.strings[nameId]);
    this.actions[nameId] = mapped;
    this.actionSources[nameId] = sourceId;
    return mapped;
  }

  private identityAt(ints: Int32Array, at: number): Identity {
    const s = this.strings;
    const optional = (field: number): string | undefined => {
      const id = ints[at + field];
      return id === NONE ? undefined : s[id];
    };
    // Same shape as the normaliser's identities: every field present, undefined where unknown.
    return {
      type: s[ints[at + I_TYPE]] as PrincipalType,
      principalArn: s[ints[at + I_PRINCIPAL]],
      callerArn: optional(I_CALLER),
      name: optional(I_NAME),
      sessionName: optional(I_SESSION),
      sourceIdentity: optional(I_SOURCE_IDENTITY),
      accessKeyId: optional(I_ACCESS_KEY),
      accountId: optional(I_ACCOUNT),
      crossAccount: ints[at + I_CROSS_ACCOUNT] === 1,
      invokedBy: optional(I_INVOKED_BY),
    };
  }
}
