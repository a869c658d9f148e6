import type { Detector } from '../detector';
import { notAllowed } from './not-allowed';

export const outOfBaselineDetectors: readonly Detector[] = [notAllowed];
