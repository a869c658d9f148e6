/**
 * Helpers for the record reader's tests: real Invictus delivery files from the shared corpus (read at
 * test time, never copied into the project) and throw-away files under the OS temp folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CORPUS_DIR } from '../../support/corpus';
import type { RawRecord, ReadErrorItem, RecordItem } from '../../../src/core/input';

export const INVICTUS_DIR = join(CORPUS_DIR, 'invictus-aws_dataset', 'CloudTrail');

export function invictusFiles(): string[] {
  return readdirSync(INVICTUS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(INVICTUS_DIR, name));
}

/** The delivery file with the most records, as bytes and as `JSON.parse` sees it. */
export function largestInvictusFile(): { path: string; bytes: Buffer; records: RawRecord[] } {
  let best: { path: string; bytes: Buffer; records: RawRecord[] } | undefined;
  for (const path of invictusFiles()) {
    const bytes = readFileSync(path);
    const records = (JSON.parse(bytes.toString('utf8')) as { Records: RawRecord[] }).Records;
    if (!best || records.length > best.records.length) best = { path, bytes, records };
  }
  if (!best) throw new Error(`no Invictus delivery files in ${INVICTUS_DIR}`);
  return best;
}

/** An EventBridge "AWS API Call via CloudTrail" event carrying `record`, shaped as EventBridge sends it. */
export function envelope(record: RawRecord, id = 0): RawRecord {
  const source = String(record.eventSource).split('.')[0];
  return {
    version: '0',
    id: `6f8a2c1e-0000-4000-8000-${String(id).padStart(12, '0')}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: `aws.${source}`,
    account: record.recipientAccountId ?? '123456789012',
    time: record.eventTime,
    region: record.awsRegion ?? 'us-east-1',
    resources: [],
    detail: record,
  };
}

export function toJsonLines(values: readonly unknown[], eol = '\n'): string {
  return values.map((value) => JSON.stringify(value)).join(eol) + eol;
}

/** A temp folder for one test file; `cleanup()` in afterAll. */
export function tempFolder(): {
  dir: string;
  write: (name: string, data: string | Buffer) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'leash-input-'));
  return {
    dir,
    write: (name, data) => {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function collect(
  items: AsyncIterable<RecordItem> | Iterable<RecordItem>,
): Promise<RecordItem[]> {
  const out: RecordItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function recordsOf(items: readonly RecordItem[]): RawRecord[] {
  return items.flatMap((item) => (item.kind === 'record' ? [item.record] : []));
}

export function errorsOf(items: readonly RecordItem[]): ReadErrorItem[] {
  return items.flatMap((item) => (item.kind === 'error' ? [item] : []));
}

/**
 * `bytes` delivered in pieces of exactly `size` bytes (a generator, not a Readable, which would merge
 * buffered pieces), so chunk boundaries fall anywhere, as from a socket.
 */
export async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

/** A real Node stream of `bytes`, as `fs.createReadStream` or an S3 body would be. */
export function nodeStream(bytes: Buffer): Readable {
  return Readable.from([bytes]);
}
