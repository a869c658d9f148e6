import { asObject, asString } from '../../normalize/json-shape';
import type { Severity } from '../../model';
import type { Detector } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';
import { fieldAt, listOf, numberOf, stringAt } from '../privilege-escalation/request-fields';

const ANYWHERE: ReadonlySet<string> = new Set(['0.0.0.0/0', '::/0']);
/** Remote administration and database ports: open to the internet they are a way in and a way out. */
const SENSITIVE_PORTS: readonly number[] = [
  22, 23, 3389, 5985, 5986, 1433, 3306, 5432, 6379, 9200, 11211, 27017,
];

interface OpenRule {
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
}

function cidrsOf(permission: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const range of listOf(permission.ipRanges)) {
    const cidr = asString(asObject(range)?.cidrIp);
    if (cidr) out.push(cidr);
  }
  for (const range of listOf(permission.ipv6Ranges)) {
    const cidr = asString(asObject(range)?.cidrIpv6);
    if (cidr) out.push(cidr);
  }
  return out;
}

/**
 * Rules of the request that admit the whole internet (the legacy top-level form and `ipPermissions`).
 * Also the last step of `sequence.known-chain`'s share-out chain.
 */
export function openRulesOf(params: Readonly<Record<string, unknown>>): OpenRule[] {
  const rules: OpenRule[] = [];
  const add = (p: Readonly<Record<string, unknown>>, cidrs: readonly string[]): void => {
    if (!cidrs.some((c) => ANYWHERE.has(c))) return;
    rules.push({
      protocol: asString(p.ipProtocol) ?? '-1',
      fromPort: numberOf(p.fromPort),
      toPort: numberOf(p.toPort),
    });
  };
  const legacyCidr = stringAt(params, 'cidrIp');
  if (legacyCidr) add(params, [legacyCidr]);
  for (const item of listOf(fieldAt(params, 'ipPermissions'))) {
    const permission = asObject(item);
    if (permission) add(permission, cidrsOf(permission));
  }
  return rules;
}

function exposesSensitivePort({ protocol, fromPort, toPort }: OpenRule): boolean {
  if (protocol === '-1' || fromPort === undefined || toPort === undefined || fromPort === -1) return true;
  return SENSITIVE_PORTS.some((port) => port >= fromPort && port <= toPort);
}

/** Stratus `aws.exfiltration.ec2-security-group-open-port-22-ingress` (Stratus files it under exfiltration). */
export const openSecurityGroup: Detector = {
  id: 'exfil.open-security-group',
  category: 'exfiltration',
  severity: 'medium',
  rationale:
    'Ingress from 0.0.0.0/0 or ::/0 opens instances to the internet; on admin or database ports, to takeover.',
  triggers: ['ec2:AuthorizeSecurityGroupIngress'],
  evaluate(ctx) {
    const rules = openRulesOf(ctx.event.requestParameters);
    if (rules.length === 0) return undefined;
    const sensitive = rules.some(exposesSensitivePort);
    const base: Severity = sensitive ? 'high' : 'medium';
    const groupId = stringAt(ctx.event.requestParameters, 'groupId');
    const ports = rules.map((r) => (r.protocol === '-1' ? 'all' : `${r.protocol}/${r.fromPort}-${r.toPort}`));
    return findingOf(this, ctx, {
      severity: dangerousCallSeverity(ctx, base),
      message: `AuthorizeSecurityGroupIngress: ${groupId ?? 'a security group'} open to the internet on ${ports.join(', ')}${refusedSuffix(ctx)}`,
      details: { groupId, openRules: rules, sensitivePorts: sensitive, public: true },
    });
  },
};
