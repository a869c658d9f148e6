/** `--since` / `--until` values. */
import { UsageError } from '../usage-error';

const RELATIVE = /^(\d+)(m|h|d|w)$/;
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** An ISO 8601 date or time (`2026-01-05`, `2026-01-05T12:00:00Z`), or a span back from now (`90m`, `24h`, `7d`, `2w`). */
export function parseTimeOption(flag: string, value: string, now = Date.now()): number {
  const relative = RELATIVE.exec(value);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]];
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new UsageError(
      `${flag} '${value}': expected an ISO date or time (2026-01-05T12:00:00Z) or a span back from now (24h, 7d)`,
    );
  }
  return time;
}

/**
 * The commander parser of a time flag: the value reaches the command as milliseconds, and a bad one stops
 * the parse with a `UsageError` (exit 2) before any work starts.
 */
export function timeOption(flag: string): (value: string) => number {
  return (value) => parseTimeOption(flag, value);
}
