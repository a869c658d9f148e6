import type { Severity } from '../../model';
import type { Detector, DetectorContext } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { exposureOfAccounts, exposureSeverity, type Exposure } from '../exfiltration/exposure';
import { accountOfPrincipal } from '../privilege-escalation/policy-document';
import { stringAt } from '../privilege-escalation/request-fields';

/** Parameters that pin a `*` principal to one source account, resource or organisation. */
const PINNING_PARAMETERS = ['sourceAccount', 'sourceArn', 'principalOrgID'] as const;

function exposureOfPermission(ctx: DetectorContext): Exposure | undefined {
  const params = ctx.event.requestParameters;
  const principal = stringAt(params, 'principal');
  if (!principal) return undefined;
  if (principal === '*') {
    const pinned = PINNING_PARAMETERS.some((k) => stringAt(params, k) !== undefined);
    return pinned ? undefined : exposureOfAccounts(ctx, [], true);
  }
  const account = accountOfPrincipal(principal);
  // Service principals (s3.amazonaws.com …) are how triggers are wired, not a way in.
  return account ? exposureOfAccounts(ctx, [account], false) : undefined;
}

/** Stratus `aws.persistence.lambda-backdoor-function`; also public function URLs. */
export const lambdaResourcePolicy: Detector = {
  id: 'persistence.lambda-resource-policy',
  category: 'persistence',
  severity: 'high',
  rationale:
    'A function that anyone or another account may invoke is a standing way to run code with its role.',
  triggers: ['lambda:AddPermission', 'lambda:CreateFunctionUrlConfig', 'lambda:UpdateFunctionUrlConfig'],
  evaluate(ctx) {
    const params = ctx.event.requestParameters;
    const targetFunction = stringAt(params, 'functionName');
    if (ctx.event.action.action !== 'lambda:AddPermission') {
      if (stringAt(params, 'authType') !== 'NONE') return undefined;
      return findingOf(this, ctx, {
        severity: dangerousCallSeverity(ctx, 'high'),
        message: `${ctx.event.eventName}: function ${targetFunction ?? '?'} given a public URL (authType NONE)${refusedSuffix(ctx)}`,
        details: { targetFunction, public: true },
      });
    }
    const exposure = exposureOfPermission(ctx);
    if (!exposure || exposure.audience === 'internal') return undefined;
    const severity: Severity = exposureSeverity(exposure.audience);
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, severity),
      message:
        `AddPermission: function ${targetFunction ?? '?'} invocable by ` +
        `${exposure.audience === 'public' ? 'anyone' : `account ${exposure.accounts.join(', ')}`}${refusedSuffix(ctx)}`,
      details: {
        targetFunction,
        statementId: stringAt(params, 'statementId'),
        principal: stringAt(params, 'principal'),
        targetAccount: exposure.accounts[0],
        public: exposure.audience === 'public',
      },
    });
  },
};
