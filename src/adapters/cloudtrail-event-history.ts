/**
 * The account's CloudTrail event history (90 days of management events, no trail needed) through
 * `LookupEvents`: paged, throttled under the API's limit of 2 requests per second per account and region,
 * optionally narrowed by time and one lookup attribute (a user name, an access key id, …). Each event's
 * `CloudTrailEvent` is the raw record Leash replays.
 *
 * Two things callers must know: LookupEvents returns the newest events first, and it is regional (IAM and
 * other global-service events are in us-east-1's history).
 */
import {
  LookupEventsCommand,
  type CloudTrailClient,
  type LookupAttributeKey,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';

/** Time source and waiting, injectable so tests do not sleep. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface EventHistoryOptions {
  readonly startTime?: Date;
  readonly endTime?: Date;
  /** LookupEvents accepts one attribute, e.g. `{ key: 'Username', value: 'ci-fixer-run-4821' }`. */
  readonly filter?: { readonly key: LookupAttributeKey; readonly value: string };
  /** @default 2 (the API's own limit) */
  readonly maxRequestsPerSecond?: number;
  /** Events per page, at most 50. @default 50 */
  readonly pageSize?: number;
  readonly clock?: Clock;
  /** Stops the paging (the request in flight is aborted too): `records()` then throws the abort reason. */
  readonly signal?: AbortSignal;
}

/** One event of the history: its parsed record, or why it could not be read (never a crash). */
export type EventHistoryItem =
  | { readonly kind: 'record'; readonly eventId?: string; readonly record: Readonly<Record<string, unknown>> }
  | { readonly kind: 'error'; readonly eventId?: string; readonly message: string };

export class CloudTrailEventHistorySource {
  private readonly clock: Clock;
  private readonly spacingMs: number;
  private readonly pageSize: number;

  constructor(
    private readonly client: CloudTrailClient,
    private readonly options: EventHistoryOptions = {},
  ) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    const rate = options.maxRequestsPerSecond ?? 2;
    if (!(rate > 0)) throw new Error(`maxRequestsPerSecond must be positive, got ${rate}`);
    this.spacingMs = 1000 / rate;
    this.pageSize = options.pageSize ?? 50;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 50) {
      throw new Error(`pageSize must be an integer from 1 to 50, got ${this.pageSize}`);
    }
  }

  /** Every event the filter selects, newest first, as LookupEvents returns them. */
  async *records(): AsyncGenerator<EventHistoryItem> {
    let nextToken: string | undefined;
    let lastRequestAt: number | undefined;
    const { signal } = this.options;
    do {
      if (lastRequestAt !== undefined) {
        const wait = lastRequestAt + this.spacingMs - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait);
      }
      signal?.throwIfAborted();
      lastRequestAt = this.clock.now();
      const page = await this.client.send(
        new LookupEventsCommand(this.input(nextToken)),
        signal ? { abortSignal: signal } : {},
      );
      for (const event of page.Events ?? []) yield parseEvent(event.EventId, event.CloudTrailEvent);
      nextToken = page.NextToken;
    } while (nextToken);
  }

  private input(nextToken: string | undefined): LookupEventsCommandInput {
    const { startTime, endTime, filter } = this.options;
    return {
      ...(startTime ? { StartTime: startTime } : {}),
      ...(endTime ? { EndTime: endTime } : {}),
      ...(filter ? { LookupAttributes: [{ AttributeKey: filter.key, AttributeValue: filter.value }] } : {}),
      MaxResults: this.pageSize,
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
  }
}

/** The record inside one history event; a missing or broken `CloudTrailEvent` is an error item. */
export function parseEvent(
  eventId: string | undefined,
  cloudTrailEvent: string | undefined,
): EventHistoryItem {
  const where = eventId ? `event ${eventId}` : 'event without EventId';
  if (cloudTrailEvent === undefined || cloudTrailEvent === '') {
    return { kind: 'error', eventId, message: `${where}: no CloudTrailEvent` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(cloudTrailEvent);
  } catch (error) {
    return {
      kind: 'error',
      eventId,
      message: `${where}: CloudTrailEvent is not JSON (${(error as Error).message})`,
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'error', eventId, message: `${where}: CloudTrailEvent is not a JSON object` };
  }
  return { kind: 'record', eventId, record: parsed as Record<string, unknown> };
}
