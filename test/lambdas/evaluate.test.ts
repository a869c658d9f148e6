/**
 * Drives the evaluate handler end to end with real CloudTrail records (shared corpus) wrapped as EventBridge
 * envelopes in SQS messages; SNS is mocked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { catalogToData } from '../../src/core/catalog/action-catalog';
import type { LeashData } from '../../lambdas/shared/leash-data';
import { loadActionCatalog } from '../../src/core/catalog/iam-catalog';
import {
  asAssumedRole,
  byEvent,
  corpusRecord,
  describeWithCorpus,
  type CorpusRecord,
} from '../support/corpus';

type HandlerModule = typeof import('../../lambdas/evaluate/handler');

const AGENT_ROLE = 'arn:aws:iam::123456789012:role/agents/ci-fixer';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:LeashAlerts';
const BASELINE = `name: ci-fixer
mode: alert
bind:
  roleArns: ['${AGENT_ROLE}']
allow:
  - actions: ['ec2:DescribeRouteTables', 's3:GetObject']
`;

const sns = mockClient(SNSClient);
const context = { functionName: 'evaluate', awsRequestId: 'req-1' } as unknown as Context;
let handlerModule: HandlerModule;
let addMetric: jest.SpyInstance;
let messageCount = 0;

function message(body: string): SQSRecord {
  messageCount += 1;
  return {
    messageId: `msg-${messageCount}`,
    receiptHandle: `rh-${messageCount}`,
    body,
    attributes: {} as SQSRecord['attributes'],
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:LeashQueue',
    awsRegion: 'us-east-1',
  };
}

/** A CloudTrail record as EventBridge delivers it (the envelope the queue rule forwards). */
function envelope(record: CorpusRecord): string {
  return JSON.stringify({
    version: '0',
    id: `env-${String(record.eventID)}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: `aws.${String(record.eventSource).split('.')[0]}`,
    account: '123456789012',
    time: record.eventTime,
    region: record.awsRegion,
    resources: [],
    detail: record,
  });
}

/** A real record re-attributed to the agent, with a fresh eventID so tests do not see each other's. */
function agentRecord(what: string, predicate: (r: CorpusRecord) => boolean): CorpusRecord {
  const record = asAssumedRole(corpusRecord(what, predicate), AGENT_ROLE);
  return { ...record, eventID: `${String(record.eventID)}-${what.replace(/\W/g, '')}-${messageCount}` };
}

function metricCount(name: string): number {
  return addMetric.mock.calls
    .filter(([n]) => n === name)
    .reduce((sum, [, , value]) => sum + Number(value), 0);
}

describeWithCorpus('evaluate handler', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leash-evaluate-'));
    const data: LeashData = {
      version: 1,
      catalog: catalogToData(await loadActionCatalog()),
      baselines: [{ file: 'ci-fixer.yaml', text: BASELINE }],
      protectedPrincipals: [],
      agentTagKey: 'leash:agent',
    };
    const path = join(dir, 'leash-data.json');
    writeFileSync(path, JSON.stringify(data));
    process.env.LEASH_DATA_PATH = path;
    process.env.ALERT_TOPIC_ARN = TOPIC_ARN;
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    // Imported late so Powertools reads the settings above.
    handlerModule = await import('../../lambdas/evaluate/handler');
  });

  beforeEach(() => {
    handlerModule.resetForTests();
    addMetric = jest.spyOn(Metrics.prototype, 'addMetric');
    sns.on(PublishCommand).resolves({ MessageId: 'sns-message-1' });
  });

  afterEach(() => {
    sns.reset();
    addMetric.mockRestore();
  });

  it('publishes one alert for an out-of-baseline privilege escalation and none for allowed calls', async () => {
    const escalation = agentRecord('iam AttachRolePolicy', byEvent('iam.', 'AttachRolePolicy', null));
    const allowed = agentRecord('ec2 DescribeRouteTables', byEvent('ec2.', 'DescribeRouteTables', null));
    const notAnAgent = corpusRecord('a call by a non-agent', byEvent('ec2.', 'DescribeRouteTables', null));
    const event: SQSEvent = {
      Records: [message(envelope(escalation)), message(envelope(allowed)), message(envelope(notAnAgent))],
    };

    const result = await handlerModule.handler(event, context);

    expect(result).toEqual({ batchItemFailures: [] });
    const publishes = sns.commandCalls(PublishCommand);
    expect(publishes).toHaveLength(1);
    const input = publishes[0].args[0].input;
    expect(input.TopicArn).toBe(TOPIC_ARN);
    expect(input.Subject).toMatch(/^Leash (HIGH|CRITICAL): ci-fixer iam:AttachRolePolicy/);
    expect((input.Subject ?? '').length).toBeLessThanOrEqual(100);
    const body = JSON.parse(input.Message ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      kind: 'leash.alert',
      eventId: escalation.eventID,
      action: 'iam:AttachRolePolicy',
      agent: { principalArn: AGENT_ROLE, baseline: 'ci-fixer' },
      plan: [expect.objectContaining({ type: 'alert' })],
    });
    expect(body.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ category: 'privilege-escalation' })]),
    );
    expect(input.MessageAttributes?.severity?.StringValue).toBe(body.severity);
    expect(metricCount('EventsJudged')).toBe(2);
    expect(metricCount('Findings')).toBeGreaterThanOrEqual(1);
    expect(metricCount('MalformedRecords')).toBe(0);
  });

  it('counts malformed messages without failing the batch', async () => {
    const noEventName = agentRecord('ec2 DescribeRouteTables', byEvent('ec2.', 'DescribeRouteTables', null));
    delete noEventName.eventName;
    const event: SQSEvent = {
      Records: [
        message('this is not JSON'),
        message(JSON.stringify({ 'detail-type': 'Scheduled Event', detail: {} })),
        message(envelope(noEventName)),
      ],
    };

    const result = await handlerModule.handler(event, context);

    expect(result).toEqual({ batchItemFailures: [] });
    expect(metricCount('MalformedRecords')).toBe(3);
    expect(metricCount('EventsJudged')).toBe(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('fails only the message whose alert could not be published, and publishes it on redelivery', async () => {
    const escalation = agentRecord('iam AttachRolePolicy', byEvent('iam.', 'AttachRolePolicy', null));
    const allowed = agentRecord('ec2 DescribeRouteTables', byEvent('ec2.', 'DescribeRouteTables', null));
    const failing = message(envelope(escalation));
    sns.on(PublishCommand).rejectsOnce(new Error('SNS throttled')).resolves({ MessageId: 'sns-message-2' });

    const first = await handlerModule.handler({ Records: [failing, message(envelope(allowed))] }, context);
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: failing.messageId }] });

    // SQS redelivers the same message to the same (warm) container.
    const second = await handlerModule.handler({ Records: [failing] }, context);
    expect(second).toEqual({ batchItemFailures: [] });
    const publishes = sns.commandCalls(PublishCommand);
    expect(publishes).toHaveLength(2);
    expect(publishes.map((c) => JSON.parse(c.args[0].input.Message ?? '{}').eventId)).toEqual([
      escalation.eventID,
      escalation.eventID,
    ]);
  });
});
