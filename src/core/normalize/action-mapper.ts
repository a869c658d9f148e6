import { mappedAction } from '../action-table';
import type { ActionCatalog } from '../catalog/iam-catalog';
import type { AccessLevel, MappedAction } from '../model';
import { actionNameOf } from './event-name';
import { servicePrefixOf } from './service-prefix';

/**
 * A flat, internalised copy of a string built by concatenation. Mapped action strings are Map keys on the
 * hot path (detector index, baseline plans, state); an internalised string carries its hash, so those
 * lookups never rehash or flatten a rope.
 */
function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0];
}

/** Best guess of a level for an action IAM does not list, from the verb it starts with. */
function guessAccessLevel(name: string): AccessLevel {
  if (/^(List|Describe|Search|Lookup|Scan)/.test(name)) return 'List';
  if (/^(Get|Head|Batch ?Get|Query|Select|Check|Validate|Verify|Estimate|Preview|Test|Download)/.test(name))
    return 'Read';
  if (/^(Tag|Untag)/.test(name)) return 'Tagging';
  if (/Policy|Permission|Grant|Trust|AccessKey|LoginProfile/.test(name)) return 'Permissions management';
  return 'Write';
}

/** Slots of the recent-pairs cache: a log's distinct (source, name) pairs number in the hundreds. */
const RECENT_SLOTS = 4096;

/**
 * Pairs the mapper remembers, and unknown pairs it counts by name, before it starts over (or counts the rest
 * together). Real logs hold hundreds; a crafted file with millions of made-up event names must not grow
 * memory with it.
 */
export const MAPPER_PAIR_LIMIT = 50_000;
export const UNKNOWN_PAIRS_KEPT = 10_000;

interface RecentPair {
  readonly eventSource: string;
  readonly eventName: string;
  readonly mapped: MappedAction;
  /** The key `unknown` counts the pair under, made once, when the catalog did not know it. */
  readonly unknownKey: string | undefined;
}

/**
 * Maps (eventSource, eventName) to the IAM action. The set of distinct pairs in any log is small, so each
 * pair is resolved once and the frozen result shared by every later event.
 */
export class ActionMapper {
  /** eventSource → eventName → mapping; two lookups beat building a combined key string per event. */
  private readonly cache = new Map<string, Map<string, MappedAction>>();
  private readonly recent: (RecentPair | undefined)[] = new Array(RECENT_SLOTS).fill(undefined);
  private pairs = 0;
  /** Pairs the catalog did not know, with how many events carried them (the first `UNKNOWN_PAIRS_KEPT`). */
  readonly unknown = new Map<string, number>();
  /** Events whose unknown pair came after `unknown` was full. */
  private unknownBeyondKept = 0;

  constructor(private readonly catalog: ActionCatalog) {}

  map(eventSource: string, eventName: string): MappedAction {
    // A direct-mapped cache compared by content: one slot read and two comparisons (by reference when the
    // normaliser's interner shared the strings) cost less than two map lookups, which must hash any string
    // the interner did not share.
    const len = eventName.length;
    const slot =
      (len * 31 +
        eventName.charCodeAt(1) * 3 +
        eventName.charCodeAt(len >> 2) * 131 +
        eventName.charCodeAt(len >> 1) * 37 +
        eventName.charCodeAt((len * 3) >> 2) * 257 +
        eventName.charCodeAt(len - 1) * 7 +
        eventSource.length * 13 +
        eventSource.charCodeAt(1) * 17) &
      (RECENT_SLOTS - 1);
    const hit = this.recent[slot];
    if (hit !== undefined && hit.eventName === eventName && hit.eventSource === eventSource) {
      if (hit.unknownKey !== undefined) this.countUnknown(hit.unknownKey);
      return hit.mapped;
    }
    const mapped = this.lookup(eventSource, eventName);
    const unknownKey = mapped.known ? undefined : eventSource + '\u0000' + eventName;
    this.recent[slot] = { eventSource, eventName, mapped, unknownKey };
    if (unknownKey !== undefined) this.countUnknown(unknownKey);
    return mapped;
  }

  private countUnknown(key: string): void {
    const count = this.unknown.get(key);
    if (count !== undefined) this.unknown.set(key, count + 1);
    else if (this.unknown.size < UNKNOWN_PAIRS_KEPT) this.unknown.set(key, 1);
    else this.unknownBeyondKept++;
  }

  private lookup(eventSource: string, eventName: string): MappedAction {
    let names = this.cache.get(eventSource);
    if (names === undefined) {
      names = new Map();
      this.cache.set(eventSource, names);
    }
    let mapped = names.get(eventName);
    if (mapped === undefined) {
      mapped = this.resolve(eventSource, eventName);
      if (++this.pairs > MAPPER_PAIR_LIMIT) {
        // Start over: mapping a pair again costs a catalog lookup, never a different answer.
        this.cache.clear();
        this.pairs = 1;
        names = new Map();
        this.cache.set(eventSource, names);
      }
      names.set(eventName, mapped);
    }
    return mapped;
  }

  /** How many events had an action the catalog did not know. */
  get unknownEvents(): number {
    let total = this.unknownBeyondKept;
    for (const n of this.unknown.values()) total += n;
    return total;
  }

  private resolve(eventSource: string, eventName: string): MappedAction {
    const service = servicePrefixOf(eventSource);
    const name = actionNameOf(service, eventName);
    const entry = this.catalog.lookup(service, name) ?? this.catalog.lookup(service, eventName);
    if (entry) {
      return mappedAction(internalized(`${service}:${entry.name}`), service, entry.accessLevel, true);
    }
    return mappedAction(`${service}:${name}`, service, guessAccessLevel(name), false);
  }
}
