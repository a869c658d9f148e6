/**
 * What an agent did, as the engine attributes it (its own calls and those made through sessions it
 * chained into): the actions, the resources each touched, regions, accounts and peak rates. The raw
 * material of a generated baseline.
 */
import { isRegionExempt } from '../../core/baseline';
import { isRefused, type LeashEvent } from '../../core/model';
import { widerPattern } from './resource-widening';
import { isRegionName } from '../../core/regions';

export interface ObservedAction {
  readonly action: string;
  readonly service: string;
  readonly accessLevel: string;
  calls: number;
  refused: number;
  /** Resource ARNs the calls named (folded to patterns past `RESOURCE_LIMIT`). */
  readonly resources: Set<string>;
  /** How many levels `resources` were folded up to stay under the limit; later ones are folded as far. */
  resourceFolds: number;
  /** Too many resources even at their roots: the action was seen on resources of every kind. */
  everyResource: boolean;
  /** Calls that named no resource Leash could check. */
  withoutResource: number;
}

/**
 * Distinct resources kept per action. Months of an agent's history can name millions of objects: past
 * this many, they are folded one path level up (`…/logs/2026/a.json` → `…/logs/2026/*`), as often as it
 * takes, so memory follows the variety of places, not the number of calls.
 */
export const RESOURCE_LIMIT = 4096;

const MINUTE = 60_000;
const FIVE_MINUTES = 5 * MINUTE;
const ACCOUNT = /^\d{12}$/;

/** Peak count of items in any sliding window of `widthMs` over times given in ascending order. */
class SlidingPeak {
  private readonly times: number[] = [];
  private head = 0;
  peak = 0;

  constructor(private readonly widthMs: number) {}

  add(time: number): void {
    this.times.push(time);
    while (this.times[this.head] <= time - this.widthMs) this.head++;
    this.peak = Math.max(this.peak, this.times.length - this.head);
    // Drop consumed entries now and then so memory follows the window, not the history.
    if (this.head > 4096) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** Peak number of distinct List actions in any sliding window. */
class DistinctPeak {
  private readonly window: { time: number; action: string }[] = [];
  private readonly counts = new Map<string, number>();
  peak = 0;

  constructor(private readonly widthMs: number) {}

  add(time: number, action: string): void {
    this.window.push({ time, action });
    this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
    while (this.window.length > 0 && this.window[0].time <= time - this.widthMs) {
      const old = this.window.shift() as { time: number; action: string };
      const left = (this.counts.get(old.action) ?? 1) - 1;
      if (left === 0) this.counts.delete(old.action);
      else this.counts.set(old.action, left);
    }
    this.peak = Math.max(this.peak, this.counts.size);
  }
}

/** Records one resource of `observed`, folding them all one level up whenever they pass the limit. */
function addResource(observed: ObservedAction, resource: string): void {
  if (observed.everyResource) return;
  let kept = resource;
  for (let i = 0; i < observed.resourceFolds; i++) kept = widerPattern(kept);
  const resources = observed.resources;
  resources.add(kept);
  while (resources.size > RESOURCE_LIMIT) {
    const folded = new Set([...resources].map(widerPattern));
    if (folded.size === resources.size) {
      // Nothing left to fold (thousands of buckets, roles, keys): only "every resource" covers them.
      observed.everyResource = true;
      resources.clear();
      return;
    }
    resources.clear();
    for (const pattern of folded) resources.add(pattern);
    observed.resourceFolds++;
  }
}

export class ObservedHistory {
  readonly actions = new Map<string, ObservedAction>();
  readonly regions = new Set<string>();
  readonly accounts = new Set<string>();
  /** Regions seen that are not AWS region names (e.g. `unknown`): no region list can be written. */
  readonly oddRegions = new Set<string>();
  readonly principals = new Set<string>();
  events = 0;
  first?: string;
  last?: string;
  private readonly perMinute = new SlidingPeak(MINUTE);
  private readonly refusedPer5 = new SlidingPeak(FIVE_MINUTES);
  private readonly discoveryPer5 = new DistinctPeak(FIVE_MINUTES);

  /** Events must come in time order (the engine releases them so). */
  add(event: LeashEvent, principal: string): void {
    this.events++;
    this.principals.add(principal);
    this.first ??= event.eventTime;
    this.last = event.eventTime;
    const a = event.action;
    let observed = this.actions.get(a.action);
    if (!observed) {
      observed = {
        action: a.action,
        service: a.service,
        accessLevel: a.accessLevel,
        calls: 0,
        refused: 0,
        resources: new Set(),
        resourceFolds: 0,
        everyResource: false,
        withoutResource: 0,
      };
      this.actions.set(a.action, observed);
    }
    observed.calls++;
    const refused = isRefused(event);
    if (refused) observed.refused++;
    if (event.resources.length === 0) observed.withoutResource++;
    for (const resource of event.resources) addResource(observed, resource);

    if (!isRegionExempt(a.service, event.region)) {
      if (isRegionName(event.region)) this.regions.add(event.region);
      else this.oddRegions.add(event.region);
    }
    const account = event.recipientAccountId ?? event.identity.accountId;
    if (account && ACCOUNT.test(account)) this.accounts.add(account);

    this.perMinute.add(event.time);
    if (refused) this.refusedPer5.add(event.time);
    if (a.accessLevel === 'List' || a.accessLevel === 'Read') this.discoveryPer5.add(event.time, a.action);
  }

  get peakPerMinute(): number {
    return this.perMinute.peak;
  }

  get peakRefusedPer5Minutes(): number {
    return this.refusedPer5.peak;
  }

  get peakDiscoveryPer5Minutes(): number {
    return this.discoveryPer5.peak;
  }
}
