import type { Severity } from '../../model';
import { asString } from '../../normalize/json-shape';
import type { Mark } from '../../state/agent-state';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf, refusedSuffix } from '../finding';
import { ASSUME_ROLE_ACTIONS } from '../cross-boundary/role-target';
import { failedWithoutEffect } from '../privilege-escalation/outcome';
import {
  CHAIN_WINDOW_MS,
  evidenceOf,
  nameOf,
  PASS_TO_COMPUTE_ACTIONS,
  passedRoleOf,
  StepKey,
} from './chain-steps';
import { SHARE_OUT_ACTIONS, sharesOut } from './share-out';

const SECRET_READS: readonly string[] = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
];
const ROLE_POLICY_WRITES: readonly string[] = ['iam:AttachRolePolicy', 'iam:PutRolePolicy'];
const USER_POLICY_WRITES: readonly string[] = ['iam:AttachUserPolicy', 'iam:PutUserPolicy'];
const POLICY_VERSION_WRITES: readonly string[] = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'];

type Step = (ctx: DetectorContext) => DetectorResult;

function recall(ctx: DetectorContext, key: string): Mark | undefined {
  return ctx.state.recall(key, ctx.event.time, CHAIN_WINDOW_MS);
}

function remember(ctx: DetectorContext, key: string, data?: Record<string, string>): void {
  ctx.state.mark(key, { eventId: ctx.event.eventId, time: ctx.event.time, data });
}

function chainFinding(
  ctx: DetectorContext,
  severity: Severity,
  chain: string,
  evidence: string[],
): DetectorResult {
  return findingOf(knownChain, ctx, {
    severity,
    message: `${ctx.agent.principalArn} completed the chain ${chain}${refusedSuffix(ctx)}`,
    evidence,
    details: { chain, steps: evidence.length + 1 },
  });
}

/** A building step that remembers that the principal named by request field `field` went through it. */
const remembersNamed =
  (field: 'roleName' | 'userName', keyOf: (name: string) => string): Step =>
  (ctx) => {
    const name = asString(ctx.event.requestParameters[field]);
    if (name !== undefined) remember(ctx, keyOf(name));
    return undefined;
  };

const roleAddedToProfile: Step = (ctx) => {
  const { roleName, instanceProfileName } = ctx.event.requestParameters;
  const role = asString(roleName);
  const profile = asString(instanceProfileName);
  if (role !== undefined && profile !== undefined) remember(ctx, StepKey.profileRole(profile), { role });
  return undefined;
};

/** create role → attach/put policy → pass it to compute (RunInstances with its profile, CreateFunction …). */
const passedToCompute: Step = (ctx) => {
  const passed = passedRoleOf(ctx.event);
  if (passed === undefined) return undefined;
  const profileMark =
    passed.profile !== undefined ? recall(ctx, StepKey.profileRole(passed.profile)) : undefined;
  const role = passed.role ?? profileMark?.data?.role;
  if (role === undefined) return undefined;
  const empowered = recall(ctx, StepKey.roleEmpowered(role));
  if (empowered === undefined) return undefined;
  const created = recall(ctx, StepKey.roleCreated(role));
  const evidence = evidenceOf(created, empowered, profileMark);
  const chain = `${created ? 'create role → ' : ''}attach policy to ${role} → pass it to ${ctx.event.action.action}`;
  return chainFinding(ctx, created ? 'critical' : 'high', chain, evidence);
};

/** iam-014/016/017 (policy, then assume) and iam-019/020/021 (policy, trust edit, then assume). */
const roleAssumed: Step = (ctx) => {
  const role = nameOf(ctx.event.requestParameters.roleArn);
  if (role === undefined) return undefined;
  const empowered = recall(ctx, StepKey.roleEmpowered(role)) ?? recall(ctx, StepKey.policyVersion);
  const trust = recall(ctx, StepKey.trustEdited(role));
  if (trust !== undefined) {
    const chain = `${empowered ? 'change policy → ' : ''}edit trust of ${role} → assume it`;
    return chainFinding(ctx, empowered ? 'critical' : 'high', chain, evidenceOf(empowered, trust));
  }
  if (empowered === undefined) return undefined;
  return chainFinding(ctx, 'high', `change policy → assume ${role}`, evidenceOf(empowered));
};

