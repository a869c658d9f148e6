/**
 * Events CloudTrail records that no IAM action authorises: console and sign-in flows. The action mapper
 * still gives them a `service:Name` spelling (`signin:ConsoleLogin`), and detectors may trigger on it.
 */
export const SIGN_IN_EVENT_ACTIONS: readonly string[] = [
  'signin:ConsoleLogin',
  'signin:CheckMfa',
  'signin:PasswordUpdated',
  'signin:SwitchRole',
];
