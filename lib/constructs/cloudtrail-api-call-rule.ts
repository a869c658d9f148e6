import { CfnRule, Rule, type IRuleTarget } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { PRINCIPAL_TYPES } from '../../src/core/model';

/** The detail-type EventBridge gives CloudTrail management events. */
export const CLOUDTRAIL_API_CALL = 'AWS API Call via CloudTrail';

/**
 * Rule state that also delivers read-only management events (Get/List/Describe, AssumeRole). Plain
 * `ENABLED` drops them, and with them credential access and discovery (DESIGN.md §2).
 */
export const ALL_MANAGEMENT_EVENTS_STATE = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

const USER_IDENTITY_TYPES: ReadonlySet<string> = new Set(PRINCIPAL_TYPES);

export interface CloudTrailApiCallRuleProps {
  /** Where matching events go (the Leash bus, here or in the home region). */
  readonly target: IRuleTarget;
  /**
   * CloudTrail `userIdentity.type` values to forward. Agents are IAM roles, so their calls — chained
   * sessions included — arrive as `AssumedRole`; forwarding nothing else keeps volume (and cost) down.
   * @default ['AssumedRole']
   */
  readonly callerTypes?: readonly string[];
  /** @default - 'Forwards CloudTrail API calls of agent-shaped callers to Leash' */
  readonly description?: string;
}

/**
 * A rule on this region's default bus that receives every CloudTrail API call (read-only ones included)
 * made by an agent-shaped caller and sends it to `target`.
 */
export class CloudTrailApiCallRule extends Construct {
  /** The rule on the default bus. */
  public readonly rule: Rule;

  constructor(scope: Construct, id: string, props: CloudTrailApiCallRuleProps) {
    super(scope, id);
    const callerTypes = props.callerTypes ?? ['AssumedRole'];
    if (callerTypes.length === 0) throw new Error('CloudTrailApiCallRule callerTypes must not be empty');
    for (const type of callerTypes) {
      if (!USER_IDENTITY_TYPES.has(type)) {
        throw new Error(
          `CloudTrailApiCallRule callerTypes: unknown userIdentity type '${type}' ` +
            `(expected one of ${[...USER_IDENTITY_TYPES].join(', ')})`,
        );
      }
    }
    this.rule = new Rule(this, 'Rule', {
      description: props.description ?? 'Forwards CloudTrail API calls of agent-shaped callers to Leash',
      eventPattern: {
        detailType: [CLOUDTRAIL_API_CALL],
        detail: { userIdentity: { type: [...callerTypes] } },
      },
      targets: [props.target],
    });
    // The L2 Rule only knows enabled/disabled; the CloudTrail-specific state is set on the L1.
    (this.rule.node.defaultChild as CfnRule).state = ALL_MANAGEMENT_EVENTS_STATE;
  }
}
