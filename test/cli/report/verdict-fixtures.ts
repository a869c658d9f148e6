/**
 * Hand-built verdicts for the report tests, shaped like what the core makes of real CloudTrail records:
 * an agent role `ci-fixer` reading build logs, then reading a secret, attaching AdministratorAccess to
 * itself, chaining into `deploy-admin`, opening a bucket and probing with refused calls.
 */
import type {
  Finding,
  LeashEvent,
  ResponseStep,
  Severity,
  Verdict,
  AccessLevel,
  Category,
} from '../../../src/core/model';
import { mappedAction } from '../../../src/core/action-table';
import { ReplaySummaryBuilder } from '../../../src/cli/report/summary-builder';
import type { ReplaySummary } from '../../../src/cli/report/report-model';

export const ACCOUNT = '111122223333';
export const AGENT_ROLE = `arn:aws:iam::${ACCOUNT}:role/agents/ci-fixer`;
export const DEPLOY_ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy-admin`;
export const BOTO_UA =
  'Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#6.1.0 lang/python#3.12.7 cfg/retry-mode#standard';

let counter = 0;
/** Deterministic uuid-shaped ids, so snapshots and assertions are stable. */
export function eventId(): string {
  counter += 1;
  const hex = counter.toString(16).padStart(12, '0');
  return `7f3c2a10-5b4e-4d2a-9c1e-${hex}`;
}

export interface EventSpec {
  readonly time: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly action: string;
  readonly accessLevel?: AccessLevel;
  readonly region?: string;
  readonly errorCode?: string;
  readonly userAgent?: string;
  /** Make the call from the chained deploy-admin session instead of the agent's own. */
  readonly chained?: boolean;
  readonly requestParameters?: Record<string, unknown>;
  readonly eventId?: string;
}

export function leashEvent(spec: EventSpec): LeashEvent {
  const [service] = spec.action.split(':');
  const action = mappedAction(spec.action, service, spec.accessLevel ?? 'Read', true);
  const chained = spec.chained === true;
  return {
    eventId: spec.eventId ?? eventId(),
    time: Date.parse(spec.time),
    eventTime: spec.time,
    eventSource: spec.eventSource,
    eventName: spec.eventName,
    region: spec.region ?? 'eu-west-1',
    recipientAccountId: ACCOUNT,
    identity: {
      type: 'AssumedRole',
      principalArn: chained ? DEPLOY_ROLE : AGENT_ROLE,
      callerArn: chained
        ? `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-admin/ci-fixer-deploy`
        : `arn:aws:sts::${ACCOUNT}:assumed-role/ci-fixer/ci-fixer-run-4821`,
      name: chained ? 'deploy-admin' : 'ci-fixer',
      sessionName: chained ? 'ci-fixer-deploy' : 'ci-fixer-run-4821',
      accessKeyId: chained ? 'ASIAQX7EXAMPLE2DPLY' : 'ASIAQX7EXAMPLE1CIFX',
      accountId: ACCOUNT,
      crossAccount: false,
    },
    action,
    readOnly: (spec.accessLevel ?? 'Read') === 'Read' || spec.accessLevel === 'List',
    errorCode: spec.errorCode,
    errorMessage: spec.errorCode ? 'not authorized' : undefined,
    sourceIp: '10.20.31.45',
    userAgent: spec.userAgent ?? BOTO_UA,
    resources: [],
    requestParameters: spec.requestParameters ?? {},
    responseElements: {},
  };
}

export interface FindingSpec {
  readonly detector: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly message: string;
  readonly evidence?: readonly string[];
  readonly key?: string;
}

export function verdict(
  event: LeashEvent,
  findings: readonly FindingSpec[] = [],
  plan: ResponseStep[] = [],
): Verdict {
  const built: Finding[] = findings.map((f) => ({
    detector: f.detector,
    category: f.category,
    severity: f.severity,
    message: f.message,
    eventId: event.eventId,
    key: f.key ?? `${f.detector}:${event.eventId}`,
    evidence: f.evidence,
  }));
  let severity: Severity | undefined;
  const order: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
  for (const f of built)
    if (!severity || order.indexOf(f.severity) > order.indexOf(severity)) severity = f.severity;
  const chained = event.identity.principalArn === DEPLOY_ROLE;
  return {
    event,
    agent: {
      principalArn: AGENT_ROLE,
      baseline: 'ci-fixer',
      ...(chained ? { chainedThrough: DEPLOY_ROLE } : {}),
    },
    findings: built,
    severity,
    plan,
  };
}

const at = (hhmmss: string): string => `2026-03-14T${hhmmss}Z`;

/** The scenario's verdicts, in time order: routine calls, then the drift. */
export function scenarioVerdicts(): Verdict[] {
  const verdicts: Verdict[] = [];
  // Routine: build logs and builds, all inside the baseline.
  for (let i = 0; i < 12; i += 1) {
    const minute = String(10 + i * 3).padStart(2, '0');
    verdicts.push(
      verdict(
        leashEvent({
          time: at(`09:${minute}:05`),
          eventSource: 's3.amazonaws.com',
          eventName: 'GetObject',
          action: 's3:GetObject',
        }),
      ),
      verdict(
        leashEvent({
          time: at(`09:${minute}:41`),
          eventSource: 'logs.amazonaws.com',
          eventName: 'FilterLogEvents',
          action: 'logs:FilterLogEvents',
        }),
      ),
    );
  }
  const secret = leashEvent({
    time: at('10:52:10'),
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    action: 'secretsmanager:GetSecretValue',
    requestParameters: { secretId: 'prod/db-password' },
  });
  verdicts.push(
    verdict(
      secret,
      [
        {
          detector: 'credential.secret-value',
          category: 'credential-access',
          severity: 'high',
          message: 'read the value of secret prod/db-password, which its baseline does not allow',
        },
        {
          detector: 'baseline.out-of-baseline',
          category: 'out-of-baseline',
          severity: 'medium',
          message: 'secretsmanager:GetSecretValue is not in baseline ci-fixer',
        },
      ],
      [
        { type: 'alert', target: AGENT_ROLE, reason: 'high finding' },
        {
          type: 'deny-actions',
          target: AGENT_ROLE,
          reason: 'deny what it should not do',
          actions: ['secretsmanager:GetSecretValue'],
        },
      ],
    ),
  );
  const attach = leashEvent({
    time: at('10:53:40'),
    eventSource: 'iam.amazonaws.com',
    eventName: 'AttachRolePolicy',
    action: 'iam:AttachRolePolicy',
    accessLevel: 'Permissions management',
    region: 'us-east-1',
    requestParameters: { roleName: 'ci-fixer', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  });
  verdicts.push(
    verdict(
      attach,
      [
        {
          detector: 'privesc.attach-policy',
          category: 'privilege-escalation',
          severity: 'critical',
          message: 'attached arn:aws:iam::aws:policy/AdministratorAccess to its own role ci-fixer',
        },
      ],
      [
        { type: 'alert', target: AGENT_ROLE, reason: 'critical finding' },
        {
          type: 'revoke-sessions',
          target: AGENT_ROLE,
          reason: 'cut the sessions that did it',
          tokenIssuedBefore: at('10:53:40'),
        },
        { type: 'quarantine', target: AGENT_ROLE, reason: 'deny everything until a person releases it' },
        {
          type: 'undo',
          target: AGENT_ROLE,
          reason: 'detach the policy it attached',
          call: {
            operation: 'iam:DetachRolePolicy',
            input: { RoleName: 'ci-fixer', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
          },
        },
      ],
    ),
  );
  const assume = leashEvent({
    time: at('10:54:30'),
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    action: 'sts:AssumeRole',
    requestParameters: { roleArn: DEPLOY_ROLE, roleSessionName: 'ci-fixer-deploy' },
  });
  verdicts.push(
    verdict(assume, [
      {
        detector: 'cross.assume-role',
        category: 'cross-boundary',
        severity: 'high',
        message: `assumed ${DEPLOY_ROLE}; its calls are followed as this agent's`,
      },
    ]),
  );
  const policy = leashEvent({
    time: at('10:55:20'),
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    action: 's3:PutBucketPolicy',
    accessLevel: 'Permissions management',
    chained: true,
    requestParameters: { bucketName: 'ci-artifacts-eu-west-1' },
  });
  verdicts.push(
    verdict(
      policy,
      [
        {
          detector: 'exfil.public-bucket-policy',
          category: 'exfiltration',
          severity: 'critical',
          message: 'made bucket ci-artifacts-eu-west-1 public with a policy granting Principal "*"',
        },
        {
          detector: 'sequence.secret-then-share',
          category: 'sequence',
          severity: 'critical',
          message: 'read a secret, then opened data outward',
          evidence: [secret.eventId],
        },
      ],
      [{ type: 'alert', target: AGENT_ROLE, reason: 'critical finding' }],
    ),
  );
  const probes: [string, string, string, string][] = [
    ['iam.amazonaws.com', 'ListUsers', 'iam:ListUsers', 'AccessDenied'],
    ['iam.amazonaws.com', 'GetUser', 'iam:GetUser', 'AccessDenied'],
    ['iam.amazonaws.com', 'ListRoles', 'iam:ListRoles', 'AccessDenied'],
    ['ec2.amazonaws.com', 'DescribeInstances', 'ec2:DescribeInstances', 'Client.UnauthorizedOperation'],
  ];
  const probeIds: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    const [source, name, action, error] = probes[i % probes.length];
    const event = leashEvent({
      time: at(`10:56:${String(i * 4).padStart(2, '0')}`),
      eventSource: source,
      eventName: name,
      action,
      accessLevel: 'List',
      chained: true,
      errorCode: error,
      region: source.startsWith('iam') ? 'us-east-1' : 'eu-west-1',
    });
    probeIds.push(event.eventId);
    const findings: FindingSpec[] =
      i === 9
        ? [
            {
              detector: 'velocity.refused-burst',
              category: 'velocity',
              severity: 'high',
              message: '10 refused calls within 5 minutes',
              evidence: probeIds.slice(0, 9),
              key: 'velocity.refused-burst:ci-fixer:10:56',
            },
          ]
        : [];
    verdicts.push(verdict(event, findings));
  }
  return verdicts;
}

