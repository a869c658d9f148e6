import type { LeashEvent } from '../../model';
import { actionRuleDetector } from './action-rules';
import { isFalse } from '../privilege-escalation/request-fields';

function detectorDisabled(event: LeashEvent): string | undefined {
  return isFalse(event.requestParameters.enable) ? 'enable=false' : undefined;
}

/** A filter whose action is ARCHIVE hides matching findings as they are raised (auto-archive). */
function autoArchives(event: LeashEvent): string | undefined {
  const action = event.requestParameters.action;
  return typeof action === 'string' && action.toUpperCase() === 'ARCHIVE'
    ? 'auto-archives findings'
    : undefined;
}

export const guardDutyTampering = actionRuleDetector({
  id: 'evasion.guardduty',
  severity: 'high',
  rationale: 'Disabling GuardDuty or hiding its findings removes the account-level threat detection.',
  rules: {
    'guardduty:DeleteDetector': { severity: 'critical', what: 'deleted the GuardDuty detector' },
    'guardduty:UpdateDetector': { what: 'disabled the GuardDuty detector', impairs: detectorDisabled },
    'guardduty:DisassociateFromMasterAccount': { what: 'left the GuardDuty administrator account' },
    'guardduty:DisassociateFromAdministratorAccount': { what: 'left the GuardDuty administrator account' },
    'guardduty:DisassociateMembers': { what: 'disassociated GuardDuty member accounts' },
    'guardduty:StopMonitoringMembers': { what: 'stopped GuardDuty monitoring of member accounts' },
    'guardduty:DeletePublishingDestination': { what: 'deleted the GuardDuty findings export' },
    'guardduty:CreateFilter': { what: 'created a GuardDuty suppression filter', impairs: autoArchives },
    'guardduty:CreateIPSet': { what: 'created a GuardDuty trusted IP list (no findings from it)' },
    'guardduty:UpdateIPSet': { severity: 'medium', what: 'changed a GuardDuty trusted IP list' },
  },
});
