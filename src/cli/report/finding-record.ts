/**
 * The flat, stable shape of one finding in machine-readable outputs (`jsonl`, `json`). This is a public
 * contract documented in docs/jsonl-format.md: add fields only with care, never rename or drop one.
 */
import type { Category, ResponseType, Severity, Verdict } from '../../core/model';
import { BoundedCache } from '../../core/bounded-cache';

/** One planned response step, as written in reports. */
export interface ResponseStepRecord {
  readonly type: ResponseType;
  readonly target: string;
  readonly reason: string;
  readonly actions?: readonly string[];
  readonly tokenIssuedBefore?: string;
  readonly call?: { readonly operation: string; readonly input: Readonly<Record<string, unknown>> };
}

export interface FindingRecord {
  readonly eventID: string;
  readonly eventTime: string;
  /** The caller as CloudTrail names it (`…:assumed-role/<role>/<session>`), else the principal ARN. */
  readonly principal: string;
  /** The baseline name of the agent the call belongs to. */
  readonly agent: string;
  /** The agent's own principal (role ARN); differs from `principal` for chained sessions. */
  readonly agentPrincipal: string;
  readonly category: Category;
  readonly detector: string;
  readonly severity: Severity;
  readonly message: string;
  /** The IAM action the event stands for (`service:Action`). */
  readonly action: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly region: string;
  readonly errorCode: string | null;
  /** The role whose session the agent chained into, or null. */
  readonly chainedThrough: string | null;
  /** eventIDs of the other events that make up the evidence. */
  readonly evidence: readonly string[];
  /** The response plan of the event's verdict (shared by all its findings). */
  readonly response: readonly ResponseStepRecord[];
}

/** The field names of a `FindingRecord`, in output order. Tests pin the set. */
export const FINDING_RECORD_FIELDS = [
  'eventID',
  'eventTime',
  'principal',
  'agent',
  'agentPrincipal',
  'category',
  'detector',
  'severity',
  'message',
  'action',
  'eventName',
  'eventSource',
  'region',
  'errorCode',
  'chainedThrough',
  'evidence',
  'response',
] as const;

function responseOf(verdict: Verdict): ResponseStepRecord[] {
  // Optional fields are written only when set, so consumers can test for presence.
  return verdict.plan.map((step) => ({
    type: step.type,
    target: step.target,
    reason: step.reason,
    ...(step.actions ? { actions: [...step.actions] } : {}),
    ...(step.tokenIssuedBefore ? { tokenIssuedBefore: step.tokenIssuedBefore } : {}),
    ...(step.call ? { call: { operation: step.call.operation, input: step.call.input } } : {}),
  }));
}

/** One record per finding of the verdict, in the verdict's finding order. None for a clean verdict. */
export function findingRecordsOf(verdict: Verdict): FindingRecord[] {
  if (verdict.findings.length === 0) return [];
  const { event, agent } = verdict;
  const response = responseOf(verdict);
  return verdict.findings.map((finding) => ({
    eventID: event.eventId,
    eventTime: event.eventTime,
    principal: event.identity.callerArn ?? event.identity.principalArn,
    agent: agent.baseline,
    agentPrincipal: agent.principalArn,
    category: finding.category,
    detector: finding.detector,
    severity: finding.severity,
    message: finding.message,
    action: event.action.action,
    eventName: event.eventName,
    eventSource: event.eventSource,
    region: event.region,
    errorCode: event.errorCode ?? null,
    chainedThrough: agent.chainedThrough ?? null,
    evidence: [...(finding.evidence ?? [])],
    response,
  }));
}

const json = JSON.stringify;

/**
 * JSON text of the strings a replay repeats on every line (baseline names, principals, actions, regions,
 * detector ids): quoted once and looked up after, since the engine hands out one shared string per value.
 * Bounded, so a log full of distinct values cannot grow it.
 */
const quotedCache = new BoundedCache<string, string>(10_000);

function quoted(value: string): string {
  let text = quotedCache.get(value);
  if (text === undefined) {
    text = json(value);
    quotedCache.set(value, text);
  }
  return text;
}

function quotedOrNull(value: string | undefined): string {
  return value === undefined ? 'null' : quoted(value);
}

/**
 * The verdict's findings as jsonl text: exactly `JSON.stringify` of each `findingRecordsOf` record, one a
 * line, but with the parts a verdict's findings share (the event, the agent, the plan) serialised once.
 * A replay writes hundreds of thousands of these; building and stringifying a full record per finding was
 * a visible share of its time.
 */
export function findingLinesOf(verdict: Verdict): string {
  const findings = verdict.findings;
  if (findings.length === 0) return '';
  const { event, agent } = verdict;
  const head =
    `{"eventID":${json(event.eventId)},"eventTime":${json(event.eventTime)},` +
    `"principal":${quoted(event.identity.callerArn ?? event.identity.principalArn)},` +
    `"agent":${quoted(agent.baseline)},"agentPrincipal":${quoted(agent.principalArn)},"category":`;
  const middle =
    `,"action":${quoted(event.action.action)},"eventName":${quoted(event.eventName)},` +
    `"eventSource":${quoted(event.eventSource)},"region":${quoted(event.region)},` +
    `"errorCode":${quotedOrNull(event.errorCode)},"chainedThrough":${quotedOrNull(agent.chainedThrough)},` +
    `"evidence":`;
  const tail =
    verdict.plan.length === 0 ? ',"response":[]}\n' : `,"response":${json(responseOf(verdict))}}\n`;
  let text = '';
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    text +=
      head +
      quoted(f.category) +
      `,"detector":${quoted(f.detector)},"severity":${quoted(f.severity)},"message":${json(f.message)}` +
      middle +
      (f.evidence === undefined || f.evidence.length === 0 ? '[]' : json(f.evidence)) +
      tail;
  }
  return text;
}
