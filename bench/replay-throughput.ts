/**
 * Replay throughput against two yardsticks, on the Invictus CloudTrail files replicated to a large input
 * (fresh eventIDs, eventTimes shifted one hour per copy, gzipped like S3 delivery files):
 *
 *   floor  single-threaded gunzipSync + JSON.parse of every file, in this process — the least any reader
 *          of these files must do;
 *   replay `leash replay <dir> --format jsonl --agent '*=permissive' --out /dev/null` (the built CLI);
 *   jq     zcat … | jq -c '.Records[] | select(.eventName | test("Policy"))', which does far less.
 *
 * Targets (issue 3): replay ≥ 0.8 × the floor's throughput, and ≥ 3 × jq's. Prints both ratios and the
 * replay's peak RSS.
 *
 * The three run in turn, round after round (LEASH_BENCH_ROUNDS, default 3), and the ratios are taken within
 * each round: on a shared machine whose speed drifts by tens of percent over minutes, a ratio of figures
 * measured minutes apart says more about the drift than about the replay. The medians are the result.
 *
 *   npm run bench:replay                                             # ≥ 1,000,000 records
 *   LEASH_BENCH_RECORDS=200000 LEASH_BENCH_ROUNDS=1 npm run bench:replay   # quicker
 *
 * The input is generated once under $TMPDIR/leash-bench (outside the repo) and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { relaunchArguments } from '../src/cli/relaunch';
import { median } from './stats';

const CORPUS = resolve(process.env.LEASH_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'));
const SOURCE_DIR = join(CORPUS, 'invictus-aws_dataset', 'CloudTrail');
const TARGET_RECORDS = Number(process.env.LEASH_BENCH_RECORDS ?? 1_000_000);
const CLI = resolve(__dirname, '..', 'src', 'cli', 'main.js');
const ROUNDS = Math.max(1, Number(process.env.LEASH_BENCH_ROUNDS ?? 3));
const HOUR = 3_600_000;

interface Source {
  readonly name: string;
  readonly records: Record<string, unknown>[];
}

function sources(): Source[] {
  return readdirSync(SOURCE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({
      name,
      records: (
        JSON.parse(readFileSync(join(SOURCE_DIR, name), 'utf8')) as { Records: Record<string, unknown>[] }
      ).Records,
    }));
}

/** `…_20230710T1220Z_…` shifted by `hours`. */
function shiftedName(name: string, hours: number): string {
  return name
    .replace(/_(\d{8}T\d{4}Z)_/, (_, stamp: string) => {
      const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:00Z`;
      const shifted = new Date(Date.parse(iso) + hours * HOUR).toISOString();
      return `_${shifted.slice(0, 4)}${shifted.slice(5, 7)}${shifted.slice(8, 10)}T${shifted.slice(11, 13)}${shifted.slice(14, 16)}Z_`;
    })
    .replace(/\.json$/, `_r${hours}.json.gz`);
}

/** Generates (or reuses) the replicated input; returns its directory, file count and record count. */
function generate(): { dir: string; files: string[]; records: number; bytes: number } {
  const all = sources();
  const perCopy = all.reduce((n, s) => n + s.records.length, 0);
  const copies = Math.ceil(TARGET_RECORDS / perCopy);
  const dir = join(tmpdir(), 'leash-bench', `invictus-x${copies}`);
  const marker = join(dir, '.complete');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.stderr.write(
      `generating ${copies} copies of ${all.length} files (${perCopy} records each copy) in ${dir}…\n`,
    );
    for (let copy = 0; copy < copies; copy++) {
      for (const source of all) {
        const records = source.records.map((r) => {
          const time = Date.parse(String(r.eventTime));
          return {
            ...r,
            eventID: `${copy.toString(16).padStart(4, '0')}${String(r.eventID).slice(4)}`,
            eventTime: Number.isNaN(time)
              ? r.eventTime
              : new Date(time + copy * HOUR).toISOString().replace('.000Z', 'Z'),
          };
        });
        writeFileSync(
          join(dir, shiftedName(source.name, copy)),
          gzipSync(JSON.stringify({ Records: records })),
        );
      }
    }
    writeFileSync(marker, String(copies * perCopy));
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.gz'))
    .map((f) => join(dir, f));
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  return { dir, files, records: Number(readFileSync(marker, 'utf8')), bytes };
}

/** The replay the bench times (stdout to /dev/null, no progress bar). */
function replayArgs(dir: string): string[] {
  return [
    'replay',
    dir,
    '--format',
    'jsonl',
    '--agent',
    '*=permissive',
    '--out',
    '/dev/null',
    '--no-progress',
  ];
}

function floor(files: readonly string[]): { seconds: number; records: number; decompressed: number } {
  const start = process.hrtime.bigint();
  let records = 0;
  let decompressed = 0;
  for (const file of files) {
    const text = gunzipSync(readFileSync(file));
    decompressed += text.length;
    records += (JSON.parse(text.toString('utf8')) as { Records: unknown[] }).Records.length;
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, records, decompressed };
}

/**
 * Reads every file once so each contender starts from a warm page cache (on hosts that reclaim cold pages
 * proactively, the replay would otherwise be timed against the disk while the floor was not).
 */
function warm(files: readonly string[]): void {
  for (const file of files) readFileSync(file);
}

/** Runs a command under /usr/bin/time -v (when present) for its peak RSS. */
function timed(
  command: string,
  args: readonly string[],
): { seconds: number; maxRssMiB?: number; stderr: string } {
  const haveTime = existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const result = haveTime
    ? spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(command, [...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  return { seconds, maxRssMiB: rss ? Number(rss[1]) / 1024 : undefined, stderr: result.stderr };
}

interface Round {
  readonly floor: number;
  readonly replay: number;
  readonly jq: number;
  readonly rssMiB?: number;
}

function main(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} not found: run npm run build first`);
  const input = generate();
  const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;
  console.log(
    `input: ${input.files.length} files, ${input.records.toLocaleString('en-US')} records, ${mb(input.bytes)} gzipped (${input.dir})`,
  );
  const jqFilter = `.Records[] | select(.eventName | test("Policy"))`;
  floor(input.files.slice(0, 200)); // warm the JIT

  const rounds: Round[] = [];
  let decompressed = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    warm(input.files);
    const f = floor(input.files);
    decompressed = f.decompressed;
    warm(input.files);
    const replay = timed(process.execPath, [CLI, ...replayArgs(input.dir)]);
    warm(input.files);
    const jq = timed('sh', [
      '-c',
      `find '${input.dir}' -name '*.gz' -print0 | sort -z | xargs -0 cat | zcat | jq -c '${jqFilter}' > /dev/null`,
    ]);
    rounds.push({ floor: f.seconds, replay: replay.seconds, jq: jq.seconds, rssMiB: replay.maxRssMiB });
    console.log(
      `round ${round}/${ROUNDS}: floor ${f.seconds.toFixed(2)} s · replay ${replay.seconds.toFixed(2)} s ` +
        `(${Math.round(input.records / replay.seconds).toLocaleString('en-US')} records/s, max RSS ` +
        `${replay.maxRssMiB?.toFixed(0) ?? '?'} MiB) · jq ${jq.seconds.toFixed(2)} s · replay/floor ` +
        `${(f.seconds / replay.seconds).toFixed(2)} · replay/jq ${(jq.seconds / replay.seconds).toFixed(2)}`,
    );
  }

  // The CLI decides for itself whether to run again under V8's single-threaded collector; say which it did.
  const relaunched = relaunchArguments({
    argv: replayArgs(input.dir),
    execArgv: [],
    env: process.env,
    cores: availableParallelism(),
    script: CLI,
  });
  console.log(
    `floor  = single-threaded gunzip + JSON.parse of ${mb(decompressed)}; ` +
      `jq = zcat | jq -c '${jqFilter}'; replay = --format jsonl, *=permissive, ` +
      (relaunched ? "run again under V8's single-threaded collector" : "V8's default collector"),
  );
  const vsFloor = median(rounds.map((r) => r.floor / r.replay));
  const vsJq = median(rounds.map((r) => r.jq / r.replay));
  const range = (values: readonly number[]): string =>
    `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
  console.log(
    `replay / floor throughput: ${vsFloor.toFixed(2)} median of ${ROUNDS} (${range(rounds.map((r) => r.floor / r.replay))}) ` +
      `(target ≥ 0.80) ${vsFloor >= 0.8 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `replay / jq throughput:    ${vsJq.toFixed(2)} median of ${ROUNDS} (${range(rounds.map((r) => r.jq / r.replay))}) ` +
      `(target ≥ 3.00) ${vsJq >= 3 ? 'met' : 'NOT met'}`,
  );
  const rss = rounds.map((r) => r.rssMiB).filter((r): r is number => r !== undefined);
  const peak = rss.length > 0 ? Math.max(...rss) : undefined;
  const rssOk = peak === undefined || peak < 500;
  console.log(
    `replay max RSS: ${peak?.toFixed(0) ?? '?'} MiB, the highest of ${ROUNDS} runs, for ${mb(decompressed)} of logs ` +
      `(target < 500 MiB) ${rssOk ? 'met' : 'NOT met'}`,
  );
}

main();
