/**
 * CloudTrail log files straight from the trail's S3 bucket (`leash replay s3://bucket/AWSLogs/...`): lists
 * the prefix, keeps the log files (not digests nor Insights files), orders them by delivery time, and
 * streams their bodies a few at a time — fetched ahead in parallel, handed out in order, so the replay sees
 * time order and the network stays busy.
 */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { logFileKind, sortByDeliveryTime } from '../core/input';
import { parseS3Uri, type S3Location } from './s3-location';

export { parseS3Uri, type S3Location } from './s3-location';

/** A log file found by listing. */
export interface S3LogKey {
  readonly key: string;
  /** Stored size in bytes (compressed, for `.json.gz`). */
  readonly size: number;
}

/** A log file being read. The body is the object as stored: gzip for `.json.gz` keys. */
export interface S3LogObject extends S3LogKey {
  readonly body: NodeJS.ReadableStream;
}

/** One log file of `items()`: its body, or why GetObject failed. */
export type S3LogItem =
  | { readonly kind: 'object'; readonly object: S3LogObject }
  | { readonly kind: 'error'; readonly key: string; readonly size: number; readonly error: unknown };

export interface S3LogSourceOptions {
  /** Objects fetched ahead of the one being read. @default 4 */
  readonly concurrency?: number;
}

/** What `listKeys` found under the prefix. */
export interface S3Listing {
  /** The log files, in delivery order. */
  readonly keys: S3LogKey[];
  /** Digest and Insights files left out (no API calls in them), for the message when no log file is found. */
  readonly digests: number;
  readonly insights: number;
}

export class S3LogSource {
  readonly location: S3Location;
  private readonly concurrency: number;

  constructor(
    private readonly client: S3Client,
    location: S3Location | string,
    options: S3LogSourceOptions = {},
  ) {
    this.location = typeof location === 'string' ? parseS3Uri(location) : location;
    this.concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new Error(`concurrency must be a positive integer, got ${this.concurrency}`);
    }
  }

  /** Every CloudTrail log file under the prefix, in delivery order. */
  async listKeys(): Promise<S3LogKey[]> {
    return (await this.list()).keys;
  }

  /**
   * The log files under the prefix, in delivery order, and how many digest and Insights files were left
   * out. Which keys are log files is `logFileKind`'s call, the same as for a folder synced from the bucket.
   */
  async list(): Promise<S3Listing> {
    const keys: S3LogKey[] = [];
    let digests = 0;
    let insights = 0;
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.location.bucket,
          Prefix: this.location.prefix,
          ContinuationToken: continuationToken,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        const kind = logFileKind(object.Key);
        if (kind === 'log') keys.push({ key: object.Key, size: object.Size ?? 0 });
        else if (kind === 'digest') digests++;
        else if (kind === 'insight') insights++;
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    // The same order a replay of local files follows (delivery time across regions, then key), so a prefix
    // read from S3 and the same prefix synced to disk replay identically. Keys are unique in one listing.
    const sizes = new Map(keys.map((k) => [k.key, k.size]));
    const ordered = sortByDeliveryTime([...sizes.keys()]).map((key) => ({ key, size: sizes.get(key) ?? 0 }));
    return { keys: ordered, digests, insights };
  }

  /**
   * The log files' bodies in `keys` order (default: `listKeys()`), with up to `concurrency` objects
   * requested ahead. A failed GetObject ends the iteration with its error, at its place in the order; use
   * `items()` to go on past it. Stopping early (break, error) destroys the bodies fetched but not handed out.
   */
  async *objects(keys?: readonly S3LogKey[]): AsyncGenerator<S3LogObject> {
    for await (const item of this.items(keys)) {
      if (item.kind === 'error') throw item.error;
      yield item.object;
    }
  }

  /**
   * Like `objects()`, but a failed GetObject is an error item at its place in the order and the following
   * objects still come: one unreadable object must not cost a replay the rest of the prefix.
   */
  async *items(keys?: readonly S3LogKey[]): AsyncGenerator<S3LogItem> {
    const list = keys ?? (await this.listKeys());
    const ahead: Promise<S3LogItem>[] = [];
    let next = 0;
    const fill = (): void => {
      while (ahead.length < this.concurrency && next < list.length) {
        const entry = list[next++];
        // Settled into an item now, so a failure ahead is never an unhandled rejection while it waits.
        ahead.push(
          this.fetch(entry).then(
            (object): S3LogItem => ({ kind: 'object', object }),
            (error: unknown): S3LogItem => ({ kind: 'error', key: entry.key, size: entry.size, error }),
          ),
        );
      }
    };
    try {
      fill();
      while (ahead.length > 0) {
        const item = await (ahead.shift() as Promise<S3LogItem>);
        fill();
        yield item;
      }
    } finally {
      for (const pending of ahead) {
        void pending.then((item) => {
          if (item.kind === 'object') destroy(item.object.body);
        });
      }
    }
  }

  private async fetch(entry: S3LogKey): Promise<S3LogObject> {
    const response = await this.client.send(
      new GetObjectCommand({ Bucket: this.location.bucket, Key: entry.key }),
    );
    const body = response.Body;
    if (!isReadable(body)) {
      throw new Error(`GetObject s3://${this.location.bucket}/${entry.key} returned no readable body`);
    }
    return { key: entry.key, size: response.ContentLength ?? entry.size, body };
  }
}

function isReadable(body: unknown): body is NodeJS.ReadableStream {
  if (body instanceof Readable) return true;
  const candidate = body as { pipe?: unknown; on?: unknown } | undefined;
  return typeof candidate?.pipe === 'function' && typeof candidate.on === 'function';
}

function destroy(body: NodeJS.ReadableStream): void {
  const destroyable = body as { destroy?: () => void };
  destroyable.destroy?.();
}
