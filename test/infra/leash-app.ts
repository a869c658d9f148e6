/** Builds Leash apps for the infrastructure tests from the repository's own baselines. */
import { App } from 'aws-cdk-lib';
import { assemblyDir } from './assembly-dir';
import { leashInputs, type LeashInputs } from '../../lib/baseline-sources';
import type { LeashConfig } from '../../lib/config';
import { createLeashStacks, type LeashStacks } from '../../lib/leash-app';
import { loadActionCatalog } from '../../src/core/catalog/iam-catalog';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_BASELINES = join(__dirname, '..', '..', 'baselines');

export const TEST_CONFIG: LeashConfig = {
  account: '111122223333',
  homeRegion: 'eu-west-1',
  regions: ['us-east-1'],
  baselines: REPO_BASELINES,
  agentTagKey: 'leash:agent',
  protectedRoles: ['arn:aws:iam::*:role/break-glass-*'],
  alertEmail: 'security@example.com',
};

let inputs: Promise<LeashInputs> | undefined;

export function repoInputs(): Promise<LeashInputs> {
  inputs ??= loadActionCatalog().then((catalog) => leashInputs(REPO_BASELINES, catalog));
  return inputs;
}

/** The context cdk.json ships (feature flags included), so tests see what `cdk synth` produces. */
export function shippedContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface BuildOptions {
  readonly config?: Partial<LeashConfig>;
  /** Run esbuild (slow); off by default, the templates do not depend on it. */
  readonly bundle?: boolean;
  readonly app?: App;
}

export async function buildLeash(options: BuildOptions = {}): Promise<{ app: App; stacks: LeashStacks }> {
  const app = options.app ?? newApp({}, options.bundle ?? false);
  const stacks = createLeashStacks(app, { ...TEST_CONFIG, ...options.config }, await repoInputs());
  return { app, stacks };
}

/**
 * An app with the shipped context plus `context` (as `-c key=value` would set it); without bundling unless
 * asked (templates do not depend on it).
 */
export function newApp(context: Record<string, unknown> = {}, bundle = false): App {
  return new App({
    outdir: assemblyDir(),
    context: { ...shippedContext(), ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...context },
  });
}
