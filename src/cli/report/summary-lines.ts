/**
 * The few plain lines that say what a replay read and found. Shared by the text report (as its header)
 * and the machine formats (on stderr, so stdout stays parseable).
 */
import type { Severity } from '../../core/model';
import type { ReplaySummary } from './report-model';
import { SEVERITIES_DESCENDING, zeroBySeverity } from './summary-builder';

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * What a report says of the agents `agentsToShow` left out of its tables: how many, which were kept, and
 * where to find them all. `notShown` says where they are missing ("not shown", "not shown here or …").
 */
export function omittedAgentsNote(omitted: number, shown: number, notShown = 'not shown'): string {
  return `${plural(omitted, 'more agent')} ${notShown} (these ${shown} have the most severe findings): use --format json for every agent.`;
}

/**
 * Replaces control characters in untrusted text (record fields are attacker-controlled): terminal escape
 * sequences could rewrite the screen, newlines could forge report lines, bidi overrides could hide text.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

export function findingsBySeverity(summary: ReplaySummary): Record<Severity, number> {
  const totals = zeroBySeverity();
  for (const agent of summary.agents) {
    for (const severity of SEVERITIES_DESCENDING) totals[severity] += agent.findingsBySeverity[severity];
  }
  return totals;
}

/** "3 critical, 5 high" — only non-zero severities, highest first; "none" when there are none. */
export function severityBreakdown(counts: Readonly<Record<Severity, number>>): string {
  const parts = SEVERITIES_DESCENDING.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export function summaryLines(summary: ReplaySummary): string[] {
  const read = [
    plural(summary.files, 'file'),
    plural(summary.recordsRead, 'record'),
    `${plural(summary.eventsEvaluated, 'event')} evaluated`,
  ];
  if (summary.timeSpan) read.push(`${summary.timeSpan.first} → ${summary.timeSpan.last}`);
  const lines = [`leash replay: ${read.join(', ')}`];
  const caveats: string[] = [];
  if (summary.duplicatesDropped > 0)
    caveats.push(`${plural(summary.duplicatesDropped, 'duplicate')} dropped`);
  if (summary.malformed.count > 0)
    caveats.push(`${plural(summary.malformed.count, 'malformed record')} skipped`);
  if (summary.unknownActions > 0) {
    caveats.push(`${plural(summary.unknownActions, 'event')} with a best-effort action mapping`);
  }
  if (summary.lateEvents > 0) {
    caveats.push(
      `${plural(summary.lateEvents, 'event')} judged after later ones (out of time order) — an export replays in time order once sorted by eventTime`,
    );
  }
  if (caveats.length > 0) lines.push(`  ${caveats.join(', ')}`);
  for (const message of summary.malformed.firstMessages) lines.push(`  malformed: ${printable(message)}`);
  lines.push(
    `  ${plural(summary.agents.length, 'agent')}, ${plural(summary.findings, 'finding')} (${severityBreakdown(
      findingsBySeverity(summary),
    )})`,
  );
  return lines;
}
