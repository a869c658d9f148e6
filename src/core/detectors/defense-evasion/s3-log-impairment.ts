import type { LeashEvent } from '../../model';
import { actionRuleDetector } from './action-rules';
import { arrayOf, fieldAt, listOf, numberOf } from '../privilege-escalation/request-fields';

/** Expiry this short on a bucket is log destruction, not housekeeping (Stratus uses 1 day). */
const SHORT_EXPIRATION_DAYS = 7;

/** CloudTrail records the XML body as `LifecycleConfiguration.Rule`: one object, or a list of them. */
function shortExpiration(event: LeashEvent): string | undefined {
  for (const rule of listOf(fieldAt(event.requestParameters, 'LifecycleConfiguration', 'Rule'))) {
    if (fieldAt(rule, 'Status') !== 'Enabled') continue;
    const days = numberOf(fieldAt(rule, 'Expiration', 'Days'));
    const noncurrent = numberOf(fieldAt(rule, 'NoncurrentVersionExpiration', 'NoncurrentDays'));
    const shortest = Math.min(days ?? Infinity, noncurrent ?? Infinity);
    if (shortest <= SHORT_EXPIRATION_DAYS) return `objects expire after ${shortest} day(s)`;
  }
  return undefined;
}

/** An empty `BucketLoggingStatus` (no `LoggingEnabled`) turns server access logging off. */
function loggingDisabled(event: LeashEvent): string | undefined {
  const status = event.requestParameters.BucketLoggingStatus;
  if (status === undefined || fieldAt(status, 'LoggingEnabled') !== undefined) return undefined;
  return arrayOf(event.requestParameters.logging).length > 0 ? undefined : 'access logging disabled';
}

/** Stratus cloudtrail-lifecycle-rule: a one-day expiry on the trail bucket silently deletes the logs. */
export const s3LogImpairment = actionRuleDetector({
  id: 'evasion.s3-log-impairment',
  severity: 'high',
  rationale:
    'A short expiry or disabled access logging on a bucket destroys logs without touching the trail.',
  rules: {
    's3:PutLifecycleConfiguration': {
      what: 'set a short lifecycle expiry on a bucket',
      impairs: shortExpiration,
    },
    's3:PutBucketLogging': {
      severity: 'medium',
      what: 'turned off bucket access logging',
      impairs: loggingDisabled,
    },
  },
});