/** The summary a replay of `verdicts` would produce. */
export function summaryOf(
  verdicts: readonly Verdict[],
  extra: (b: ReplaySummaryBuilder) => void = () => {},
): ReplaySummary {
  const builder = new ReplaySummaryBuilder([{ name: 'ci-fixer', mode: 'enforce' }]);
  builder.fileRead();
  for (const v of verdicts) {
    builder.recordRead();
    builder.eventEvaluated(v.event);
    builder.verdict(v);
  }
  extra(builder);
  return builder.build();
}

/** Collects what a sink writes. */
export class StringOutput {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/**
 * A what-if run over an organisation's trail: `count` team roles with one clean call each (bound to
 * 'permissive'), then the scenario, whose ci-fixer agent has the findings.
 */
export function organisationVerdicts(count: number): Verdict[] {
  const teams: Verdict[] = Array.from({ length: count }, (_, i) => {
    const event = leashEvent({
      time: `2026-03-14T08:${String(i).padStart(2, '0')}:00Z`,
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      action: 's3:GetObject',
    });
    const team = `arn:aws:iam::111122223333:role/team-${String(i).padStart(2, '0')}`;
    return { ...verdict(event, []), agent: { principalArn: team, baseline: 'permissive' } };
  });
  return [...teams, ...scenarioVerdicts()];
}
