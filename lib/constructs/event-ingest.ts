import { Duration, Names, Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { AccountPrincipal, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CLOUDTRAIL_API_CALL, CloudTrailApiCallRule } from './cloudtrail-api-call-rule';

export interface EventIngestProps {
  /**
   * CloudTrail `userIdentity.type` values taken from the default bus.
   * @default ['AssumedRole']
   */
  readonly callerTypes?: readonly string[];
  /**
   * Let principals of this account (the forwarder rules' roles in other regions) put events on the
   * Leash bus.
   * @default false
   */
  readonly acceptForwardedEvents?: boolean;
  /**
   * How long a message stays invisible while the evaluator works on it: at least six times the consumer's
   * timeout, as Lambda's SQS integration recommends.
   * @default Duration.minutes(3)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * Deliveries before a message goes to the dead-letter queue.
   * @default 5
   */
  readonly maxReceiveCount?: number;
}

/**
 * Brings CloudTrail API calls into Leash: a rule on the home region's default bus forwards them to a
 * Leash bus (where forwarders of other regions also deliver), and a rule there fills the queue the
 * evaluator reads, with a dead-letter queue for what it cannot get through.
 */
export class EventIngest extends Construct {
  /** The Leash bus: every region's agent events end up here. */
  public readonly bus: EventBus;
  /** The queue the evaluator consumes. */
  public readonly queue: Queue;
  /** Messages that failed `maxReceiveCount` times. */
  public readonly deadLetterQueue: Queue;
  /** The rule on the home region's default bus. */
  public readonly defaultBusRule: CloudTrailApiCallRule;
  /** The rule on the Leash bus feeding the queue. */
  public readonly queueRule: Rule;
  /** The role the default-bus rule uses to put events on the Leash bus. */
  public readonly forwardRole: Role;

  constructor(scope: Construct, id: string, props: EventIngestProps = {}) {
    super(scope, id);
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1 || maxReceiveCount > 1000) {
      throw new Error(
        `EventIngest maxReceiveCount must be a whole number from 1 to 1000, got ${maxReceiveCount}`,
      );
    }
    const visibilityTimeout = props.visibilityTimeout ?? Duration.minutes(3);
    if (visibilityTimeout.toSeconds() > 43200) {
      throw new Error(
        `EventIngest visibilityTimeout must be at most 12 hours, got ${visibilityTimeout.toHumanString()}`,
      );
    }

    // A generated but synth-time name (not CloudFormation's): forwarders in other regions need the ARN at
    // synth, and a cross-region reference to a CloudFormation-generated name is not possible.
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: Names.uniqueResourceName(this, { maxLength: 256, separator: '-' }),
      description: 'Leash: CloudTrail API calls of agents from every forwarded region',
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      // SQS-managed keys: EventBridge can deliver without a key policy, and nothing else reads the queue.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });

    this.queueRule = new Rule(this, 'QueueRule', {
      eventBus: this.bus,
      description: 'Leash: queue CloudTrail API calls for evaluation',
      eventPattern: { detailType: [CLOUDTRAIL_API_CALL] },
      targets: [new SqsQueue(this.queue, { deadLetterQueue: this.deadLetterQueue })],
    });

    this.forwardRole = new Role(this, 'ForwardRole', {
      assumedBy: new ServicePrincipal('events.amazonaws.com'),
      description: 'Leash: put CloudTrail API calls from the default bus on the Leash bus',
    });
    this.defaultBusRule = new CloudTrailApiCallRule(this, 'DefaultBusRule', {
      target: new EventBusTarget(this.bus, { role: this.forwardRole }),
      ...(props.callerTypes ? { callerTypes: props.callerTypes } : {}),
    });

    if (props.acceptForwardedEvents) {
      this.bus.addToResourcePolicy(
        new PolicyStatement({
          sid: 'LeashForwardersOfThisAccount',
          principals: [new AccountPrincipal(Stack.of(this).account)],
          actions: ['events:PutEvents'],
          resources: [this.bus.eventBusArn],
        }),
      );
    }
  }
}
