/**
 * The shape of a baseline file, checked with zod before anything is compiled. Strict everywhere: an
 * unknown key is more likely a typo (`resource:` for `resources:`) than something to ignore, and ignoring
 * it could silently widen what the agent may do. Checks that need the IAM catalog live in
 * `action-patterns.ts`.
 */
import { z } from 'zod';
import { MODES, RESPONSE_TYPES } from '../model';
import { parseDuration } from './duration';
import { isRegionName } from '../regions';

export const BASELINE_NAME = /^[a-z0-9-]+$/;
const ACCOUNT = /^\d{12}$/;
const ARN_GLOB = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:./;

const nonEmpty = z.string().min(1, 'must not be empty');

const region = z.string().refine(isRegionName, 'must be an AWS region name such as eu-west-1');
const account = z.string().regex(ACCOUNT, 'must be a 12-digit AWS account id, quoted');
/** `regions` and `accounts` mean the same at the top and in a statement: absent is any, empty is a mistake. */
const regions = z.array(region).min(1, 'must list at least one region (omit it for any)');
const accounts = z.array(account).min(1, 'must list at least one account (omit it for any)');
const arnGlob = z
  .string()
  .refine(
    (s) => s === '*' || ARN_GLOB.test(s),
    "must be '*' or an ARN (arn:partition:service:region:account:resource)",
  );
const duration = z
  .string()
  .refine((s) => parseDuration(s) !== undefined, 'must be a positive duration such as 30s, 15m, 2h or 1h30m');
const positiveInt = z.number().int('must be a whole number').positive('must be greater than 0');

export const statementSchema = z.strictObject({
  sid: nonEmpty.optional(),
  actions: z.array(nonEmpty).min(1, 'must list at least one action'),
  resources: z.array(arnGlob).min(1, "must list at least one resource (omit it for '*')").optional(),
  regions: regions.optional(),
  accounts: accounts.optional(),
});

export const bindSchema = z.strictObject({
  roleArns: z.array(arnGlob).optional(),
  roleNames: z.array(nonEmpty).optional(),
  tags: z.array(nonEmpty).optional(),
});

export const rateSchema = z.strictObject({
  callsPerMinute: positiveInt.optional(),
  refusedPer5Minutes: positiveInt.optional(),
  discoveryActionsPer5Minutes: positiveInt.optional(),
});

export const workflowSchema = z.strictObject({
  name: nonEmpty,
  steps: z.array(nonEmpty).min(1, 'must list at least one step'),
  within: duration,
});

const responseList = z.array(z.enum(RESPONSE_TYPES));
export const responsesSchema = z.strictObject({
  info: responseList.optional(),
  low: responseList.optional(),
  medium: responseList.optional(),
  high: responseList.optional(),
  critical: responseList.optional(),
});

export const baselineSchema = z.strictObject({
  name: z.string().regex(BASELINE_NAME, 'must use only lower-case letters, digits and hyphens'),
  description: z.string().optional(),
  mode: z.enum(MODES).optional(),
  bind: bindSchema.optional(),
  regions: regions.optional(),
  accounts: accounts.optional(),
  allow: z.array(statementSchema).optional(),
  rate: rateSchema.optional(),
  workflows: z.array(workflowSchema).optional(),
  responses: responsesSchema.optional(),
});

/** A baseline as written (after schema validation, before compilation). */
export type BaselineSpec = z.infer<typeof baselineSchema>;
export type StatementSpec = z.infer<typeof statementSchema>;

/**
 * The keys each strict object accepts, by path shape (`allow[]` for any statement), so an unknown key can
 * be answered with "did you mean …".
 */
export const KNOWN_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['', Object.keys(baselineSchema.shape)],
  ['bind', Object.keys(bindSchema.shape)],
  ['allow[]', Object.keys(statementSchema.shape)],
  ['rate', Object.keys(rateSchema.shape)],
  ['workflows[]', Object.keys(workflowSchema.shape)],
  ['responses', Object.keys(responsesSchema.shape)],
]);
