/** Durations in baselines: `30s`, `15m`, `2h`, `1d`, or combined (`1h30m`), largest unit first. */

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1_000] as const;

/** Milliseconds, or undefined when `text` is not a positive duration. */
export function parseDuration(text: string): number | undefined {
  // The empty string matches with no part set, and is refused below as zero.
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = match[i + 1];
    if (part !== undefined) ms += Number(part) * UNIT_MS[i];
  }
  return ms > 0 ? ms : undefined;
}
