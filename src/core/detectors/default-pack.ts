import type { Detector } from './detector';
import { crossBoundaryDetectors } from './cross-boundary';
import { credentialAccessDetectors } from './credential-access';
import { defenseEvasionDetectors } from './defense-evasion';
import { exfiltrationDetectors } from './exfiltration';
import { outOfBaselineDetectors } from './out-of-baseline';
import { DetectorPack } from './pack';
import { persistenceDetectors } from './persistence';
import { privilegeEscalationDetectors } from './privilege-escalation';
import { sequenceDetectors } from './sequence';
import { velocityDetectors } from './velocity';

/** Every detector Leash ships, in a stable order (the order findings of one event are listed in). */
export const ALL_DETECTORS: readonly Detector[] = [
  ...outOfBaselineDetectors,
  ...privilegeEscalationDetectors,
  ...credentialAccessDetectors,
  ...defenseEvasionDetectors,
  ...crossBoundaryDetectors,
  ...velocityDetectors,
  ...sequenceDetectors,
  ...exfiltrationDetectors,
  ...persistenceDetectors,
];

let pack: DetectorPack | undefined;

/** The shipped detectors, indexed once per process. */
export function defaultDetectorPack(): DetectorPack {
  pack ??= new DetectorPack(ALL_DETECTORS);
  return pack;
}
