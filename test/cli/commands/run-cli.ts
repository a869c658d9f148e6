/**
 * Runs the real built `leash` binary as a child process. `npm ci` builds dist/ (prepare script); when
 * dist/ is missing or older than src/, the first suite to need it rebuilds it once (a lock directory keeps
 * parallel Jest workers from building at the same time).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..', '..');
export const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  return existsSync(CLI) && statSync(CLI).mtimeMs >= newestMtime(join(REPO, 'src'));
}

export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = join(tmpdir(), 'leash-cli-test-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      spawnSync('sleep', ['0.5']);
      if (isFresh()) return;
    }
  }
  try {
    if (isFresh()) return;
    // tsc emits even when files elsewhere in the tree have type errors; the typecheck step reports those.
    spawnSync(
      process.execPath,
      [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: REPO,
        stdio: 'ignore',
      },
    );
    if (!existsSync(CLI)) throw new Error(`building ${CLI} failed: run npm run build to see why`);
    // As `npm run build` does: the compact IAM catalog the CLI loads, and `npx leash` runs the file itself.
    spawnSync(process.execPath, [join(REPO, 'dist', 'src', 'core', 'catalog', 'write-catalog-cache.js')], {
      cwd: REPO,
      stdio: 'ignore',
    });
    chmodSync(CLI, 0o755);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * `timeoutMs`: a run still going by then is killed and gives code null, so a command that never ends fails
 * its test instead of hanging the suite.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      // Not the repo: a ./baselines folder there must not leak into runs that do not ask for it.
      cwd: options.cwd ?? tmpdir(),
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (options.timeoutMs !== undefined) {
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
      child.on('exit', () => clearTimeout(timer));
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** A fresh directory under the OS temp dir (never in the repo); removed by `cleanup`. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `leash-cli-${label}-`));
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Non-empty lines. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
