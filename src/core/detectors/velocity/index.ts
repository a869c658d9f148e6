import type { Detector } from '../detector';
import { callRate } from './call-rate';
import { computeBurst } from './compute-burst';
import { discoveryBurst } from './discovery-burst';
import { refusedBurst } from './refused-burst';

export const velocityDetectors: readonly Detector[] = [callRate, refusedBurst, discoveryBurst, computeBurst];
