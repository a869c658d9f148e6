import { Stack, Token, type StackProps } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CloudTrailApiCallRule } from './constructs/cloudtrail-api-call-rule';

export interface RegionForwarderStackProps extends StackProps {
  /** The Leash bus of the home region. */
  readonly homeBus: IEventBus;
  /**
   * CloudTrail `userIdentity.type` values forwarded.
   * @default ['AssumedRole']
   */
  readonly callerTypes?: readonly string[];
}

/**
 * One per non-home region: CloudTrail API calls land on the default bus of the region where they were
 * made, and rules only see their own region, so each region forwards to the home Leash bus.
 */
export class RegionForwarderStack extends Stack {
  /** The rule on this region's default bus. */
  public readonly forwardRule: CloudTrailApiCallRule;
  /** The role EventBridge assumes to put events on the home bus (cross-region targets need one). */
  public readonly forwardRole: Role;

  constructor(scope: Construct, id: string, props: RegionForwarderStackProps) {
    super(scope, id, props);
    if (Token.isUnresolved(this.region)) {
      throw new Error(`RegionForwarderStack '${id}' needs a concrete region (env.region)`);
    }
    const homeRegion = Stack.of(props.homeBus).region;
    if (homeRegion === this.region) {
      throw new Error(
        `RegionForwarderStack '${id}' is in the home region ${homeRegion}: the home stack covers it`,
      );
    }
    this.forwardRole = new Role(this, 'ForwardRole', {
      assumedBy: new ServicePrincipal('events.amazonaws.com'),
      description: `Leash: forward CloudTrail API calls from ${this.region} to the Leash bus in ${homeRegion}`,
    });
    this.forwardRule = new CloudTrailApiCallRule(this, 'ForwardRule', {
      target: new EventBusTarget(props.homeBus, { role: this.forwardRole }),
      description: `Leash: forward CloudTrail API calls of agent-shaped callers to ${homeRegion}`,
      ...(props.callerTypes ? { callerTypes: props.callerTypes } : {}),
    });
  }
}
