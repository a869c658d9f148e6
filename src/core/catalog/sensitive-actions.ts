/**
 * Actions a baseline can grant only by naming them exactly: a wildcard (`*`, `iam:*`, `ssm:Get*`) never
 * covers them. Reviewers of a baseline must see each one written out. Spelled as IAM actions.
 *
 * Sources: Rhino Security Labs' escalation methods, cloudsplaining's PRIVILEGE_ESCALATION_METHODS,
 * pathfinding.cloud's paths and Stratus Red Team's techniques (../shared/corpus/CATALOGS.md).
 */

/** Actions that can grant the caller (or a principal it controls) more permissions than it has. */
const PRIVILEGE_ESCALATION_ACTIONS: readonly string[] = [
  'iam:AddUserToGroup',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreatePolicyVersion',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'iam:PassRole',
  'iam:PutGroupPolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:PutUserPermissionsBoundary',
  'iam:PutUserPolicy',
  'iam:SetDefaultPolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateLoginProfile',
  'codestar:AssociateTeamMember',
  'codestar:CreateProjectFromTemplate',
  'ec2-instance-connect:SendSSHPublicKey',
  'ec2-instance-connect:SendSerialConsoleSSHPublicKey',
  'glue:UpdateDevEndpoint',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'ssm:SendCommand',
  'ssm:StartSession',
];

/** Actions that hand out secrets or credentials. */
const CREDENTIAL_ACCESS_ACTIONS: readonly string[] = [
  'cognito-identity:GetCredentialsForIdentity',
  'ec2:GetPasswordData',
  'iam:CreateAccessKey',
  'secretsmanager:BatchGetSecretValue',
  'secretsmanager:GetSecretValue',
  'sso:GetRoleCredentials',
  'ssm:GetParameter',
  'ssm:GetParameterHistory',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'sts:GetFederationToken',
  'sts:GetSessionToken',
];

/** Actions that blind or disarm the account's detection and audit controls. */
const DEFENSE_EVASION_ACTIONS: readonly string[] = [
  'access-analyzer:DeleteAnalyzer',
  'bedrock:DeleteGuardrail',
  'bedrock:DeleteModelInvocationLoggingConfiguration',
  'cloudtrail:DeleteEventDataStore',
  'cloudtrail:DeleteTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
  'cloudtrail:StopEventDataStoreIngestion',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:StopConfigurationRecorder',
  'ec2:DeleteFlowLogs',
  'guardduty:CreateFilter',
  'guardduty:CreateIPSet',
  'guardduty:DeleteDetector',
  'guardduty:DeletePublishingDestination',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'guardduty:UpdateDetector',
  'logs:DeleteLogGroup',
  'logs:DeleteLogStream',
  'organizations:LeaveOrganization',
  'route53resolver:DeleteResolverQueryLogConfig',
  'route53resolver:DisassociateResolverQueryLogConfig',
  'securityhub:BatchDisableStandards',
  'securityhub:DisableSecurityHub',
];

const lower = (actions: readonly string[]): string[] => actions.map((a) => a.toLowerCase());

/** Every sensitive action, lower-cased for case-insensitive lookups (IAM action names are case-insensitive). */
export const SENSITIVE_ACTIONS: ReadonlySet<string> = new Set([
  ...lower(PRIVILEGE_ESCALATION_ACTIONS),
  ...lower(CREDENTIAL_ACCESS_ACTIONS),
  ...lower(DEFENSE_EVASION_ACTIONS),
]);

export function isSensitiveAction(action: string): boolean {
  return SENSITIVE_ACTIONS.has(action.toLowerCase());
}
