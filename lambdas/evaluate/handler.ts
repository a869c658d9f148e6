/**
 * The evaluate function: SQS batch of CloudTrail events in, partial batch response out. Thin on purpose:
 * everything that decides lives in the pure core (src/core), everything that talks to AWS in adapters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LEASH_DATA_FILE, parseLeashData } from '../shared/leash-data';
import { SnsAlerts } from '../shared/sns-alerts';
import { Evaluator } from './evaluator';

const logger = new Logger({ serviceName: 'leash-evaluate' });
const metrics = new Metrics({ namespace: 'Leash', serviceName: 'leash-evaluate' });

let evaluator: Evaluator | undefined;

function createEvaluator(): Evaluator {
  const topicArn = requiredEnv('ALERT_TOPIC_ARN');
  // The bundle ships the data next to the handler; tests point LEASH_DATA_PATH at their own file.
  const path = process.env.LEASH_DATA_PATH ?? join(__dirname, LEASH_DATA_FILE);
  return new Evaluator({
    data: parseLeashData(readFileSync(path, 'utf8'), path),
    alerts: new SnsAlerts(new SNSClient({}), topicArn),
    logger,
    metrics,
    ...(process.env.LEASH_OWN_ROLE_ARN ? { ownRoleArn: process.env.LEASH_OWN_ROLE_ARN } : {}),
  });
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  evaluator ??= createEvaluator();
  try {
    return await evaluator.handleBatch(event, context);
  } finally {
    metrics.publishStoredMetrics();
  }
}

/** Forget the cold-start state (tests only: each test starts from a fresh container). */
export function resetForTests(): void {
  evaluator = undefined;
}
