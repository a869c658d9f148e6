import type { Detector } from '../detector';
import { accountBoundary } from './account-boundary';
import { assumeRole } from './assume-role';
import { chainedSession } from './chained-session';
import { consoleSignIn } from './console-sign-in';
import { regionBoundary } from './region-boundary';

export const crossBoundaryDetectors: readonly Detector[] = [
  regionBoundary,
  accountBoundary,
  assumeRole,
  chainedSession,
  consoleSignIn,
];
