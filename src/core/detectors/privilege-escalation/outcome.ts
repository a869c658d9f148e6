import { isRefused, type LeashEvent } from '../../model';

/**
 * True when the call failed for a reason other than authorisation (`EntityAlreadyExists`,
 * `LimitExceeded`, `ValidationError` …): nothing was created or handed out, and it was no probe of the
 * agent's permissions either. A refused call is different: the agent tried something it may not do.
 */
export function failedWithoutEffect(event: LeashEvent): boolean {
  return event.errorCode !== undefined && !isRefused(event);
}
