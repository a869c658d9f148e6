import type { Detector, DetectorContext } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { stringsOf } from '../privilege-escalation/request-fields';
import {
  describeAudience,
  exposureOfAccounts,
  exposureOfPolicy,
  exposureSeverity,
  type Exposure,
} from './exposure';
import { policyDocumentOf, RESOURCE_POLICY_READERS } from './policy-sources';

/** SQS and SNS also share by account list, without a policy document. */
const ACCOUNT_LIST_GRANTS: Readonly<Record<string, string>> = {
  'sqs:AddPermission': 'aWSAccountIds',
  'sns:AddPermission': 'aWSAccountId',
};

function exposureOf(ctx: DetectorContext): Exposure | undefined {
  const action = ctx.event.action.action;
  const listField = ACCOUNT_LIST_GRANTS[action];
  if (listField) {
    const accounts = stringsOf(ctx.event.requestParameters[listField]);
    return exposureOfAccounts(
      ctx,
      accounts.filter((a) => a !== '*'),
      accounts.includes('*'),
    );
  }
  const document = policyDocumentOf(ctx.event, RESOURCE_POLICY_READERS[action]);
  return document ? exposureOfPolicy(ctx, document) : undefined;
}

/**
 * KMS keys, ECR repositories, queues, topics, secrets, file systems, backup and Glacier vaults whose
 * resource policy now admits anyone or another account. (S3 is `exfil.bucket-policy`; Lambda is
 * `persistence.lambda-resource-policy`.)
 */
export const resourcePolicy: Detector = {
  id: 'exfil.resource-policy',
  category: 'exfiltration',
  severity: 'high',
  rationale:
    'A resource policy opened to anyone or another account shares the data (or the key to it) outward.',
  triggers: [...Object.keys(RESOURCE_POLICY_READERS), ...Object.keys(ACCOUNT_LIST_GRANTS)],
  evaluate(ctx) {
    const exposure = exposureOf(ctx);
    if (!exposure || exposure.audience === 'internal') return undefined;
    const resource = ctx.event.resources[0];
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, exposureSeverity(exposure.audience)),
      message: `${ctx.event.eventName}: ${resource ?? 'resource'} opened to ${describeAudience(exposure)}${refusedSuffix(ctx)}`,
      details: {
        resource,
        public: exposure.audience === 'public',
        sharedWith: exposure.accounts,
        targetAccount: exposure.accounts[0],
        needsSnapshot: true,
      },
    });
  },
};
