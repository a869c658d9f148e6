/**
 * Publishes Leash alerts to SNS: one message per judged event whose plan holds an `alert` step. The
 * message is JSON (for subscribers that parse it) and carries severity and category as message attributes
 * (for subscription filter policies, e.g. paging only on `critical`).
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { severityRank, type Finding, type Verdict } from '../../src/core/model';

/** SNS refuses subjects longer than 100 characters or with control or non-ASCII characters. */
export const MAX_SUBJECT_LENGTH = 100;

export interface AlertMessage {
  readonly kind: 'leash.alert';
  readonly eventId: string;
  readonly eventTime: string;
  readonly region: string;
  readonly account?: string;
  readonly action: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly errorCode?: string;
  readonly agent: {
    readonly principalArn: string;
    readonly baseline: string;
    readonly chainedThrough?: string;
    readonly callerArn?: string;
    readonly sessionName?: string;
  };
  readonly severity: string;
  readonly findings: readonly {
    readonly detector: string;
    readonly category: string;
    readonly severity: string;
    readonly message: string;
  }[];
  readonly plan: readonly { readonly type: string; readonly reason: string }[];
}

/** The alert for one verdict, as subscribers receive it. */
export function alertMessage(verdict: Verdict): AlertMessage {
  const { event, agent } = verdict;
  return {
    kind: 'leash.alert',
    eventId: event.eventId,
    eventTime: event.eventTime,
    region: event.region,
    ...(event.recipientAccountId ? { account: event.recipientAccountId } : {}),
    action: event.action.action,
    eventSource: event.eventSource,
    eventName: event.eventName,
    ...(event.errorCode ? { errorCode: event.errorCode } : {}),
    agent: {
      principalArn: agent.principalArn,
      baseline: agent.baseline,
      ...(agent.chainedThrough ? { chainedThrough: agent.chainedThrough } : {}),
      ...(event.identity.callerArn ? { callerArn: event.identity.callerArn } : {}),
      ...(event.identity.sessionName ? { sessionName: event.identity.sessionName } : {}),
    },
    severity: verdict.severity ?? 'info',
    findings: verdict.findings.map((f) => ({
      detector: f.detector,
      category: f.category,
      severity: f.severity,
      message: f.message,
    })),
    plan: verdict.plan.map((s) => ({ type: s.type, reason: s.reason })),
  };
}

/** `Leash HIGH: ci-fixer iam:AttachRolePolicy (privesc.attach-policy)`, cut to what SNS accepts. */
export function alertSubject(verdict: Verdict): string {
  const lead = leadFinding(verdict.findings);
  const role = verdict.agent.principalArn.slice(verdict.agent.principalArn.lastIndexOf('/') + 1);
  const severity = (verdict.severity ?? 'info').toUpperCase();
  const text = `Leash ${severity}: ${role} ${verdict.event.action.action}${lead ? ` (${lead.detector})` : ''}`;
  // Role names and actions are ASCII, but event fields are untrusted input: never let them break Publish.
  const ascii = text.replace(/[^\x20-\x7E]/g, '?');
  return ascii.length <= MAX_SUBJECT_LENGTH ? ascii : `${ascii.slice(0, MAX_SUBJECT_LENGTH - 3)}...`;
}

/** The most severe finding; the first of them on a tie. */
function leadFinding(findings: readonly Finding[]): Finding | undefined {
  let lead: Finding | undefined;
  for (const f of findings) if (!lead || severityRank(f.severity) > severityRank(lead.severity)) lead = f;
  return lead;
}

/** The SNS side of alerting, behind a class so tests can hand it a mocked client. */
export class SnsAlerts {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {
    if (!topicArn.startsWith('arn:')) throw new Error(`SnsAlerts needs a topic ARN, got '${topicArn}'`);
  }

  /** Publish the alert for one verdict; resolves to the SNS message id. */
  async publish(verdict: Verdict): Promise<string | undefined> {
    const message = alertMessage(verdict);
    const categories = [...new Set(verdict.findings.map((f) => f.category))];
    const result = await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: alertSubject(verdict),
        Message: JSON.stringify(message, null, 2),
        MessageAttributes: {
          severity: { DataType: 'String', StringValue: message.severity },
          ...(categories.length > 0
            ? { categories: { DataType: 'String.Array', StringValue: JSON.stringify(categories) } }
            : {}),
          baseline: { DataType: 'String', StringValue: verdict.agent.baseline },
        },
      }),
    );
    return result.MessageId;
  }
}
