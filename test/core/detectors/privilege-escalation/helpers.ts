/**
 * Helpers shared by the detector tests of privilege-escalation, persistence, credential-access and
 * exfiltration. Records always come from the shared corpus; these only re-shape them, and every test that
 * derives a record says what it changed and why.
 */
import type { CompiledBaseline } from '../../../../src/core/baseline/compiled-baseline';
import type { Detector } from '../../../../src/core/detectors/detector';
import type { Finding, Severity } from '../../../../src/core/model';
import { severityRank } from '../../../../src/core/model';
import { byEvent, corpusRecord, type CorpusRecord } from '../../../support/corpus';
import type { Harness } from '../../../support/detector-harness';

export const AGENT_ROLE = 'arn:aws:iam::123456789012:role/agents/ci-fixer';

/** The corpus record with this `eventID` (the ids quoted in tests are those of the corpus files). */
export function recordById(eventId: string): CorpusRecord {
  return corpusRecord(`eventID ${eventId}`, (r) => r.eventID === eventId);
}

/** A real CreateAccessKey where IAM user `user1` mints a key for itself. */
export function selfCreatedAccessKey(): CorpusRecord {
  return corpusRecord(
    'CreateAccessKey user1 for user1',
    (r) =>
      byEvent('iam', 'CreateAccessKey', null)(r) &&
      String((r.userIdentity as { arn?: string } | undefined)?.arn).endsWith('user/user1') &&
      JSON.stringify(r.requestParameters).includes('"user1"'),
  );
}

/**
 * Some sanitised Panther and AWS-documentation samples lack `eventID`/`eventTime`/`recipientAccountId`,
 * which every delivered record has; fill them so the record normalises. Nothing else changes.
 */
export function completed(record: CorpusRecord, eventId = 'derived-event-id'): CorpusRecord {
  return {
    ...record,
    eventID: record.eventID ?? eventId,
    eventTime: (record.eventTime as string | undefined) ?? '2024-01-01T00:00:00Z',
  };
}

/** The same call, refused by IAM. */
export function refused(record: CorpusRecord, errorCode = 'AccessDenied'): CorpusRecord {
  return { ...record, eventID: `${String(record.eventID)}-refused`, errorCode, errorMessage: 'denied' };
}

/** A record derived from a real one by changing its name and request (for calls no public record shows). */
export function derived(
  record: CorpusRecord,
  eventName: string,
  requestParameters: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): CorpusRecord {
  return {
    ...record,
    eventID: `${String(record.eventID)}-${eventName}`,
    eventName,
    requestParameters,
    ...extra,
  };
}

/** What the pack does: a detector only sees events whose IAM action is one of its triggers. */
export function runAsPack(
  harness: Harness,
  detector: Detector,
  record: CorpusRecord,
  baseline?: CompiledBaseline,
): Finding[] {
  const action = harness.normalize(record).action.action;
  if (!(detector.triggers ?? []).includes(action)) return [];
  return harness.run(detector, record, baseline);
}

/** The single finding of a run, failing the test when there is none or several. */
export function only(findings: readonly Finding[]): Finding {
  expect(findings).toHaveLength(1);
  return findings[0];
}

export function atLeast(severity: Severity, floor: Severity): boolean {
  return severityRank(severity) >= severityRank(floor);
}
