/**
 * Who a sharing or a resource policy opens data to, relative to the account that recorded the call and
 * the accounts the agent's baseline names. Public is worst; a known account is a reviewed partner.
 */
import type { Severity } from '../../model';
import type { DetectorContext } from '../detector';
import {
  accountOfPrincipal,
  allowStatements,
  isRestrictedByCondition,
  type PolicyDocument,
} from '../privilege-escalation/policy-document';
import { ownAccountOf } from '../privilege-escalation/trust-analysis';

export type Audience = 'public' | 'external' | 'known-account' | 'internal';

export interface Exposure {
  readonly audience: Audience;
  /** Accounts outside the recording account that gain access (known ones included). */
  readonly accounts: readonly string[];
}

const RANK: Readonly<Record<Audience, number>> = { internal: 0, 'known-account': 1, external: 2, public: 3 };

const SEVERITY: Readonly<Record<Exclude<Audience, 'internal'>, Severity>> = {
  public: 'critical',
  external: 'high',
  'known-account': 'low',
};

export function exposureSeverity(audience: Exclude<Audience, 'internal'>): Severity {
  return SEVERITY[audience];
}

/** Classify a list of grantee accounts, plus a flag for "everyone" (`all`, AllUsers, `*`). */
export function exposureOfAccounts(
  ctx: DetectorContext,
  accounts: readonly string[],
  everyone: boolean,
): Exposure {
  const own = ownAccountOf(ctx.event);
  const known = ctx.baseline.accounts ?? [];
  const outside = accounts.filter((a) => a !== own);
  let audience: Audience = everyone ? 'public' : 'internal';
  for (const account of outside) {
    const next: Audience = known.includes(account) ? 'known-account' : 'external';
    if (RANK[next] > RANK[audience]) audience = next;
  }
  return { audience, accounts: [...new Set(outside)] };
}

/**
 * Exposure granted by a resource policy: unconditioned `*` principals are public; `*` pinned by an
 * organisation/account/VPC condition stays inside; `AWS` principals count by their account. Services
 * are not an audience here.
 */
export function exposureOfPolicy(ctx: DetectorContext, document: PolicyDocument): Exposure {
  let everyone = false;
  const accounts: string[] = [];
  for (const statement of allowStatements(document)) {
    for (const principal of statement.principals) {
      if (principal === '*') {
        if (!isRestrictedByCondition(statement)) everyone = true;
        continue;
      }
      if (!principal.startsWith('AWS:')) continue;
      const account = accountOfPrincipal(principal);
      if (account !== undefined) accounts.push(account);
    }
  }
  return exposureOfAccounts(ctx, accounts, everyone);
}

/** "everyone" / "account 1234…, 5678…", for messages. */
export function describeAudience(exposure: Exposure): string {
  if (exposure.audience === 'public') return 'everyone';
  return `account${exposure.accounts.length > 1 ? 's' : ''} ${exposure.accounts.join(', ')}`;
}
