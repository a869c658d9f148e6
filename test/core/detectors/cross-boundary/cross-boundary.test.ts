import { accountBoundary } from '../../../../src/core/detectors/cross-boundary/account-boundary';
import { assumeRole } from '../../../../src/core/detectors/cross-boundary/assume-role';
import { chainedSession } from '../../../../src/core/detectors/cross-boundary/chained-session';
import { regionBoundary } from '../../../../src/core/detectors/cross-boundary/region-boundary';
import {
  asAssumedRole,
  byEvent,
  corpusRecord,
  describeWithCorpus,
  type CorpusRecord,
} from '../../../support/corpus';
import { detectorHarness, findingsOf, testBaseline, type Harness } from '../../../support/detector-harness';

const invictus = (pred: (r: CorpusRecord) => boolean) => (r: CorpusRecord, e: { source: string }) =>
  e.source.startsWith('invictus') && pred(r);

/** AWS's documented cross-account AssumeRole (an IAM user's), re-attributed to an agent role. */
const crossAccountAssumeRole = (): CorpusRecord =>
  asAssumedRole(
    corpusRecord(
      'cross-account AssumeRole',
      (r, e) =>
        e.source.startsWith('awsdocs') &&
        byEvent('sts', 'AssumeRole')(r) &&
        r.userIdentity?.type === 'IAMUser',
    ),
  );

describeWithCorpus('cross-boundary detectors on real records', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await detectorHarness();
  });

  describe('boundary.region', () => {
    const euOnly = testBaseline({ regions: ['eu-west-1'] });
    it('fires on a regional call outside the baseline regions', () => {
      const describe = asAssumedRole(
        corpusRecord('DescribeInstances', invictus(byEvent('ec2', 'DescribeInstances', null))),
      );
      const [finding] = h.run(regionBoundary, describe, euOnly);
      expect(finding).toMatchObject({ detector: 'boundary.region', severity: 'medium' });
      expect(finding.message).toContain('us-east-1');
    });
    it('exempts IAM and global STS calls recorded in us-east-1, and baselines without regions', () => {
      const iam = asAssumedRole(
        corpusRecord('ListAttachedRolePolicies', invictus(byEvent('iam', 'ListAttachedRolePolicies'))),
      );
      const sts = asAssumedRole(
        corpusRecord('GetCallerIdentity', invictus(byEvent('sts', 'GetCallerIdentity'))),
      );
      expect(h.run(regionBoundary, iam, euOnly)).toEqual([]);
      expect(h.run(regionBoundary, sts, euOnly)).toEqual([]);
      const describe = asAssumedRole(
        corpusRecord('DescribeInstances', invictus(byEvent('ec2', 'DescribeInstances', null))),
      );
      expect(h.run(regionBoundary, describe, testBaseline({ regions: ['us-east-1'] }))).toEqual([]);
      expect(h.run(regionBoundary, describe)).toEqual([]);
    });
  });

  describe('boundary.account', () => {
    const describe = () =>
      asAssumedRole(corpusRecord('DescribeInstances', invictus(byEvent('ec2', 'DescribeInstances', null))));
    it('fires when the recording account is not listed', () => {
      expect(
        h.run(accountBoundary, describe(), testBaseline({ accounts: ['111111111111'] }))[0]?.severity,
      ).toBe('high');
    });
    it('fires on an AssumeRole towards an unlisted account', () => {
      // Re-attributed to an agent whose account is listed.
      const record = crossAccountAssumeRole();
      record.recipientAccountId = '123456789012';
      const [finding] = h.run(accountBoundary, record, testBaseline({ accounts: ['123456789012'] }));
      expect(finding.message).toContain('111122223333');
    });
    it('does not fire inside the listed accounts', () => {
      const record = describe();
      const account = String(record.recipientAccountId);
      expect(h.run(accountBoundary, record, testBaseline({ accounts: [account] }))).toEqual([]);
    });
  });

  describe('boundary.assume-role', () => {
    it('fires (medium) when the agent assumes another role in its account', () => {
      // Stratus's IAM user assuming its technique role, re-attributed to an agent role in the same account.
      const record = asAssumedRole(
        corpusRecord('AssumeRole', invictus(byEvent('sts', 'AssumeRole', null))),
        'arn:aws:iam::123837392027:role/agents/ci-fixer',
      );
      const [finding] = h.run(assumeRole, record);
      expect(finding).toMatchObject({ detector: 'boundary.assume-role', severity: 'medium' });
    });
    it('is high across accounts and when refused', () => {
      const cross = crossAccountAssumeRole();
      expect(h.run(assumeRole, cross)[0]?.severity).toBe('high');
      const refused = asAssumedRole(
        corpusRecord('refused AssumeRole', invictus(byEvent('sts', 'AssumeRole', 'AccessDenied'))),
      );
      expect(h.run(assumeRole, refused)[0]?.severity).toBe('high');
    });
    it('does not fire for a service assuming its role, nor the other account’s copy', () => {
      expect(
        h.run(
          assumeRole,
          corpusRecord(
            'service AssumeRole',
            (r) => byEvent('sts', 'AssumeRole')(r) && r.userIdentity?.type === 'AWSService',
          ),
        ),
      ).toEqual([]);
      expect(
        h.run(
          assumeRole,
          corpusRecord(
            'AWSAccount AssumeRole',
            (r) => byEvent('sts', 'AssumeRole')(r) && r.userIdentity?.type === 'AWSAccount',
          ),
        ),
      ).toEqual([]);
    });
  });

  describe('boundary.chained-session', () => {
    const run = (record: CorpusRecord, chainedThrough?: string) => {
      const ctx = h.context(record);
      return findingsOf(chainedSession.evaluate({ ...ctx, agent: { ...ctx.agent, chainedThrough } }));
    };
    it('raises medium for the first chained call of a window, info after, naming the originating agent', () => {
      // The real calls Stratus made through its technique role, seen as an agent's chained session.
      const stratusCall = (r: CorpusRecord): boolean =>
        byEvent('ec2', 'GetPasswordData')(r) && r.userIdentity?.type === 'AssumedRole';
      const firstCall = corpusRecord('GetPasswordData 1', stratusCall);
      const calls = [
        firstCall,
        corpusRecord('GetPasswordData 2', (r) => stratusCall(r) && r.eventID !== firstCall.eventID),
      ];
      const through = 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-get-password-data-role';
      const [first] = run(calls[0], through);
      const [second] = run(calls[1], through);
      expect(first.severity).toBe('medium');
      expect(first.message).toContain(first.details?.originatingAgent as string);
      expect(second.severity).toBe('info');
      expect(first.key).not.toBe(second.key);
    });
    it('does not fire on a call with the agent’s own credentials', () => {
      expect(run(corpusRecord('GetPasswordData', byEvent('ec2', 'GetPasswordData')))).toEqual([]);
    });
  });
});
