import { leashTamper } from '../../../../src/core/detectors/defense-evasion/leash-tamper';
import { DEFAULT_DETECTOR_SETTINGS } from '../../../../src/core/detectors/detector';
import {
  asAssumedRole,
  byEvent,
  corpusRecord,
  describeWithCorpus,
  type CorpusRecord,
} from '../../../support/corpus';
import { detectorHarness, testBaseline } from '../../../support/detector-harness';

describeWithCorpus('evasion.leash-tamper', () => {
  // A real Stratus lambda-overwrite-code record, re-attributed to an agent role (userIdentity only).
  const overwrite = (): CorpusRecord =>
    asAssumedRole(
      corpusRecord(
        'UpdateFunctionCode',
        (r) =>
          byEvent('lambda', 'UpdateFunctionCode20150331v2')(r) &&
          String(r.userAgent).includes('stratus-red-team'),
      ),
    );
  const functionName = (r: CorpusRecord): string =>
    String((r.requestParameters as Record<string, unknown>).functionName);

  it("fires (critical) when the function is Leash's own, even if the baseline grants the action by name", async () => {
    const record = overwrite();
    // Treat the real function's name as Leash's resource marker, instead of editing the record.
    const h = await detectorHarness({
      ...DEFAULT_DETECTOR_SETTINGS,
      leashResourceMarkers: [functionName(record)],
    });
    const [finding] = h.run(
      leashTamper,
      record,
      testBaseline({ allowActions: ['lambda:UpdateFunctionCode'] }),
    );
    expect(finding).toMatchObject({ detector: 'evasion.leash-tamper', severity: 'critical' });
    expect(finding.message).toContain(functionName(record));
  });

  it('does not fire on the same write to a function that is not Leash', async () => {
    const h = await detectorHarness();
    expect(h.run(leashTamper, overwrite())).toEqual([]);
  });

  // No TagRole/UntagRole record exists in the corpus: a real AttachRolePolicy record (an assumed role) is
  // re-shaped into TagRole/UntagRole with the request shape CloudTrail documents ({key, value} tags, tagKeys).
  const tagCall = (eventName: string, requestParameters: Record<string, unknown>): CorpusRecord => ({
    ...corpusRecord(
      'AttachRolePolicy by a role',
      (r) => byEvent('iam', 'AttachRolePolicy', null)(r) && r.userIdentity?.type === 'AssumedRole',
    ),
    eventName,
    requestParameters,
  });

  it('fires when the agent tag is removed or changed, not for other tags', async () => {
    const h = await detectorHarness();
    const key = DEFAULT_DETECTOR_SETTINGS.agentTagKey;
    expect(
      h.run(leashTamper, tagCall('UntagRole', { roleName: 'ci-fixer', tagKeys: [key] }))[0]?.message,
    ).toMatch(/removed the agent tag/);
    expect(
      h.run(leashTamper, tagCall('TagRole', { roleName: 'ci-fixer', tags: [{ key, value: 'laxer' }] }))[0]
        ?.severity,
    ).toBe('critical');
    expect(
      h.run(leashTamper, tagCall('TagRole', { roleName: 'ci-fixer', tags: [{ key: 'team', value: 'x' }] })),
    ).toEqual([]);
    expect(h.run(leashTamper, tagCall('UntagRole', { roleName: 'ci-fixer', tagKeys: 'oops' }))).toEqual([]);
  });
});
