/**
 * The account's CloudTrail event history (90 days of management events) through `LookupEvents`, paged and
 * kept under its limit of 2 requests per second per account and region. Records come out oldest first, as
 * the engine wants them: the API returns newest first, so pages are gathered and then reversed.
 */
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';

/** 2 requests/s is the documented LookupEvents limit; stay just under it. */
const REQUEST_SPACING_MS = 550;

export interface HistoryOptions {
  readonly startTime?: Date;
  readonly endTime?: Date;
  /** Told the number of records read so far, after each page. */
  readonly onPage?: (records: number) => void;
  /** For tests. @default setTimeout-based sleep */
  readonly sleep?: (ms: number) => Promise<void>;
}

export async function lookupEventHistory(
  client: CloudTrailClient,
  options: HistoryOptions = {},
): Promise<unknown[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const records: unknown[] = [];
  let token: string | undefined;
  let first = true;
  do {
    if (!first) await sleep(REQUEST_SPACING_MS);
    first = false;
    const page = await client.send(
      new LookupEventsCommand({
        StartTime: options.startTime,
        EndTime: options.endTime,
        MaxResults: 50,
        NextToken: token,
      }),
    );
    for (const event of page.Events ?? []) {
      if (!event.CloudTrailEvent) continue;
      try {
        records.push(JSON.parse(event.CloudTrailEvent));
      } catch {
        // A record CloudTrail itself could not serialise: nothing to learn from it.
      }
    }
    options.onPage?.(records.length);
    token = page.NextToken;
  } while (token);
  return records.reverse();
}
