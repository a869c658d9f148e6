import { loadActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { EventNormalizer } from '../../../src/core/normalize/normalize-record';
import {
  asAssumedRole,
  byEvent,
  corpusEntries,
  corpusRecord,
  describeWithCorpus,
} from '../../support/corpus';

describeWithCorpus('normalising the shared corpus', () => {
  let normalizer: EventNormalizer;
  beforeAll(async () => {
    normalizer = new EventNormalizer(await loadActionCatalog());
  });

  it('normalises every complete record and explains every incomplete one', () => {
    const failures = new Map<string, number>();
    let ok = 0;
    for (const entry of corpusEntries()) {
      const result = normalizer.normalize(entry.record);
      if (result.ok) ok++;
      else {
        const reason = result.error.replace(/ \(.*\)$/, '');
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
    }
    // Panther's partial test records lack eventSource or eventTime; everything else must normalise.
    expect(ok).toBeGreaterThan(3250);
    for (const reason of failures.keys()) expect(reason).toMatch(/^missing |^eventTime is not a date/);
    const unknown = [...normalizer.actions.unknown.keys()].map((k) => k.replace('\u0000', ' '));
    console.log(
      `normalised ${ok}, failed ${[...failures.values()].reduce((a, b) => a + b, 0)}; unknown actions: ${unknown.join(', ')}`,
    );
    expect(unknown.length).toBeLessThan(40);
  });

  it('maps Lambda API-version suffixes and host prefixes to IAM actions', () => {
    const create = normalizer.normalize(
      corpusRecord('CreateFunction', byEvent('lambda', 'CreateFunction20150331')),
    );
    expect(create.ok && create.event.action).toMatchObject({ action: 'lambda:CreateFunction', known: true });
    const code = normalizer.normalize(
      corpusRecord('UpdateFunctionCode', byEvent('lambda', 'UpdateFunctionCode20150331v2')),
    );
    expect(code.ok && code.event.action).toMatchObject({
      action: 'lambda:UpdateFunctionCode',
      accessLevel: 'Write',
    });
    const metric = normalizer.normalize(
      corpusRecord('monitoring', (r) => r.eventSource === 'monitoring.amazonaws.com'),
    );
    expect(metric.ok && metric.event.action.service).toBe('cloudwatch');
    const attach = normalizer.normalize(corpusRecord('AttachRolePolicy', byEvent('iam', 'AttachRolePolicy')));
    expect(attach.ok && attach.event.action.accessLevel).toBe('Permissions management');
    const lifecycle = normalizer.normalize(
      corpusRecord('PutBucketLifecycle', byEvent('s3', 'PutBucketLifecycle')),
    );
    expect(lifecycle.ok && lifecycle.event.action.action).toBe('s3:PutLifecycleConfiguration');
  });

  it('binds an assumed-role caller to its issuing role, with path, session and key', () => {
    const record = asAssumedRole(corpusRecord('GetSecretValue', byEvent('secretsmanager', 'GetSecretValue')));
    const result = normalizer.normalize(record);
    if (!result.ok) throw new Error(result.error);
    expect(result.event.identity).toMatchObject({
      type: 'AssumedRole',
      principalArn: 'arn:aws:iam::123456789012:role/agents/ci-fixer',
      name: 'ci-fixer',
      sessionName: 'agent-session',
      accessKeyId: 'ASIAEXAMPLEAGENTKEY1',
    });
  });

  it('reads service events, whose identity names only the service', () => {
    const record = corpusRecord(
      'SharedSnapshotVolumeCreated',
      (r) => r.eventName === 'SharedSnapshotVolumeCreated',
    );
    const result = normalizer.normalize(record);
    if (!result.ok) throw new Error(result.error);
    expect(result.event.identity).toMatchObject({
      type: 'AWSService',
      principalArn: 'service:ec2.amazonaws.com',
    });
  });

  it('marks cross-account callers', () => {
    const events = corpusEntries()
      .map((e) => normalizer.normalize(e.record))
      .flatMap((r) => (r.ok ? [r.event] : []));
    const cross = events.filter((e) => e.identity.crossAccount);
    expect(cross.length).toBeGreaterThan(0);
    for (const e of cross) expect(e.identity.accountId).not.toBe(e.recipientAccountId);
    expect(events.filter((e) => !e.identity.crossAccount).length).toBeGreaterThan(3000);
  });
});

describe('normalising malformed input', () => {
  let normalizer: EventNormalizer;
  beforeAll(async () => {
    normalizer = new EventNormalizer(await loadActionCatalog());
  });
  it.each([
    [null, 'not a JSON object'],
    [[1, 2], 'not a JSON object'],
    [{ eventSource: 's3.amazonaws.com' }, 'missing eventName'],
    [
      { eventName: 'X', eventSource: 's3.amazonaws.com', eventTime: 'yesterday', eventID: '1' },
      'eventTime is not a date',
    ],
    [
      { eventName: 'X', eventSource: 's3.amazonaws.com', eventTime: '2024-01-01T00:00:00Z', eventID: '1' },
      'userIdentity',
    ],
  ])('%j is refused with a reason', (input, reason) => {
    const result = normalizer.normalize(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(reason);
  });

  // Hosts and event names are untrusted: they must not find Object.prototype members in lookup tables.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'maps %s as a host or an event name without throwing',
    (name) => {
      for (const [eventSource, eventName, action] of [
        [`${name}.amazonaws.com`, 'GetObject', `${name}:GetObject`],
        ['s3.amazonaws.com', name, `s3:${name}`],
      ]) {
        const result = normalizer.normalize({
          eventName,
          eventSource,
          eventTime: '2024-01-01T00:00:00Z',
          eventID: '1',
          userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/u' },
          requestParameters: { bucketName: 'b' },
        });
        expect(result.ok && result.event.action).toMatchObject({ action, known: false });
      }
    },
  );
});
