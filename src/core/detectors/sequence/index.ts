import type { Detector } from '../detector';
import { knownChain } from './known-chain';
import { workflowDeviation } from './workflow-deviation';

export const sequenceDetectors: readonly Detector[] = [knownChain, workflowDeviation];
