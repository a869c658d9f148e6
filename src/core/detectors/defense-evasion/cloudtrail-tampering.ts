import type { LeashEvent } from '../../model';
import { actionRuleDetector } from './action-rules';
import { arrayOf, fieldAt, isFalse } from '../privilege-escalation/request-fields';

/** Basic event selectors: does any still log management events, and which kinds? */
function basicSelectorsImpair(selectors: readonly unknown[]): string | undefined {
  if (selectors.length === 0) return 'no event selectors left: nothing is logged';
  let logsReads = false;
  let logsWrites = false;
  for (const selector of selectors) {
    if (isFalse(fieldAt(selector, 'includeManagementEvents'))) continue;
    const kind = fieldAt(selector, 'readWriteType');
    if (kind !== 'WriteOnly') logsReads = true;
    if (kind !== 'ReadOnly') logsWrites = true;
    if (arrayOf(fieldAt(selector, 'excludeManagementEventSources')).length > 0) {
      return 'excludes management event sources';
    }
  }
  if (!logsReads && !logsWrites) return 'management events no longer logged';
  if (!logsWrites) return 'write management events no longer logged';
  if (!logsReads) return 'read-only management events no longer logged';
  return undefined;
}

/** Advanced event selectors: management events are logged only by a selector on `eventCategory = Management`. */
function advancedSelectorsImpair(selectors: readonly unknown[]): string | undefined {
  if (selectors.length === 0) return 'no event selectors left: nothing is logged';
  for (const selector of selectors) {
    for (const field of arrayOf(fieldAt(selector, 'fieldSelectors'))) {
      if (fieldAt(field, 'field') !== 'eventCategory') continue;
      if (arrayOf(fieldAt(field, 'equals')).includes('Management')) return undefined;
    }
  }
  return 'management events no longer logged';
}

function eventSelectorsImpair(event: LeashEvent): string | undefined {
  const params = event.requestParameters;
  if (Array.isArray(params.advancedEventSelectors))
    return advancedSelectorsImpair(params.advancedEventSelectors);
  if (Array.isArray(params.eventSelectors)) return basicSelectorsImpair(params.eventSelectors);
  return undefined;
}

function insightsTurnedOff(event: LeashEvent): string | undefined {
  const selectors = event.requestParameters.insightSelectors;
  return Array.isArray(selectors) && selectors.length === 0 ? 'all Insights selectors removed' : undefined;
}

/** Stratus cloudtrail-stop, cloudtrail-delete, cloudtrail-event-selectors: the audit trail is the agent's leash. */
export const cloudTrailTampering = actionRuleDetector({
  id: 'evasion.cloudtrail',
  severity: 'critical',
  rationale: 'Stopping, deleting or narrowing CloudTrail blinds Leash and every audit after it.',
  rules: {
    'cloudtrail:StopLogging': { what: 'stopped CloudTrail logging' },
    'cloudtrail:DeleteTrail': { what: 'deleted a CloudTrail trail' },
    'cloudtrail:UpdateTrail': { severity: 'high', what: 'changed a CloudTrail trail (destination or scope)' },
    'cloudtrail:PutEventSelectors': {
      severity: 'high',
      what: 'narrowed what a CloudTrail trail records',
      impairs: eventSelectorsImpair,
    },
    'cloudtrail:PutInsightSelectors': {
      severity: 'medium',
      what: 'turned off CloudTrail Insights',
      impairs: insightsTurnedOff,
    },
    'cloudtrail:DeleteEventDataStore': { what: 'deleted a CloudTrail Lake event data store' },
    'cloudtrail:StopEventDataStoreIngestion': {
      what: 'stopped ingestion into a CloudTrail Lake event data store',
    },
  },
});
