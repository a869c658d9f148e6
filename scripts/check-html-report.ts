/**
 * Renders an HTML report in headless Chromium and fails unless a non-empty PNG screenshot comes out, so a
 * person (or a reviewer) can look at what `leash replay --format html` really draws.
 *
 *   npm run check:html                                  (the bundled example's report → dist/example-report.png)
 *   node dist/scripts/check-html-report.js report.html [--out shot.png]     (after npm run build)
 *
 * Needs Chromium (`apt-get install -y chromium`, or set CHROMIUM to its path). Prints the screenshot path.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function fail(message: string, code = 1): never {
  process.stderr.write(`check-html-report: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv: readonly string[]): { report: string; out?: string } {
  const args = [...argv];
  let out: string | undefined;
  const outAt = args.indexOf('--out');
  if (outAt >= 0) {
    out = args[outAt + 1];
    if (!out) fail('--out needs a file name', 2);
    args.splice(outAt, 2);
  }
  if (args.length !== 1) fail('usage: check-html-report <report.html> [--out <screenshot.png>]', 2);
  return { report: resolve(args[0]), out: out ? resolve(out) : undefined };
}

function main(): void {
  const { report, out } = parseArgs(process.argv.slice(2));
  if (!existsSync(report) || statSync(report).size === 0) fail(`no report at ${report} (or it is empty)`);
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    fail(`no Chromium at ${chromium}: apt-get update && apt-get install -y chromium (or set CHROMIUM)`, 2);
  }
  const profile = mkdtempSync(join(tmpdir(), 'leash-chromium-'));
  const screenshot = out ?? join(profile, `${basename(report, '.html')}.png`);
  try {
    const run = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${join(profile, 'profile')}`,
        `--screenshot=${screenshot}`,
        '--window-size=1400,1000',
        pathToFileURL(report).href,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (run.error) fail(`could not run ${chromium}: ${run.error.message}`);
    if (!existsSync(screenshot) || statSync(screenshot).size === 0) {
      fail(`Chromium made no screenshot (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
    }
    if (!readFileSync(screenshot).subarray(0, 8).equals(PNG_SIGNATURE)) fail(`${screenshot} is not a PNG`);
    process.stdout.write(`${screenshot}\n`);
  } finally {
    // Keep the screenshot when it lives in the temp folder; drop only the browser profile.
    rmSync(join(profile, 'profile'), { recursive: true, force: true });
  }
}

main();
