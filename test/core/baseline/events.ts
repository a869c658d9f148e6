/** Hand-built `LeashEvent`s for baseline tests: only the fields a baseline decision reads matter. */
import type { Identity, LeashEvent } from '../../../src/core/model';
import { mappedAction } from '../../../src/core/action-table';

export const ACCOUNT = '123456789012';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/agents/ci-fixer`;

export function agentIdentity(overrides: Partial<Identity> = {}): Identity {
  const principalArn = overrides.principalArn ?? ROLE_ARN;
  return {
    type: 'AssumedRole',
    principalArn,
    name: principalArn.slice(principalArn.lastIndexOf('/') + 1),
    accountId: ACCOUNT,
    crossAccount: false,
    ...overrides,
  };
}

export interface EventOptions {
  readonly region?: string;
  readonly account?: string;
  readonly resources?: readonly string[];
  readonly identity?: Identity;
}

let counter = 0;

/** An event for the IAM action `action` (`service:Action`), in eu-west-1 by default. */
export function eventFor(action: string, options: EventOptions = {}): LeashEvent {
  const [service, name] = action.split(':');
  counter += 1;
  return {
    eventId: `test-${counter}`,
    time: Date.parse('2025-01-01T00:00:00Z') + counter,
    eventTime: '2025-01-01T00:00:00Z',
    eventSource: `${service}.amazonaws.com`,
    eventName: name,
    region: options.region ?? 'eu-west-1',
    recipientAccountId: options.account ?? ACCOUNT,
    identity: options.identity ?? agentIdentity(),
    action: mappedAction(action, service, 'Unknown', true),
    readOnly: false,
    resources: options.resources ?? [],
    requestParameters: {},
    responseElements: {},
  };
}
