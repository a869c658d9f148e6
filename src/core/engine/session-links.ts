import type { CompiledBaseline } from '../baseline/compiled-baseline';
import type { LeashEvent, MappedAction } from '../model';
import { asObject, asString } from '../normalize/json-shape';

/** Temporary credentials live at most 12 hours (role chaining caps them at 1 hour). */
const CREDENTIAL_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** The calls whose response names a new session (IAM spelling, as the mapper gives it). */
const SESSION_MINTING: ReadonlySet<string> = new Set(['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity']);

/**
 * True for a call whose response `SessionLinks.record` reads: the engine records these for every agent,
 * and their details must be kept whatever detectors are loaded.
 */
export function mintsSession(action: MappedAction): boolean {
  return SESSION_MINTING.has(action.action);
}

export interface SessionLink {
  /** The agent whose credentials minted the session. */
  readonly agentPrincipal: string;
  readonly baseline: CompiledBaseline;
  /** The role the agent assumed. */
  readonly assumedRole: string;
  readonly expires: number;
}

/**
 * Role chaining: when an agent assumes another role, the new session's access key (and session ARN) is in
 * the AssumeRole response. Calls made with it belong to the agent, even though another role issued them.
 */
export class SessionLinks {
  private readonly byKey = new Map<string, SessionLink>();
  private readonly bySessionArn = new Map<string, SessionLink>();
  /** Roles agents assumed: only their calls can carry chained credentials. */
  private readonly assumedRoles = new Set<string>();
  /** Set when an AssumeRole did not say which role: then every call must be checked. */
  private unknownRoleAssumed = false;
  private lastPrune = 0;

  /** Remember the session an agent's successful AssumeRole created. */
  record(event: LeashEvent, agentPrincipal: string, baseline: CompiledBaseline): void {
    if (event.errorCode) return;
    const response = event.responseElements;
    const credentials = asObject(response.credentials);
    const assumed = asObject(response.assumedRoleUser);
    const accessKeyId = asString(credentials?.accessKeyId);
    const sessionArn = asString(assumed?.arn);
    if (!accessKeyId && !sessionArn) return;
    const roleArn = asString(event.requestParameters.roleArn);
    if (roleArn) this.assumedRoles.add(roleArn);
    else this.unknownRoleAssumed = true;
    const assumedRole = roleArn ?? sessionArn ?? 'unknown-role';
    const expiration = Date.parse(asString(credentials?.expiration) ?? '');
    const link: SessionLink = {
      agentPrincipal,
      baseline,
      assumedRole,
      expires: Number.isNaN(expiration) ? event.time + CREDENTIAL_LIFETIME_MS : expiration,
    };
    if (accessKeyId) this.byKey.set(accessKeyId, link);
    if (sessionArn) this.bySessionArn.set(sessionArn, link);
    this.prune(event.time);
  }

  /** The agent behind a call made with chained credentials, if any. */
  lookup(event: LeashEvent): SessionLink | undefined {
    if (this.byKey.size === 0 && this.bySessionArn.size === 0) return undefined;
    // Only a call by a role some agent assumed can be chained; this check reuses the principal's hash.
    if (!this.unknownRoleAssumed && !this.assumedRoles.has(event.identity.principalArn)) return undefined;
    const key = event.identity.accessKeyId;
    // Chained credentials carry their access key; the session ARN is the fallback for records without one.
    let link = key ? this.byKey.get(key) : undefined;
    if (!link && !key && event.identity.type === 'AssumedRole' && event.identity.callerArn) {
      link = this.bySessionArn.get(event.identity.callerArn);
    }
    if (!link || link.expires < event.time) return undefined;
    return link;
  }

  private prune(now: number): void {
    if (now - this.lastPrune < CREDENTIAL_LIFETIME_MS / 12) return;
    this.lastPrune = now;
    for (const [k, l] of this.byKey) if (l.expires < now - CREDENTIAL_LIFETIME_MS) this.byKey.delete(k);
    for (const [k, l] of this.bySessionArn)
      if (l.expires < now - CREDENTIAL_LIFETIME_MS) this.bySessionArn.delete(k);
  }
}
