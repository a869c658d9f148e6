/**
 * The vocabulary every part of Leash shares: the normalised event, the finding, the verdict.
 * The core imports nothing from AWS; adapters translate to and from these shapes.
 */

/** The nine detector categories (DESIGN.md §3). Stable names: they appear in every output. */
export const CATEGORIES = [
  'out-of-baseline',
  'privilege-escalation',
  'credential-access',
  'defense-evasion',
  'cross-boundary',
  'velocity',
  'sequence',
  'exfiltration',
  'persistence',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Numeric rank of each severity (`info` = 0 … `critical` = 4), for comparisons on the hot path. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.freeze({
  info: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
});

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** Raise (positive) or lower (negative) a severity by whole steps, clamped to the scale. */
export function shiftSeverity(severity: Severity, steps: number): Severity {
  const rank = Math.min(SEVERITIES.length - 1, Math.max(0, severityRank(severity) + steps));
  return SEVERITIES[rank];
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** IAM access levels, as the service authorization reference names them. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging' | 'Unknown';

/** CloudTrail `userIdentity.type` values Leash tells apart. */
export const PRINCIPAL_TYPES = [
  'AssumedRole',
  'IAMUser',
  'Root',
  'FederatedUser',
  'AWSService',
  'AWSAccount',
  'IdentityCenterUser',
  'WebIdentityUser',
  'SAMLUser',
] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number] | 'Unknown';

/** Who made a call, reduced to what Leash reasons about. */
export interface Identity {
  readonly type: PrincipalType;
  /**
   * The stable principal a baseline binds to: for an assumed role the issuing role ARN (with its path),
   * for a user the user ARN, for root the root ARN, for a service its service name.
   */
  readonly principalArn: string;
  /** The caller's own ARN as CloudTrail gives it (`…:assumed-role/<role>/<session>` for roles). */
  readonly callerArn?: string;
  /** Role or user name (no path). */
  readonly name?: string;
  readonly sessionName?: string;
  readonly sourceIdentity?: string;
  readonly accessKeyId?: string;
  /** The account the caller belongs to. */
  readonly accountId?: string;
  /** True when the caller's account differs from the account that recorded the event. */
  readonly crossAccount: boolean;
  /** Set when a service made the call on the principal's behalf (`userIdentity.invokedBy`). */
  readonly invokedBy?: string;
}

/** The IAM action a CloudTrail event stands for. */
export interface MappedAction {
  /**
   * A small number standing for `action`, the same for every event of the process (see `actionIdOf`), or
   * -1 past the process's limit of distinct actions. Internal: never written to an output.
   */
  readonly id: number;
  /** `service:Action`, IAM spelling (e.g. `lambda:CreateFunction`, `cloudwatch:PutMetricData`). */
  readonly action: string;
  /** IAM service prefix (e.g. `lambda`). */
  readonly service: string;
  readonly accessLevel: AccessLevel;
  /** False when the catalog did not know the action and the mapping is a best-effort guess. */
  readonly known: boolean;
}

/**
 * One CloudTrail management or data event, normalised. Built once per record by `normalizeRecord`;
 * detectors read these fields and, for details, `raw.requestParameters` / `raw.responseElements`.
 */
export interface LeashEvent {
  readonly eventId: string;
  /** Milliseconds since the epoch, from `eventTime`. */
  readonly time: number;
  /** `eventTime` as recorded (ISO 8601). */
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly region: string;
  /** The account that recorded the event (`recipientAccountId`). */
  readonly recipientAccountId?: string;
  readonly identity: Identity;
  readonly action: MappedAction;
  readonly readOnly: boolean;
  /** `errorCode` when the call was refused or failed, else undefined. */
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  /** ARNs of the resources the call touched, as far as the record tells. */
  readonly resources: readonly string[];
  readonly requestParameters: Readonly<Record<string, unknown>>;
  readonly responseElements: Readonly<Record<string, unknown>>;
  /** `sharedEventID`, present on cross-account copies of one call. */
  readonly sharedEventId?: string;
}

/** Error codes of refused calls (`UnauthorizedOperation`, `Client.UnauthorizedOperation` … included). */
const REFUSED_CODE = /AccessDenied|Unauthorized|Forbidden|NotAuthorized/i;

/** True when CloudTrail recorded the call as refused (access denied or unauthorised). */
export function isRefused(event: LeashEvent): boolean {
  const code = event.errorCode;
  return code !== undefined && code !== '' && REFUSED_CODE.test(code);
}

/** Which agent a call belongs to, once resolved. */
export interface AgentRef {
  /** The agent's principal (role ARN) — for chained sessions, the originating agent's role. */
  readonly principalArn: string;
  /** The baseline the agent is bound to. */
  readonly baseline: string;
  /** Set when the call was made with credentials the agent obtained by assuming another role. */
  readonly chainedThrough?: string;
}

/** One reason to care about one event. */
export interface Finding {
  /** Stable detector id, e.g. `privesc.attach-policy`. */
  readonly detector: string;
  readonly category: Category;
  readonly severity: Severity;
  /** One line a person can read: what happened and why it matters. */
  readonly message: string;
  /** The event that raised the finding (for windowed detectors: the one that crossed the line). */
  readonly eventId: string;
  /**
   * Identity of the finding for de-duplication and order-independent comparison. Stateless detectors use
   * the event id; windowed ones use the agent and the window, so the same history gives the same keys.
   */
  readonly key: string;
  /** Other events that make up the evidence (earlier steps of a chain, the window's first call). */
  readonly evidence?: readonly string[];
  /** Detector-specific details (target role, policy ARN, counts …) for reports and responders. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * True for findings about a window of the agent's calls (a rate, a burst) rather than about the one call
 * they are attached to: their key names the window, not the event.
 */
export function isWindowFinding(finding: Finding): boolean {
  return finding.key !== `${finding.detector}:${finding.eventId}`;
}

export const MODES = ['observe', 'alert', 'enforce', 'govern'] as const;
export type Mode = (typeof MODES)[number];

export const RESPONSE_TYPES = ['alert', 'deny-actions', 'revoke-sessions', 'quarantine', 'undo'] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

/** An IAM (or service) API call, spelled as the SDK command and its input. */
export interface ApiCall {
  /** `service:Operation`, e.g. `iam:DetachRolePolicy`. */
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** One step of the response plan: what would be (or was) done. */
export interface ResponseStep {
  readonly type: ResponseType;
  /** The agent role the step acts on (never a non-agent, never a protected role). */
  readonly target: string;
  readonly reason: string;
  /** For `deny-actions`: the actions to deny. */
  readonly actions?: readonly string[];
  /** For `revoke-sessions`: sessions issued before this instant are refused. */
  readonly tokenIssuedBefore?: string;
  /** For `undo`: the exact call that reverses the agent's change; absent when no safe reversal exists. */
  readonly call?: ApiCall;
  /** For `undo` steps that need the state Leash snapshotted before (e.g. the previous trust policy). */
  readonly needsSnapshot?: boolean;
}

/** The decision for one event. */
export interface Verdict {
  readonly event: LeashEvent;
  readonly agent: AgentRef;
  readonly findings: readonly Finding[];
  /** Highest severity among the findings, or undefined when there are none. */
  readonly severity?: Severity;
  /** Planned response, from the baseline's mode and responses. Empty in `observe` mode. */
  readonly plan: readonly ResponseStep[];
}
