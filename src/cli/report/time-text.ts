/**
 * Times as the human reports (text and HTML) show them: UTC, the day once per incident, then clock times.
 * Record times are attacker-controlled text; one that is not a time is shown as is, made printable.
 */
import { printable } from './summary-lines';

/** `HH:MM:SS` of an ISO time, or the text itself (made printable) when it is not one. */
export function clock(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? printable(iso) : new Date(t).toISOString().slice(11, 19);
}

/** `YYYY-MM-DD` of an ISO time, or nothing when it is not one. */
export function day(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t).toISOString().slice(0, 10);
}

/** `2026-01-05 12:00:00 → 12:04:10 UTC`, or one time when the span is an instant. */
export function timeSpan(start: string, end: string): string {
  const head = `${day(start)} ${clock(start)}`;
  return start === end ? `${head} UTC` : `${head} → ${clock(end)} UTC`;
}

/** `s3` for `s3.amazonaws.com`: the service as people name it. */
export function serviceName(eventSource: string): string {
  return eventSource.replace(/\.amazonaws\.com$/, '');
}