/** iam-015/018 and Stratus iam-create-admin-user: (create user →) give it a policy → mint it a key. */
const userKeyCreated: Step = (ctx) => {
  const user = asString(ctx.event.requestParameters.userName);
  if (user === undefined) return undefined;
  const empowered = recall(ctx, StepKey.userEmpowered(user));
  if (empowered === undefined) return undefined;
  const created = recall(ctx, StepKey.userCreated(user));
  const chain = `${created ? 'create user → ' : ''}attach policy to ${user} → create an access key for it`;
  return chainFinding(ctx, created ? 'critical' : 'high', chain, evidenceOf(created, empowered));
};

const policyVersionWritten: Step = (ctx) => {
  const policy = asString(ctx.event.requestParameters.policyArn);
  remember(ctx, StepKey.policyVersion, policy === undefined ? undefined : { policy });
  return undefined;
};

const secretRead: Step = (ctx) => {
  remember(ctx, StepKey.secretRead, { action: ctx.event.action.action });
  return undefined;
};

/** Read a secret or parameter, then open data outward: the classic smash-and-grab. */
const sharedOut: Step = (ctx) => {
  const how = sharesOut(ctx);
  if (how === undefined) return undefined;
  const read = recall(ctx, StepKey.secretRead);
  if (read === undefined) return undefined;
  const chain = `read a secret (${read.data?.action ?? 'secret'}) → ${how} (${ctx.event.action.action})`;
  return chainFinding(ctx, 'high', chain, evidenceOf(read));
};

/** Steps that only count when they happened (they build the chain). */
const BUILDING_STEPS = new Map<string, Step>([
  ['iam:CreateRole', remembersNamed('roleName', StepKey.roleCreated)],
  ...ROLE_POLICY_WRITES.map((a): [string, Step] => [a, remembersNamed('roleName', StepKey.roleEmpowered)]),
  ['iam:UpdateAssumeRolePolicy', remembersNamed('roleName', StepKey.trustEdited)],
  ['iam:AddRoleToInstanceProfile', roleAddedToProfile],
  ['iam:CreateUser', remembersNamed('userName', StepKey.userCreated)],
  ...USER_POLICY_WRITES.map((a): [string, Step] => [a, remembersNamed('userName', StepKey.userEmpowered)]),
  ...POLICY_VERSION_WRITES.map((a): [string, Step] => [a, policyVersionWritten]),
  ...SECRET_READS.map((a): [string, Step] => [a, secretRead]),
]);

/** Steps that complete a chain: a refused attempt still counts (the agent tried to finish it). */
const FINAL_STEPS = new Map<string, Step>([
  ...PASS_TO_COMPUTE_ACTIONS.map((a): [string, Step] => [a, passedToCompute]),
  ...ASSUME_ROLE_ACTIONS.map((a): [string, Step] => [a, roleAssumed]),
  ['iam:CreateAccessKey', userKeyCreated],
  ...SHARE_OUT_ACTIONS.map((a): [string, Step] => [a, sharedOut]),
]);

export const knownChain: Detector = {
  id: 'sequence.known-chain',
  category: 'sequence',
  severity: 'high',
  rationale: 'Each step alone can be routine; together they are a known escalation or exfiltration path.',
  triggers: [...BUILDING_STEPS.keys(), ...FINAL_STEPS.keys()],
  evaluate(ctx: DetectorContext): DetectorResult {
    const action = ctx.event.action.action;
    const building = BUILDING_STEPS.get(action);
    if (building !== undefined) return ctx.event.errorCode === undefined ? building(ctx) : undefined;
    const final = FINAL_STEPS.get(action);
    if (final === undefined || failedWithoutEffect(ctx.event)) return undefined;
    return final(ctx);
  },
};
