/**
 * A CloudTrail record of one call made by an agent role's session, for tests that need a record of their
 * own (written by the project, shaped after real ones) rather than one from the shared corpus.
 */
export interface AgentCall {
  /** The agent's role ARN, path included. */
  readonly role: string;
  readonly session: string;
  readonly accessKeyId: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly eventID: string;
  readonly eventTime: string;
  readonly awsRegion: string;
  readonly requestParameters?: object | null;
  readonly responseElements?: object | null;
  /** Further top-level fields (sourceIPAddress, userAgent, readOnly, …). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export function agentCall(call: AgentCall): Record<string, unknown> {
  const account = call.role.split(':')[4];
  const roleName = call.role.slice(call.role.lastIndexOf('/') + 1);
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${call.session}`,
      accountId: account,
      accessKeyId: call.accessKeyId,
      sessionContext: {
        sessionIssuer: { type: 'Role', arn: call.role, accountId: account, userName: roleName },
      },
    },
    eventTime: call.eventTime,
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: call.awsRegion,
    requestParameters: call.requestParameters ?? null,
    responseElements: call.responseElements ?? null,
    eventID: call.eventID,
    recipientAccountId: account,
    ...call.extra,
  };
}
