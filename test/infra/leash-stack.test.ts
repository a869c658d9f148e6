import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { LeashStack } from '../../lib/leash-stack';
import { buildLeash } from './leash-app';

const CLOUDTRAIL_PATTERN = {
  'detail-type': ['AWS API Call via CloudTrail'],
  detail: { userIdentity: { type: ['AssumedRole'] } },
};

let template: Template;
let home: LeashStack;

beforeAll(async () => {
  const { stacks } = await buildLeash();
  home = stacks.home;
  template = Template.fromStack(home);
});

/** Logical id of the CloudFormation resource behind an L2 construct. */
function idOf(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The policies attached to a role, as their statement lists. */
function statementsOfRole(roleId: string): unknown[][] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .map((p) => p.Properties.PolicyDocument.Statement as unknown[]);
}

describe('EventIngest', () => {
  it('takes every CloudTrail API call of assumed roles from the default bus, read-only ones included', () => {
    const busId = idOf(home.ingest.bus);
    const roleId = idOf(home.ingest.forwardRole);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.absent(),
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      EventPattern: CLOUDTRAIL_PATTERN,
      Targets: [
        { Arn: { 'Fn::GetAtt': [busId, 'Arn'] }, Id: 'Target0', RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } },
      ],
    });
  });

  it('lets the forward role put events on the Leash bus and nothing else', () => {
    const busId = idOf(home.ingest.bus);
    const roleId = idOf(home.ingest.forwardRole);
    expect(statementsOfRole(roleId)).toEqual([
      [{ Action: 'events:PutEvents', Effect: 'Allow', Resource: { 'Fn::GetAtt': [busId, 'Arn'] } }],
    ]);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' } },
        ],
      },
      ManagedPolicyArns: Match.absent(),
    });
  });

  it('queues Leash bus events on an encrypted, TLS-only queue with a dead-letter queue', () => {
    const busId = idOf(home.ingest.bus);
    const queueId = idOf(home.ingest.queue);
    const dlqId = idOf(home.ingest.deadLetterQueue);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: busId },
      EventPattern: { 'detail-type': ['AWS API Call via CloudTrail'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } })],
    });
    expect(template.findResources('AWS::SQS::Queue')[queueId].Properties).toEqual({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 180,
      MessageRetentionPeriod: 345600,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    for (const id of [queueId, dlqId]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Resource: { 'Fn::GetAtt': [id, 'Arn'] },
            },
          ]),
        },
      });
    }
  });

  it('lets principals of this account (the forwarders) put events on the bus', () => {
    const busId = idOf(home.ingest.bus);
    template.resourceCountIs('AWS::Events::EventBusPolicy', 1);
    template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      EventBusName: { Ref: busId },
      Statement: {
        Action: 'events:PutEvents',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Resource: { 'Fn::GetAtt': [busId, 'Arn'] },
      },
    });
  });
});

describe('Evaluator', () => {
  it('runs Node.js 24 on arm64 with X-Ray, source maps and its own log group', () => {
    const logsId = idOf(home.evaluator.handler.logGroup);
    const topicId = idOf(home.alerts.topic);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Timeout: 30,
      MemorySize: 1024,
      LoggingConfig: { LogGroup: { Ref: logsId } },
      Environment: {
        Variables: Match.objectLike({
          NODE_OPTIONS: '--enable-source-maps',
          ALERT_TOPIC_ARN: { Ref: topicId },
          LEASH_OWN_ROLE_ARN: Match.anyValue(),
        }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('consumes the queue in batches with partial batch responses', () => {
    const queueId = idOf(home.ingest.queue);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 25,
      MaximumBatchingWindowInSeconds: 2,
    });
  });

  it('may write its logs, trace, publish alerts and consume the queue — nothing more', () => {
    const roleId = idOf(home.evaluator.handler.role);
    const ids = {
      logs: idOf(home.evaluator.handler.logGroup),
      topic: idOf(home.alerts.topic),
      key: idOf(home.alerts.masterKey),
      queue: idOf(home.ingest.queue),
    };
    expect(statementsOfRole(roleId)).toEqual([
      [
        {
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [ids.logs, 'Arn'] },
        },
        { Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Effect: 'Allow', Resource: '*' },
        { Action: 'sns:Publish', Effect: 'Allow', Resource: { Ref: ids.topic } },
        {
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [ids.key, 'Arn'] },
        },
        {
          Action: [
            'sqs:ChangeMessageVisibility',
            'sqs:DeleteMessage',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
            'sqs:ReceiveMessage',
          ],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
        },
      ],
    ]);
    const role = template.findResources('AWS::IAM::Role')[roleId];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
  });
});

describe('Alerts', () => {
  it('encrypts the topic with a rotated key, refuses non-TLS publishing and subscribes the email', () => {
    const keyId = idOf(home.alerts.masterKey);
    const topicId = idOf(home.alerts.topic);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: [
          {
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Effect: 'Deny',
            Principal: '*',
            Resource: { Ref: topicId },
            Sid: 'AllowPublishThroughSSLOnly',
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'security@example.com',
      TopicArn: { Ref: topicId },
    });
  });
});

describe('home stack without forwarders', () => {
  it('has no bus policy and no email subscription when none is configured', async () => {
    const { stacks } = await buildLeash({
      config: { homeRegion: 'us-east-1', regions: [], alertEmail: undefined },
    });
    const t = Template.fromStack(stacks.home);
    t.resourceCountIs('AWS::Events::EventBusPolicy', 0);
    t.resourceCountIs('AWS::SNS::Subscription', 0);
    expect(stacks.forwarders).toHaveLength(0);
  });
});
