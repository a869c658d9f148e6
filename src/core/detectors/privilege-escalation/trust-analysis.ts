/**
 * Who a role trust policy lets in, relative to the caller: itself, its own account, other accounts,
 * anyone. Shared by the escalation view (the agent lets itself in) and the persistence view (the agent
 * lets someone outside in).
 */
import type { LeashEvent } from '../../model';
import {
  accountOfPrincipal,
  allowStatements,
  isRestrictedByCondition,
  type PolicyDocument,
} from './policy-document';

export interface TrustAnalysis {
  /** The caller's own role/user or session ARN is named. */
  readonly namesCaller: boolean;
  /** The caller's account (root or bare id) is trusted: any principal there allowed to assume may. */
  readonly trustsOwnAccount: boolean;
  /** Other principals of the caller's account that are named. */
  readonly ownAccountPrincipals: readonly string[];
  /** Accounts other than the caller's that are trusted. */
  readonly externalAccounts: readonly string[];
  /** `*` (or `AWS: *`) with no condition pinning it to an organisation, account or external id. */
  readonly anyone: boolean;
  /** `*` limited by such a condition. */
  readonly anyoneConditional: boolean;
  /** Federated identity providers (SAML/OIDC) that are trusted. */
  readonly federated: readonly string[];
}

export function ownAccountOf(event: LeashEvent): string | undefined {
  return event.recipientAccountId ?? event.identity.accountId;
}

export function analyseTrust(document: PolicyDocument, event: LeashEvent): TrustAnalysis {
  const own = ownAccountOf(event);
  const callerArns = new Set([event.identity.principalArn, event.identity.callerArn].filter(Boolean));
  let namesCaller = false;
  let trustsOwnAccount = false;
  let anyone = false;
  let anyoneConditional = false;
  const ownAccountPrincipals: string[] = [];
  const externalAccounts: string[] = [];
  const federated: string[] = [];
  for (const statement of allowStatements(document)) {
    for (const principal of statement.principals) {
      if (principal === '*') {
        if (isRestrictedByCondition(statement)) anyoneConditional = true;
        else anyone = true;
        continue;
      }
      if (principal.startsWith('Federated:')) {
        federated.push(principal.slice('Federated:'.length));
        continue;
      }
      if (!principal.startsWith('AWS:')) continue;
      const value = principal.slice(4);
      if (callerArns.has(value)) {
        namesCaller = true;
        continue;
      }
      const account = accountOfPrincipal(principal);
      if (account === undefined) continue;
      if (account !== own) {
        if (!externalAccounts.includes(account)) externalAccounts.push(account);
      } else if (value === account || value.endsWith(':root')) trustsOwnAccount = true;
      else ownAccountPrincipals.push(value);
    }
  }
  return {
    namesCaller,
    trustsOwnAccount,
    ownAccountPrincipals,
    externalAccounts,
    anyone,
    anyoneConditional,
    federated,
  };
}
