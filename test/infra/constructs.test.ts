import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import { Alerts } from '../../lib/constructs/alerts';
import { CloudTrailApiCallRule } from '../../lib/constructs/cloudtrail-api-call-rule';
import { EventIngest } from '../../lib/constructs/event-ingest';
import { Evaluator, type EvaluatorProps } from '../../lib/constructs/evaluator';
import { LeashFunction } from '../../lib/constructs/leash-function';
import { RegionForwarderStack } from '../../lib/region-forwarder-stack';
import { assemblyDir } from './assembly-dir';

function stack(): Stack {
  const app = new App({ outdir: assemblyDir(), context: { 'aws:cdk:bundling-stacks': [] } });
  return new Stack(app, 'Test', { env: { account: '111122223333', region: 'eu-west-1' } });
}

function evaluatorProps(s: Stack, overrides: Partial<EvaluatorProps>): EvaluatorProps {
  return {
    queue: new Queue(s, 'Q'),
    alertTopic: new Topic(s, 'T'),
    baselines: [],
    catalog: { iam: { AttachRolePolicy: 'Permissions management' } },
    ...overrides,
  };
}

describe('construct props are validated, naming the bad value', () => {
  it('Evaluator', () => {
    const s = stack();
    expect(() => new Evaluator(s, 'E1', evaluatorProps(s, { batchSize: 0 }))).toThrow(/batchSize .* got 0/);
    const t = stack();
    expect(() => new Evaluator(t, 'E2', evaluatorProps(t, { agentTagKey: 'aws:agent' }))).toThrow(
      /'aws:agent'/,
    );
    const u = stack();
    expect(
      () =>
        new Evaluator(
          u,
          'E3',
          evaluatorProps(u, {
            baselines: [
              { file: 'a.yaml', text: '' },
              { file: 'a.yaml', text: '' },
            ],
          }),
        ),
    ).toThrow(/'a\.yaml' is given twice/);
  });

  it('Alerts', () => {
    expect(() => new Alerts(stack(), 'A', { email: 'security.example.com' })).toThrow(
      /'security\.example\.com'/,
    );
  });

  it('EventIngest', () => {
    expect(() => new EventIngest(stack(), 'I', { maxReceiveCount: 0 })).toThrow(/maxReceiveCount .* got 0/);
    expect(() => new EventIngest(stack(), 'I', { visibilityTimeout: Duration.hours(13) })).toThrow(
      /13 hours/,
    );
  });

  it('CloudTrailApiCallRule', () => {
    const s = stack();
    const target = new EventBusTarget(new EventBus(s, 'B'));
    expect(() => new CloudTrailApiCallRule(s, 'R', { target, callerTypes: ['AssumedRoles'] })).toThrow(
      /unknown userIdentity type 'AssumedRoles'/,
    );
  });

  it('LeashFunction', () => {
    expect(() => new LeashFunction(stack(), 'F', { entry: 'lambdas/nope.ts', description: 'x' })).toThrow(
      /entry 'lambdas\/nope\.ts' does not exist/,
    );
    expect(
      () =>
        new LeashFunction(stack(), 'F', {
          entry: 'lambdas/evaluate/handler.ts',
          description: 'x',
          timeout: Duration.minutes(16),
        }),
    ).toThrow(/16 minutes/);
    expect(
      () =>
        new LeashFunction(stack(), 'F', {
          entry: 'lambdas/evaluate/handler.ts',
          description: 'x',
          bundledData: { '../escape.json': {} },
        }),
    ).toThrow(/'\.\.\/escape\.json'/);
  });

  it('LeashFunction leaves no copy of its bundled data in the temporary folder', () => {
    // A private temporary folder, so other test processes cannot interfere. The construct reads it through
    // the node:os module object, the same one jest hands this file (process.env is a per-test copy).
    const privateTmp = mkdtempSync(join(tmpdir(), 'leash-function-tmp-'));
    const s = stack();
    const os = jest.requireActual<typeof import('node:os')>('node:os');
    const spy = jest.spyOn(os, 'tmpdir').mockReturnValue(privateTmp);
    try {
      new LeashFunction(s, 'F', {
        entry: 'lambdas/evaluate/handler.ts',
        description: 'x',
        bundledData: { 'data.json': { catalog: {} } },
      });
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    const left = readdirSync(privateTmp);
    rmSync(privateTmp, { recursive: true, force: true });
    expect(left).toEqual([]);
  });

  it('RegionForwarderStack refuses the home region', () => {
    const s = stack();
    const bus = new EventBus(s, 'B', { eventBusName: 'leash' });
    expect(
      () =>
        new RegionForwarderStack(s.node.scope as App, 'F', { env: { region: 'eu-west-1' }, homeBus: bus }),
    ).toThrow(/home region eu-west-1/);
  });
});
