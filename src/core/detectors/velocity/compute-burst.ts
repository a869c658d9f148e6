import { asObject } from '../../normalize/json-shape';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';

/** GPU, inference, training and FPGA families: what mining and model-theft launches ask for. */
const ACCELERATED = /^(p\d|g\d|inf\d|trn\d|dl\d|f\d|vt\d)/;
/** More instances than an agent's task plausibly needs in one call. */
const MANY = 5;

/** The largest `maxCount` of a RunInstances request (1 when absent). */
function requestedCount(params: Readonly<Record<string, unknown>>): number {
  const items = asObject(params.instancesSet)?.items;
  let most = 1;
  if (Array.isArray(items)) {
    for (const item of items) {
      const n = Number(asObject(item)?.maxCount ?? asObject(item)?.minCount ?? 1);
      if (Number.isFinite(n) && n > most) most = n;
    }
  }
  const spot = Number(params.instanceCount ?? params.targetCapacity ?? 1);
  return Number.isFinite(spot) && spot > most ? spot : most;
}

function instanceTypeOf(params: Readonly<Record<string, unknown>>): string {
  const direct = params.instanceType;
  if (typeof direct === 'string') return direct;
  const spec = asObject(params.launchSpecification)?.instanceType;
  return typeof spec === 'string' ? spec : '';
}

/**
 * A burst of compute: many instances, or accelerated ones, in one request. Refused launches count (the
 * Stratus "unusual instances" run hits the vCPU limit): the attempt is the signal.
 */
export const computeBurst: Detector = {
  id: 'velocity.compute-burst',
  category: 'velocity',
  severity: 'medium',
  rationale: 'Launching many or GPU instances at once is resource hijacking (mining), not an agent’s task.',
  triggers: ['ec2:RunInstances', 'ec2:RequestSpotInstances', 'ec2:RequestSpotFleet', 'ec2:CreateFleet'],
  evaluate(ctx: DetectorContext): DetectorResult {
    const params = ctx.event.requestParameters;
    const count = requestedCount(params);
    const type = instanceTypeOf(params);
    const accelerated = ACCELERATED.test(type);
    if (count < MANY && !accelerated) return undefined;
    const what = `${count} × ${type || 'instance'}`;
    return findingOf(computeBurst, ctx, {
      severity: count >= MANY && accelerated ? 'high' : 'medium',
      message: `asked for ${what}${ctx.event.errorCode ? ` (failed: ${ctx.event.errorCode})` : ''}`,
      details: { requested: count, instanceType: type, accelerated },
    });
  },
};
