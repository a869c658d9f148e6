import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { isEmailAddress } from '../config';

export interface AlertsProps {
  /**
   * Address subscribed to alerts (the owner confirms the subscription by email).
   * @default - no subscription; subscribe to `topic` yourself
   */
  readonly email?: string;
  /**
   * Key encrypting alerts at rest.
   * @default - a new customer-managed key with rotation, retained on stack deletion
   */
  readonly masterKey?: IKey;
}

/** Where Leash alerts go: an encrypted SNS topic that refuses non-TLS publishers and subscribers. */
export class Alerts extends Construct {
  /** The alert topic; one message per alerted event. */
  public readonly topic: Topic;
  /** The key encrypting the topic. */
  public readonly masterKey: IKey;

  constructor(scope: Construct, id: string, props: AlertsProps = {}) {
    super(scope, id);
    if (props.email !== undefined && !isEmailAddress(props.email)) {
      throw new Error(`Alerts email is not an email address: '${props.email}'`);
    }
    this.masterKey =
      props.masterKey ??
      new Key(this, 'Key', {
        description: 'Leash: encrypts the alert topic',
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Leash alerts',
      masterKey: this.masterKey,
      enforceSSL: true,
    });
    if (props.email !== undefined) this.topic.addSubscription(new EmailSubscription(props.email));
  }
}
