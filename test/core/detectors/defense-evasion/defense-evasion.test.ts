import { bedrockGuardrails } from '../../../../src/core/detectors/defense-evasion/bedrock-guardrails';
import { cloudTrailTampering } from '../../../../src/core/detectors/defense-evasion/cloudtrail-tampering';
import { configTampering } from '../../../../src/core/detectors/defense-evasion/config-tampering';
import { guardDutyTampering } from '../../../../src/core/detectors/defense-evasion/guardduty-tampering';
import { logDeletion } from '../../../../src/core/detectors/defense-evasion/log-deletion';
import { organizationLeave } from '../../../../src/core/detectors/defense-evasion/organization-leave';
import { s3LogImpairment } from '../../../../src/core/detectors/defense-evasion/s3-log-impairment';
import { securityServicesTampering } from '../../../../src/core/detectors/defense-evasion/security-services-tampering';
import {
  asAssumedRole,
  byEvent,
  corpusRecord,
  describeWithCorpus,
  type CorpusRecord,
} from '../../../support/corpus';
import { detectorHarness, testBaseline, type Harness } from '../../../support/detector-harness';

const stratus = (r: CorpusRecord): boolean => String(r.userAgent ?? '').includes('stratus-red-team');
const stopLoggingByRole = (): CorpusRecord =>
  corpusRecord(
    'StopLogging by a role',
    (r, e) => byEvent('cloudtrail', 'StopLogging', null)(r) && e.source === 'panther-analysis',
  );

