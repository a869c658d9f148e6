import { knownChain } from '../../../../src/core/detectors/sequence/known-chain';
import type { Finding } from '../../../../src/core/model';
import {
  asAssumedRole,
  byEvent,
  corpusRecord,
  describeWithCorpus,
  type CorpusRecord,
} from '../../../support/corpus';
import { detectorHarness, type Harness } from '../../../support/detector-harness';

/**
 * The invictus records are the Stratus IAM user's (Terraform setting up, then the attacks): every step is
 * re-attributed to one agent role (userIdentity only), as if the agent had made the whole chain.
 */
const step = (
  what: string,
  source: string,
  name: string,
  pred: (r: CorpusRecord) => boolean = () => true,
): CorpusRecord =>
  asAssumedRole(
    corpusRecord(
      what,
      (r, e) => e.source.startsWith('invictus') && byEvent(source, name, null)(r) && pred(r),
    ),
  );
const about =
  (field: string, value: string) =>
  (r: CorpusRecord): boolean =>
    (r.requestParameters as Record<string, unknown> | null)?.[field] === value;
const inside =
  (text: string) =>
  (r: CorpusRecord): boolean =>
    JSON.stringify(r.requestParameters).includes(text);

async function feed(records: readonly CorpusRecord[], h?: Harness): Promise<Finding[]> {
  const harness = h ?? (await detectorHarness());
  return records.flatMap((r) => harness.run(knownChain, r));
}

describeWithCorpus('sequence.known-chain on real sequences', () => {
  it('create role → attach policy → instance profile → RunInstances (critical, with the earlier steps as evidence)', async () => {
    const role = 'stratus-red-team-ec2-steal-credentials-role';
    const chain = [
      step('CreateRole', 'iam', 'CreateRole', about('roleName', role)),
      step('AttachRolePolicy', 'iam', 'AttachRolePolicy', about('roleName', role)),
      step('AddRoleToInstanceProfile', 'iam', 'AddRoleToInstanceProfile', about('roleName', role)),
      step(
        'RunInstances with the profile',
        'ec2',
        'RunInstances',
        inside('stratus-red-team-ec2-steal-credentials-instance'),
      ),
    ];
    const findings = await feed(chain);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      detector: 'sequence.known-chain',
      severity: 'critical',
      eventId: chain[3].eventID,
    });
    expect(findings[0].evidence).toEqual([chain[0].eventID, chain[1].eventID, chain[2].eventID]);
  });

  it('Stratus iam-create-admin-user: CreateUser → AttachUserPolicy → CreateAccessKey (critical)', async () => {
    const user = about('userName', 'malicious-iam-user');
    const chain = [
      step('CreateUser', 'iam', 'CreateUser', user),
      step('AttachUserPolicy', 'iam', 'AttachUserPolicy', user),
      step('CreateAccessKey', 'iam', 'CreateAccessKey', user),
    ];
    const [finding] = await feed(chain);
    expect(finding.severity).toBe('critical');
    expect(finding.evidence).toEqual([chain[0].eventID, chain[1].eventID]);
  });

  it('put policy on a role → assume it (iam-017 shape, high)', async () => {
    const role = 'stratus-red-team-ec2-get-password-data-role';
    const chain = [
      step('PutRolePolicy', 'iam', 'PutRolePolicy', about('roleName', role)),
      step('AssumeRole', 'sts', 'AssumeRole', inside(`role/${role}`)),
    ];
    const [finding] = await feed(chain);
    expect(finding).toMatchObject({ severity: 'high', evidence: [chain[0].eventID] });
  });

  it('read a secret → share a snapshot out (high); removing the share does not fire', async () => {
    const secret = step('GetSecretValue', 'secretsmanager', 'GetSecretValue');
    const share = step('ModifySnapshotAttribute add', 'ec2', 'ModifySnapshotAttribute', inside('"add"'));
    const unshare = step(
      'ModifySnapshotAttribute remove',
      'ec2',
      'ModifySnapshotAttribute',
      inside('"remove"'),
    );
    const h = await detectorHarness();
    expect(await feed([secret, unshare], h)).toEqual([]);
    const [finding] = await feed([share], h);
    expect(finding).toMatchObject({ severity: 'high', evidence: [secret.eventID] });
  });

  it('read a secret → bucket policy opened to another account (high), but not a `*` pinned to the organisation', async () => {
    const secret = step('GetSecretValue', 'secretsmanager', 'GetSecretValue');
    // Stratus s3-backdoor-bucket-policy: the bucket is opened to an outside account's root.
    const backdoor = step('PutBucketPolicy to another account', 's3', 'PutBucketPolicy', inside(':root'));
    const [finding] = await feed([secret, backdoor]);
    expect(finding).toMatchObject({ severity: 'high', evidence: [secret.eventID] });
    expect(finding.message).toContain('bucket policy grants account 193672423079');
    // The same call with the policy of Panther's test-06 sample instead: `Principal: "*"` limited by
    // `aws:PrincipalOrgID`, which keeps the bucket inside the organisation (as `exfil.bucket-policy` reads it).
    const pinned = corpusRecord('PutBucketPolicy pinned to the organisation', (r) => r.eventID === 'test-06');
    const orgOnly: CorpusRecord = {
      ...backdoor,
      eventID: `${String(backdoor.eventID)}-org-pinned`,
      requestParameters: {
        ...(backdoor.requestParameters as object),
        ...(pinned.requestParameters as object),
      },
    };
    expect(await feed([secret, orgOnly])).toEqual([]);
  });

  it('does not fire on a last step alone, nor when the steps target different principals', async () => {
    expect(await feed([step('RunInstances', 'ec2', 'RunInstances', inside('iamInstanceProfile'))])).toEqual(
      [],
    );
    expect(
      await feed([
        step(
          'CreateAccessKey',
          'iam',
          'CreateAccessKey',
          about('userName', 'stratus-red-team-backdoor-u-user'),
        ),
      ]),
    ).toEqual([]);
    const other = [
      step('AttachUserPolicy', 'iam', 'AttachUserPolicy', about('userName', 'malicious-iam-user')),
      step(
        'CreateAccessKey other user',
        'iam',
        'CreateAccessKey',
        about('userName', 'stratus-red-team-backdoor-u-user'),
      ),
    ];
    expect(await feed(other)).toEqual([]);
  });

  it('ignores steps that failed (a refused attach built nothing)', async () => {
    const role = 'stratus-red-team-ec2-steal-credentials-role';
    const attach = step('AttachRolePolicy', 'iam', 'AttachRolePolicy', about('roleName', role));
    // The real attach, marked refused on this copy: the role never got the policy.
    attach.errorCode = 'AccessDenied';
    const run = step(
      'RunInstances with the profile',
      'ec2',
      'RunInstances',
      inside('stratus-red-team-ec2-steal-credentials-instance'),
    );
    const profile = step(
      'AddRoleToInstanceProfile',
      'iam',
      'AddRoleToInstanceProfile',
      about('roleName', role),
    );
    expect(await feed([attach, profile, run])).toEqual([]);
  });
});
