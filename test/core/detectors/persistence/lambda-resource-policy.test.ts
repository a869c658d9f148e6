import { lambdaResourcePolicy } from '../../../../src/core/detectors/persistence/lambda-resource-policy';
import { byEvent, corpusRecord, describeWithCorpus } from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';
import { atLeast, derived, only, recordById, refused, runAsPack } from '../privilege-escalation/helpers';

const STRATUS_BACKDOOR_FUNCTION = 'b1f37249-bb39-4b9c-a302-e6d0f807d70c';

describeWithCorpus('persistence.lambda-resource-policy', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises critical for a function invocable by anyone (Stratus lambda-backdoor-function)', () => {
    const record = recordById(STRATUS_BACKDOOR_FUNCTION);
    const finding = only(runAsPack(harness, lambdaResourcePolicy, record));
    expect(finding.severity).toBe('critical');
    expect(finding.details).toMatchObject({
      targetFunction: 'stratus-red-team-backdoor-f-func',
      statementId: 'backdoor',
      public: true,
    });
    expect(atLeast(only(runAsPack(harness, lambdaResourcePolicy, refused(record))).severity, 'high')).toBe(
      true,
    );
  });

  it('raises high for another account, nothing for a service principal (derived from the same record)', () => {
    const real = recordById(STRATUS_BACKDOOR_FUNCTION);
    const params = real.requestParameters as Record<string, unknown>;
    const external = derived(real, 'AddPermission20150331v2', { ...params, principal: '193672423079' });
    expect(only(runAsPack(harness, lambdaResourcePolicy, external)).details).toMatchObject({
      targetAccount: '193672423079',
    });
    const service = derived(real, 'AddPermission20150331v2', {
      ...params,
      principal: 's3.amazonaws.com',
      sourceAccount: '123837392027',
    });
    expect(runAsPack(harness, lambdaResourcePolicy, service)).toEqual([]);
  });

  it('does not fire when the record names no principal', () => {
    const record = corpusRecord(
      'AddPermission without principal',
      byEvent('lambda', 'AddPermission20150331'),
    );
    expect(runAsPack(harness, lambdaResourcePolicy, record)).toEqual([]);
  });
});
