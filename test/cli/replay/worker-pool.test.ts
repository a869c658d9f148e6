/**
 * The read pool starts reading when it is started, before the engine thread iterates its batches: a replay
 * starts it before loading the core and the report, a tenth of a second in which the engine thread runs
 * module code and takes no message. Workers run compiled JavaScript, so this drives the built modules.
 *
 * How it is seen from outside: the engine thread is blocked (as by loading modules) while the worker reads,
 * then every file is deleted. A file the worker read before the deletion still gives its events; the others
 * give a read error.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, ensureBuilt, REPO, tempDir } from '../commands/run-cli';
import type * as WorkerPool from '../../../src/cli/replay/worker-pool';
import { loadActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { EventNormalizer } from '../../../src/core/normalize/normalize-record';
import type { FileBatch } from '../../../src/cli/replay/read-batches';

const SCENARIO_FILE = join(
  REPO,
  'examples',
  'scenario',
  '111122223333_CloudTrail_eu-west-1_20260314T1105Z_Hq3vK8pLm2Nx7RtW.json',
);

let dir: string;
/** The built pool (its workers run the built worker script); the engine thread's normaliser is this one. */
let built: typeof WorkerPool;
let normalizer: EventNormalizer;

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir('worker-pool');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built module, which workers need
  built = require(join(REPO, 'dist', 'src', 'cli', 'replay', 'worker-pool.js')) as typeof WorkerPool;
  normalizer = new EventNormalizer(await loadActionCatalog());
}, 120_000);
afterAll(() => cleanup(dir));

/** `count` delivery files of about 200 KB each: the scenario's records under fresh eventIDs. */
function writeFiles(count: number): { path: string; bytes: number; records: number }[] {
  const template = (JSON.parse(readFileSync(SCENARIO_FILE, 'utf8')) as { Records: Record<string, unknown>[] })
    .Records;
  const files = [];
  for (let f = 0; f < count; f++) {
    const records = [...template, ...template].map((r, i) => ({ ...r, eventID: `pool-${f}-${i}` }));
    const path = join(
      dir,
      `111122223333_CloudTrail_eu-west-1_20260314T11${String(f).padStart(2, '0')}Z_p.json`,
    );
    writeFileSync(path, JSON.stringify({ Records: records }));
    files.push({ path, bytes: statSync(path).size, records: records.length });
  }
  return files;
}

/** Blocks this thread without returning to the event loop, as loading modules does. */
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function eventsPerFile(pool: WorkerPool.ReadPool): Promise<Map<string, number>> {
  const events = new Map<string, number>();
  const batches: FileBatch[] = [];
  for await (const b of pool.batches(normalizer)) batches.push(b);
  for (const { file, batch } of batches) events.set(file, (events.get(file) ?? 0) + batch.events.length);
  return events;
}

describe('startReadPool', () => {
  it('reads files worth its start budget before its batches are asked for, and no further', async () => {
    const files = writeFiles(40);
    // The files the worker holds as it starts: at least its usual hand, and as many as the start budget.
    let given = 0;
    let held = 0;
    while (held < built.WORKER_FILES_IN_HAND || given < built.WORKER_START_BYTES)
      given += files[held++].bytes;
    expect(held).toBeGreaterThan(built.WORKER_FILES_IN_HAND);
    expect(held).toBeLessThan(files.length);

    const pool = built.startReadPool(files, { workerCount: 1, range: {} });
    try {
      // Long enough for the worker to boot and read what it holds, never turning this thread's event loop.
      blockFor(3_000);
      for (const file of files) rmSync(file.path);
      const events = await eventsPerFile(pool);
      const read = files.filter((f) => (events.get(f.path) ?? 0) > 0);
      expect(read.map((f) => f.path)).toEqual(files.slice(0, held).map((f) => f.path));
      for (const f of read) expect(events.get(f.path)).toBe(f.records);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('gives every event in input order when read at once, and closes whether or not it was read', async () => {
    const files = writeFiles(24);
    const pool = built.startReadPool(files, { workerCount: 1, range: {} });
    const order: string[] = [];
    let total = 0;
    for await (const { file, batch } of pool.batches(normalizer)) {
      if (order.at(-1) !== file) order.push(file);
      total += batch.events.length;
    }
    expect(order).toEqual(files.map((f) => f.path));
    expect(total).toBe(files.reduce((n, f) => n + f.records, 0));
    await pool.close();

    const unread = built.startReadPool(files, { workerCount: 1, range: {} });
    await unread.close();
    await unread.close();
  }, 30_000);
});
