import { isRegionExempt } from '../../baseline/global-services';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf, refusedSuffix } from '../finding';

/**
 * Runs on every event, so it allocates nothing unless it fires. Global services (IAM, Organizations,
 * global-endpoint STS …) record their calls in us-east-1 whatever region the agent works in: exempt.
 */
export const regionBoundary: Detector = {
  id: 'boundary.region',
  category: 'cross-boundary',
  severity: 'medium',
  rationale: 'An agent working outside its regions is either misconfigured or hiding where nobody looks.',
  evaluate(ctx: DetectorContext): DetectorResult {
    const allowed = ctx.baseline.regions;
    if (allowed === undefined) return undefined;
    const event = ctx.event;
    if (allowed.includes(event.region) || event.region === 'unknown') return undefined;
    if (isRegionExempt(event.action.service, event.region)) return undefined;
    const write = event.action.accessLevel !== 'List' && event.action.accessLevel !== 'Read';
    return findingOf(regionBoundary, ctx, {
      severity: write ? 'high' : 'medium',
      message: `${ctx.agent.principalArn} called ${event.action.action} in ${event.region}, outside its regions (${allowed.join(', ')})${refusedSuffix(ctx)}`,
      details: { region: event.region, allowedRegions: allowed },
    });
  },
};