describeWithCorpus('defense-evasion detectors on real records', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await detectorHarness();
  });

  describe('evasion.cloudtrail', () => {
    it('fires on a Stratus DeleteTrail attempt (re-attributed to an agent role) and on StopLogging', () => {
      // Invictus records are an IAM user's: re-attributed to an assumed-role agent (userIdentity only).
      const del = asAssumedRole(
        corpusRecord('DeleteTrail', (r) => byEvent('cloudtrail', 'DeleteTrail')(r) && stratus(r)),
      );
      const [finding] = h.run(cloudTrailTampering, del);
      expect(finding).toMatchObject({ detector: 'evasion.cloudtrail', category: 'defense-evasion' });
      const stop = stopLoggingByRole();
      expect(h.run(cloudTrailTampering, stop)[0]?.severity).toBe('critical');
    });

    it('fires when PutEventSelectors drops management events, not when it restores them', () => {
      const selectors = (include: boolean) => (r: CorpusRecord) =>
        byEvent('cloudtrail', 'PutEventSelectors')(r) &&
        stratus(r) &&
        JSON.stringify(r.requestParameters).includes(`"includeManagementEvents":${include}`);
      const drop = asAssumedRole(corpusRecord('PutEventSelectors dropping management', selectors(false)));
      const restore = asAssumedRole(corpusRecord('PutEventSelectors restoring', selectors(true)));
      expect(h.run(cloudTrailTampering, drop)[0]?.message).toMatch(/management events no longer logged/);
      expect(h.run(cloudTrailTampering, restore)).toEqual([]);
    });

    it('lowers the severity when the baseline grants the action by name', () => {
      const stop = stopLoggingByRole();
      const baseline = testBaseline({ allowActions: ['cloudtrail:StopLogging'] });
      expect(h.run(cloudTrailTampering, stop, baseline)[0]?.severity).toBe('medium');
    });
  });

  describe('evasion.guardduty', () => {
    // No GuardDuty write exists in the corpus: these are the real GetDetector record re-shaped into the
    // write it would be (eventName and requestParameters changed, as the GuardDuty API documents them).
    const detectorUpdate = (enable: boolean): CorpusRecord => ({
      ...asAssumedRole(corpusRecord('GetDetector', byEvent('guardduty', 'GetDetector'))),
      eventName: 'UpdateDetector',
      requestParameters: { detectorId: '12abc34d567e8fa901bc2d34e56789f0', enable },
    });
    it('fires when a detector is disabled', () => {
      expect(h.run(guardDutyTampering, detectorUpdate(false))[0]?.severity).toBe('high');
    });
    it('does not fire when it stays enabled, nor on reads', () => {
      expect(h.run(guardDutyTampering, detectorUpdate(true))).toEqual([]);
      expect(
        h.run(guardDutyTampering, corpusRecord('GetDetector', byEvent('guardduty', 'GetDetector'))),
      ).toEqual([]);
    });
  });

  describe('evasion.config', () => {
    it('fires on DeleteDeliveryChannel, not on PutDeliveryChannel', () => {
      const del = corpusRecord('DeleteDeliveryChannel', byEvent('config', 'DeleteDeliveryChannel', null));
      expect(h.run(configTampering, del)[0]).toMatchObject({ detector: 'evasion.config', severity: 'high' });
      expect(
        h.run(
          configTampering,
          corpusRecord('PutDeliveryChannel', byEvent('config', 'PutDeliveryChannel', null)),
        ),
      ).toEqual([]);
    });
  });

  describe('evasion.log-deletion', () => {
    it('fires on DeleteFlowLogs and DeleteResolverQueryLogConfig, not on CreateFlowLogs', () => {
      const flow = asAssumedRole(corpusRecord('DeleteFlowLogs', byEvent('ec2', 'DeleteFlowLogs')));
      expect(h.run(logDeletion, flow)[0]?.severity).toBe('high');
      const dns = corpusRecord(
        'DeleteResolverQueryLogConfig',
        byEvent('route53resolver', 'DeleteResolverQueryLogConfig'),
      );
      expect(h.run(logDeletion, dns)).toHaveLength(1);
      expect(h.run(logDeletion, corpusRecord('CreateFlowLogs', byEvent('ec2', 'CreateFlowLogs')))).toEqual(
        [],
      );
    });
  });

  describe('evasion.s3-log-impairment', () => {
    it('fires on the Stratus one-day lifecycle rule', () => {
      const rule = asAssumedRole(
        corpusRecord('PutBucketLifecycle', (r) => byEvent('s3', 'PutBucketLifecycle')(r) && stratus(r)),
      );
      expect(h.run(s3LogImpairment, rule)[0]?.message).toMatch(/expire after 1 day/);
    });
    it('does not fire on a disabled rule, a two-year retention or a lifecycle deletion', () => {
      const lifecycle = (pred: (text: string) => boolean) => (r: CorpusRecord) =>
        byEvent('s3', 'PutBucketLifecycle')(r) && pred(JSON.stringify(r.requestParameters));
      expect(
        h.run(
          s3LogImpairment,
          corpusRecord(
            'disabled rule',
            lifecycle((t) => t.includes('"Disabled"')),
          ),
        ),
      ).toEqual([]);
      expect(
        h.run(
          s3LogImpairment,
          corpusRecord(
            '730 days',
            lifecycle((t) => t.includes('730')),
          ),
        ),
      ).toEqual([]);
      expect(
        h.run(
          s3LogImpairment,
          asAssumedRole(corpusRecord('DeleteBucketLifecycle', byEvent('s3', 'DeleteBucketLifecycle'))),
        ),
      ).toEqual([]);
    });
    it('fires when bucket logging is turned off, not when it is turned on', () => {
      const logging = (enabled: boolean) => (r: CorpusRecord) =>
        byEvent('s3', 'PutBucketLogging', null)(r) &&
        JSON.stringify(r.requestParameters).includes('LoggingEnabled') === enabled &&
        JSON.stringify(r.requestParameters).includes('BucketLoggingStatus');
      expect(h.run(s3LogImpairment, corpusRecord('logging off', logging(false)))[0]?.severity).toBe('medium');
      expect(h.run(s3LogImpairment, corpusRecord('logging on', logging(true)))).toEqual([]);
    });
  });

  describe('evasion.security-services', () => {
    // No Security Hub write exists in the corpus: the real DescribeHub record re-shaped into DisableSecurityHub.
    it('fires on DisableSecurityHub, not on DescribeHub', () => {
      const describeHub = asAssumedRole(corpusRecord('DescribeHub', byEvent('securityhub', 'DescribeHub')));
      const disable = {
        ...describeHub,
        eventName: 'DisableSecurityHub',
        errorCode: undefined,
        errorMessage: undefined,
      };
      expect(h.run(securityServicesTampering, disable)[0]?.severity).toBe('high');
      expect(h.run(securityServicesTampering, describeHub)).toEqual([]);
    });
  });

  describe('evasion.organization-leave', () => {
    it('fires (critical) on the refused Stratus LeaveOrganization, not on DescribeOrganization', () => {
      const leave = corpusRecord(
        'LeaveOrganization',
        (r) => byEvent('organizations', 'LeaveOrganization')(r) && stratus(r),
      );
      const [finding] = h.run(organizationLeave, leave);
      expect(finding).toMatchObject({ severity: 'critical' });
      expect(finding.message).toMatch(/refused: AccessDenied/);
      expect(
        h.run(
          organizationLeave,
          corpusRecord('DescribeOrganization', byEvent('organizations', 'DescribeOrganization')),
        ),
      ).toEqual([]);
    });
  });

  describe('evasion.bedrock-guardrails', () => {
    it('fires on DeleteGuardrail and DeleteModelInvocationLoggingConfiguration, not on UpdateGuardrail', () => {
      expect(
        h.run(bedrockGuardrails, corpusRecord('DeleteGuardrail', byEvent('bedrock', 'DeleteGuardrail'))),
      ).toHaveLength(1);
      const logging = corpusRecord(
        'DeleteModelInvocationLoggingConfiguration',
        byEvent('bedrock', 'DeleteModelInvocationLoggingConfiguration'),
      );
      expect(h.run(bedrockGuardrails, logging)).toHaveLength(1);
      expect(
        h.run(bedrockGuardrails, corpusRecord('UpdateGuardrail', byEvent('bedrock', 'UpdateGuardrail'))),
      ).toEqual([]);
    });
  });

  it('never throws on odd request shapes', () => {
    const base = asAssumedRole(corpusRecord('PutEventSelectors', byEvent('cloudtrail', 'PutEventSelectors')));
    for (const requestParameters of [
      null,
      'x',
      { eventSelectors: [null, 1, 'a'] },
      { advancedEventSelectors: [{ fieldSelectors: 3 }] },
    ]) {
      expect(() => h.run(cloudTrailTampering, { ...base, requestParameters })).not.toThrow();
    }
    const lifecycle = asAssumedRole(corpusRecord('PutBucketLifecycle', byEvent('s3', 'PutBucketLifecycle')));
    for (const LifecycleConfiguration of [
      null,
      { Rule: [null, { Status: 'Enabled', Expiration: { Days: 'x' } }] },
    ]) {
      expect(() =>
        h.run(s3LogImpairment, { ...lifecycle, requestParameters: { LifecycleConfiguration } }),
      ).not.toThrow();
    }
  });
});
