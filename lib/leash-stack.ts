import { CfnOutput, Stack, Token, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { BaselineSource } from '../lambdas/shared/leash-data';
import type { CatalogData } from '../src/core/catalog/action-catalog';
import { Alerts } from './constructs/alerts';
import { EventIngest } from './constructs/event-ingest';
import { Evaluator } from './constructs/evaluator';

export interface LeashStackProps extends StackProps {
  /** Validated baseline files to judge against. */
  readonly baselines: readonly BaselineSource[];
  /** The IAM action catalog, compacted at synth. */
  readonly catalog: CatalogData;
  /**
   * Email subscribed to alerts.
   * @default - no subscription
   */
  readonly alertEmail?: string;
  /**
   * Tag key marking a role as an agent.
   * @default 'leash:agent'
   */
  readonly agentTagKey?: string;
  /**
   * Role ARN globs Leash never contains.
   * @default []
   */
  readonly protectedRoles?: readonly string[];
  /**
   * Whether forwarder stacks of other regions deliver to this stack's bus.
   * @default false
   */
  readonly acceptForwardedEvents?: boolean;
}

/** Leash in its home region: ingest, evaluation and alerts. */
export class LeashStack extends Stack {
  public readonly ingest: EventIngest;
  public readonly alerts: Alerts;
  public readonly evaluator: Evaluator;

  constructor(scope: Construct, id: string, props: LeashStackProps) {
    super(scope, id, props);
    if (Token.isUnresolved(this.region)) {
      throw new Error(
        `LeashStack '${id}' needs a concrete region (env.region): forwarders address its bus by region`,
      );
    }
    this.alerts = new Alerts(
      this,
      'Alerts',
      props.alertEmail !== undefined ? { email: props.alertEmail } : {},
    );
    this.ingest = new EventIngest(this, 'Ingest', {
      acceptForwardedEvents: props.acceptForwardedEvents ?? false,
    });
    this.evaluator = new Evaluator(this, 'Evaluator', {
      queue: this.ingest.queue,
      alertTopic: this.alerts.topic,
      baselines: props.baselines,
      catalog: props.catalog,
      ...(props.protectedRoles ? { protectedPrincipals: props.protectedRoles } : {}),
      ...(props.agentTagKey ? { agentTagKey: props.agentTagKey } : {}),
    });

    new CfnOutput(this, 'AlertTopicArn', { value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'EventBusArn', { value: this.ingest.bus.eventBusArn });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.ingest.deadLetterQueue.queueUrl });
  }
}
