/**
 * `s3://bucket/prefix` inputs: the objects under the prefix, in delivery order, each streamed from S3
 * (never held whole), with the next few requests already open so the network is not idle between objects.
 * Uses the default AWS credential chain.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { S3Input } from './input-files';

export interface S3Object {
  readonly url: string;
  readonly bytes: number;
  /** Opens the object's body as a stream; rejects with the SDK's error. */
  open(): Promise<AsyncIterable<Uint8Array>>;
}

const DELIVERY_TIME = /_(\d{8}T\d{4}Z)_/;
const OPEN_AHEAD = 4;

export async function listS3Objects(client: S3Client, input: S3Input): Promise<S3Object[]> {
  const objects: { key: string; bytes: number }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: input.bucket, Prefix: input.prefix, ContinuationToken: token }),
    );
    for (const item of page.Contents ?? []) {
      if (item.Key && !item.Key.endsWith('/') && (item.Size ?? 0) > 0)
        objects.push({ key: item.Key, bytes: item.Size ?? 0 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const time = (key: string): string => DELIVERY_TIME.exec(key)?.[1] ?? '';
  objects.sort((a, b) =>
    time(a.key) !== time(b.key) ? (time(a.key) < time(b.key) ? -1 : 1) : a.key < b.key ? -1 : 1,
  );
  return objects.map(({ key, bytes }) => ({
    url: `s3://${input.bucket}/${key}`,
    bytes,
    open: async () => {
      const response = await client.send(new GetObjectCommand({ Bucket: input.bucket, Key: key }));
      const body = response.Body as AsyncIterable<Uint8Array> | undefined;
      if (!body) throw new Error('empty response body');
      return body;
    },
  }));
}

/** Opens objects in order, up to `OPEN_AHEAD` requests ahead of the one being read. */
export async function* openInOrder(
  objects: readonly S3Object[],
): AsyncGenerator<{ object: S3Object; body: Promise<AsyncIterable<Uint8Array>> }> {
  const pending: Promise<AsyncIterable<Uint8Array>>[] = [];
  const start = (i: number): void => {
    if (i < objects.length) {
      const opening = objects[i].open();
      // Handled when its turn comes; avoids an unhandled rejection while it waits.
      opening.catch(() => undefined);
      pending[i] = opening;
    }
  };
  for (let i = 0; i < Math.min(OPEN_AHEAD, objects.length); i++) start(i);
  for (let i = 0; i < objects.length; i++) {
    const body = pending[i];
    delete pending[i];
    start(i + OPEN_AHEAD);
    yield { object: objects[i], body };
  }
}
