#!/usr/bin/env node
/**
 * The CDK app. The only place that reads CDK context and the environment: it builds a typed
 * configuration, validates it and the baselines (synth fails with `file:line: message` on a bad one), and
 * creates the stacks.
 *
 * Context keys: baselines, homeRegion, regions, alertEmail, agentTagKey, protectedRoles.
 */
import { existsSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadActionCatalog } from '../src/core/catalog/iam-catalog';
import { leashInputs } from '../lib/baseline-sources';
import {
  ConfigError,
  DEFAULT_AGENT_TAG_KEY,
  DEFAULT_BASELINES,
  GLOBAL_EVENTS_REGION,
  validateConfig,
  type LeashConfig,
} from '../lib/config';
import { createLeashStacks, type LeashStacks } from '../lib/leash-app';

/** Read the configuration from context (CLI `-c key=value` or cdk.json) and the CDK environment. */
export function configFromContext(app: App, env: NodeJS.ProcessEnv): LeashConfig {
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const alertEmail = optionalString(context('alertEmail'), 'alertEmail');
  const account = env.CDK_DEFAULT_ACCOUNT;
  return {
    ...(account ? { account } : {}),
    // Without any region configured, us-east-1: it is the one region that must be covered anyway.
    homeRegion:
      optionalString(context('homeRegion'), 'homeRegion') ?? env.CDK_DEFAULT_REGION ?? GLOBAL_EVENTS_REGION,
    regions: stringList(context('regions'), 'regions'),
    baselines: optionalString(context('baselines'), 'baselines') ?? DEFAULT_BASELINES,
    ...(alertEmail ? { alertEmail } : {}),
    agentTagKey: optionalString(context('agentTagKey'), 'agentTagKey') ?? DEFAULT_AGENT_TAG_KEY,
    protectedRoles: stringList(context('protectedRoles'), 'protectedRoles'),
  };
}

/** Validate everything, then build the stacks into `app`. */
export async function buildLeashApp(app: App, env: NodeJS.ProcessEnv = process.env): Promise<LeashStacks> {
  const config = configFromContext(app, env);
  validateConfig(config);
  // The baseline loader would only say `<path>: no such file or directory`; name the context key to fix.
  if (!existsSync(config.baselines)) {
    throw new ConfigError([
      `baselines: '${config.baselines}' does not exist (relative paths start at ${process.cwd()}): ` +
        `point it at a baseline file or folder, e.g. -c baselines=baselines`,
    ]);
  }
  const inputs = leashInputs(config.baselines, await loadActionCatalog());
  for (const warning of inputs.warnings) console.warn(warning);
  return createLeashStacks(app, config, inputs);
}

/** A string, or undefined for absent/empty (`-c alertEmail=` clears a cdk.json value). */
function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string')
    throw new Error(`context '${key}' must be a string, got ${JSON.stringify(value)}`);
  return value.trim();
}

/** A JSON list of strings (cdk.json) or a comma-separated string (`-c regions=eu-west-1,us-east-1`). */
function stringList(value: unknown, key: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') {
    const trimmed = value.trim();
    // The CLI passes `-c key=["a","b"]` as a string too.
    if (trimmed.startsWith('[')) {
      try {
        return stringList(JSON.parse(trimmed) as unknown, key);
      } catch (error) {
        if (error instanceof SyntaxError)
          throw new Error(`context '${key}' is not valid JSON: ${trimmed}`, { cause: error });
        throw error;
      }
    }
    return trimmed
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((s) => s.trim());
  throw new Error(
    `context '${key}' must be a list of strings or a comma-separated string, got ${JSON.stringify(value)}`,
  );
}

async function main(): Promise<void> {
  const app = new App();
  // Every synth is checked: an unacknowledged AwsSolutions finding fails it with the report.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  await buildLeashApp(app);
  app.synth();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
