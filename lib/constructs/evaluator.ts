import { Duration, Validations } from 'aws-cdk-lib';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { LEASH_DATA_FILE, type BaselineSource, type LeashData } from '../../lambdas/shared/leash-data';
import type { CatalogData } from '../../src/core/catalog/action-catalog';
import { DEFAULT_AGENT_TAG_KEY, isIamTagKey } from '../config';
import { LeashFunction } from './leash-function';

export interface EvaluatorProps {
  /** The queue of CloudTrail events (EventBridge envelopes) to judge. */
  readonly queue: IQueue;
  /** Where alerts are published. */
  readonly alertTopic: ITopic;
  /** Baseline files, validated at synth, bundled with the function. */
  readonly baselines: readonly BaselineSource[];
  /** The IAM action catalog, compacted at synth (its source package is not bundled). */
  readonly catalog: CatalogData;
  /**
   * Principal ARN globs never contained (break-glass roles, Leash's own roles); they are only alerted on.
   * The function's own role is always added.
   * @default []
   */
  readonly protectedPrincipals?: readonly string[];
  /**
   * The tag key that marks a role as an agent.
   * @default 'leash:agent'
   */
  readonly agentTagKey?: string;
  /**
   * Messages per invocation.
   * @default 25
   */
  readonly batchSize?: number;
  /**
   * How long to gather a batch: alerts are meant to arrive in seconds, so keep it short.
   * @default Duration.seconds(2)
   */
  readonly maxBatchingWindow?: Duration;
}

/** The evaluate function: judges queued events with the pure core and publishes alerts. */
export class Evaluator extends Construct {
  /** The evaluate function (with its role and log group). */
  public readonly handler: LeashFunction;
  /** The queue subscription (partial batch responses). */
  public readonly eventSource: SqsEventSource;

  constructor(scope: Construct, id: string, props: EvaluatorProps) {
    super(scope, id);
    const batchSize = props.batchSize ?? 25;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10000) {
      throw new Error(`Evaluator batchSize must be a whole number from 1 to 10000, got ${batchSize}`);
    }
    const maxBatchingWindow = props.maxBatchingWindow ?? Duration.seconds(2);
    if (maxBatchingWindow.toSeconds() > 300) {
      throw new Error(
        `Evaluator maxBatchingWindow must be at most 5 minutes, got ${maxBatchingWindow.toHumanString()}`,
      );
    }
    if (batchSize > 10 && maxBatchingWindow.toSeconds() < 1) {
      throw new Error(
        `Evaluator batchSize ${batchSize} above 10 needs a maxBatchingWindow of at least 1 second`,
      );
    }
    const agentTagKey = props.agentTagKey ?? DEFAULT_AGENT_TAG_KEY;
    if (!isIamTagKey(agentTagKey)) {
      throw new Error(`Evaluator agentTagKey is not a valid IAM tag key: '${agentTagKey}'`);
    }
    if (Object.keys(props.catalog).length === 0) throw new Error('Evaluator catalog is empty');
    const files = new Set<string>();
    for (const b of props.baselines) {
      if (files.has(b.file)) throw new Error(`Evaluator baselines: file '${b.file}' is given twice`);
      files.add(b.file);
    }

    const data: LeashData = {
      version: 1,
      catalog: props.catalog,
      baselines: props.baselines,
      protectedPrincipals: props.protectedPrincipals ?? [],
      agentTagKey,
    };
    this.handler = new LeashFunction(this, 'Evaluate', {
      entry: 'lambdas/evaluate/handler.ts',
      description: 'Leash: judges agent API calls against their baselines',
      timeout: Duration.seconds(30),
      memorySize: 1024,
      environment: {
        ALERT_TOPIC_ARN: props.alertTopic.topicArn,
        POWERTOOLS_SERVICE_NAME: 'leash-evaluate',
        POWERTOOLS_METRICS_NAMESPACE: 'Leash',
      },
      bundledData: { [LEASH_DATA_FILE]: data },
    });
    this.handler.function.addEnvironment('LEASH_OWN_ROLE_ARN', this.handler.role.roleArn);

    props.alertTopic.grantPublish(this.handler.function);
    if (props.alertTopic.masterKey) {
      Validations.of(this.handler.role).acknowledge({
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          'Publishing to a KMS-encrypted topic needs kms:GenerateDataKey* (AWS SNS SSE documentation); ' +
          'the grant is limited to the alert key.',
      });
    }
    this.eventSource = new SqsEventSource(props.queue, {
      batchSize,
      maxBatchingWindow,
      reportBatchItemFailures: true,
    });
    this.handler.function.addEventSource(this.eventSource);
  }
}
