import { globalEventsRegion, isRegionName } from '../src/core/regions';

/**
 * The typed configuration of a Leash deployment. `bin/leash.ts` builds it from CDK context; everything
 * below takes it as props. Field names are the context keys, so every message names the key to fix.
 */
export interface LeashConfig {
  /** Account to deploy to; undefined for an account-agnostic synth. */
  readonly account?: string;
  /** Region of the Leash stack (bus, queue, evaluator, alerts). */
  readonly homeRegion: string;
  /** Other regions whose CloudTrail events are forwarded to the home region. */
  readonly regions: readonly string[];
  /** File or folder of baseline files. */
  readonly baselines: string;
  /** Email subscribed to alerts. */
  readonly alertEmail?: string;
  /** Tag key that marks a role as an agent. */
  readonly agentTagKey: string;
  /** Role ARN globs Leash never contains (break-glass and other protected roles). */
  readonly protectedRoles: readonly string[];
}

export const DEFAULT_BASELINES = 'baselines';
export const DEFAULT_AGENT_TAG_KEY = 'leash:agent';

/**
 * Where IAM, Organizations and global-endpoint STS events are delivered in the commercial partition, and
 * the home region when none is configured.
 */
export const GLOBAL_EVENTS_REGION = 'us-east-1';

const ACCOUNT = /^\d{12}$/;
// Deliberately loose: SNS does the real check; this catches context typos like a missing '@'.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const ROLE_ARN_GLOB = /^arn:[a-z*-]+:iam::(\d{12}|\*):role\/.+$/;

/** Shared with the constructs, which check their own props the same way. */
export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}

/** IAM's tag key rules; `aws:` keys are reserved to AWS and cannot be set on a role. */
export function isIamTagKey(key: string): boolean {
  return TAG_KEY.test(key) && !key.toLowerCase().startsWith('aws:');
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      // Each problem starts with its context key; say where keys are set, so the fix is one step away.
      `invalid Leash configuration (CDK context: "context" in cdk.json, or -c key=value):\n` +
        problems.map((p) => `  ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Every problem of the configuration at once, each naming its context key and the bad value. */
export function configProblems(config: LeashConfig): string[] {
  const problems: string[] = [];
  if (config.account !== undefined && !ACCOUNT.test(config.account)) {
    problems.push(`account: must be a 12-digit AWS account id, got '${config.account}'`);
  }
  if (!isRegionName(config.homeRegion)) {
    problems.push(`homeRegion: must be an AWS region name such as eu-west-1, got '${config.homeRegion}'`);
  }
  const seen = new Set<string>();
  for (const region of config.regions) {
    if (!isRegionName(region))
      problems.push(`regions: '${region}' is not an AWS region name such as eu-west-1`);
    else if (region === config.homeRegion) {
      problems.push(`regions: '${region}' is the homeRegion; list only the other regions to forward from`);
    } else if (seen.has(region)) problems.push(`regions: '${region}' is listed twice`);
    seen.add(region);
  }
  if (config.baselines.trim() === '') problems.push('baselines: must name a file or folder of baselines');
  if (config.alertEmail !== undefined && !isEmailAddress(config.alertEmail)) {
    problems.push(`alertEmail: not an email address: '${config.alertEmail}'`);
  }
  if (!isIamTagKey(config.agentTagKey)) {
    problems.push(`agentTagKey: not a valid IAM tag key: '${config.agentTagKey}'`);
  }
  for (const glob of config.protectedRoles) {
    if (!ROLE_ARN_GLOB.test(glob)) {
      problems.push(
        `protectedRoles: '${glob}' is not a role ARN glob such as arn:aws:iam::*:role/break-glass-*`,
      );
    }
  }
  // Each partition delivers its global events in one region (us-east-1, us-gov-west-1, cn-north-1); the
  // isolated partitions, where that region is not known, are not checked.
  const global = globalEventsRegion(config.homeRegion);
  const covered = global === undefined || config.homeRegion === global || config.regions.includes(global);
  if (!covered) {
    problems.push(
      `regions: IAM, Organizations and global STS events are delivered only in ${global}, ` +
        `which this configuration does not cover: add it to 'regions' (e.g. -c regions=${global}) ` +
        `or make it the homeRegion`,
    );
  }
  return problems;
}

export function validateConfig(config: LeashConfig): void {
  const problems = configProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
}
