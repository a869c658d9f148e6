/**
 * The whole shared corpus through the core, every principal bound to the permissive baseline (a what-if
 * run: "if every caller were an agent allowed everything not sensitive"). For each Stratus Red Team
 * technique the Invictus lab run contains, the technique's own calls (user agent `stratus-red-team_…`,
 * not the Terraform that sets it up) must be flagged in the category that fits the technique.
 */
import { permissiveBaseline } from '../../../src/core/baseline';
import { loadActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { LeashCore } from '../../../src/core/leash-core';
import { isWindowFinding, severityRank, type Category, type Verdict } from '../../../src/core/model';
import { corpusEntries, describeWithCorpus, type CorpusEntry } from '../../support/corpus';

interface Technique {
  readonly id: string;
  /** The technique's key calls (eventName), as Stratus's detonation makes them. */
  readonly events: readonly string[];
  readonly category: Category;
  /**
   * Stratus's cleanup call for the technique (same event name, same user agent) undoes it — removes the
   * share, restores the trust policy: it is not part of the technique and is left out.
   */
  readonly isCleanup?: (record: Record<string, unknown>) => boolean;
}

const params = (r: Record<string, unknown>): string => JSON.stringify(r.requestParameters ?? {});
const removesShare = (r: Record<string, unknown>): boolean => /"remove"|valuesToRemove/.test(params(r));

/** Expected category per technique, chosen for what the calls do to an agent's blast radius. */
const TECHNIQUES: readonly Technique[] = [
  {
    id: 'aws.credential-access.ec2-get-password-data',
    events: ['GetPasswordData'],
    category: 'credential-access',
  },
  {
    id: 'aws.credential-access.secretsmanager-retrieve-secrets',
    events: ['GetSecretValue'],
    category: 'credential-access',
  },
  {
    id: 'aws.credential-access.ssm-retrieve-securestring-parameters',
    events: ['GetParameters'],
    category: 'credential-access',
  },
  // Running commands on an instance acts with the instance role's permissions: escalation by existing compute.
  { id: 'aws.execution.ssm-send-command', events: ['SendCommand'], category: 'privilege-escalation' },
  { id: 'aws.defense-evasion.cloudtrail-delete', events: ['DeleteTrail'], category: 'defense-evasion' },
  {
    id: 'aws.defense-evasion.cloudtrail-event-selectors',
    events: ['PutEventSelectors'],
    category: 'defense-evasion',
    isCleanup: (r) => /"includeManagementEvents":true,"readWriteType":"All"/.test(params(r)),
  },
  {
    id: 'aws.defense-evasion.cloudtrail-lifecycle-rule',
    events: ['PutBucketLifecycle'],
    category: 'defense-evasion',
  },
  { id: 'aws.defense-evasion.cloudtrail-stop', events: ['StopLogging'], category: 'defense-evasion' },
  {
    id: 'aws.defense-evasion.organizations-leave',
    events: ['LeaveOrganization'],
    category: 'defense-evasion',
  },
  { id: 'aws.defense-evasion.vpc-remove-flow-logs', events: ['DeleteFlowLogs'], category: 'defense-evasion' },
  // User data routinely holds secrets: reading it is credential access (every call here was refused).
  {
    id: 'aws.discovery.ec2-download-user-data',
    events: ['DescribeInstanceAttribute'],
    category: 'credential-access',
  },
  // Ten GPU instances at once is a resource burst, refused or not.
  { id: 'aws.execution.ec2-launch-unusual-instances', events: ['RunInstances'], category: 'velocity' },
  {
    id: 'aws.exfiltration.ec2-security-group-open-port-22-ingress',
    events: ['AuthorizeSecurityGroupIngress'],
    category: 'exfiltration',
  },
  {
    id: 'aws.exfiltration.ec2-share-ami',
    events: ['ModifyImageAttribute'],
    category: 'exfiltration',
    isCleanup: removesShare,
  },
  {
    id: 'aws.exfiltration.ec2-share-ebs-snapshot',
    events: ['ModifySnapshotAttribute'],
    category: 'exfiltration',
    isCleanup: removesShare,
  },
  {
    id: 'aws.exfiltration.rds-share-snapshot',
    events: ['ModifyDBSnapshotAttribute'],
    category: 'exfiltration',
    isCleanup: removesShare,
  },
  { id: 'aws.exfiltration.s3-backdoor-bucket-policy', events: ['PutBucketPolicy'], category: 'exfiltration' },
  // An agent identity signing in to the console means someone is using it by hand.
  {
    id: 'aws.initial-access.console-login-without-mfa',
    events: ['ConsoleLogin'],
    category: 'cross-boundary',
  },
  {
    id: 'aws.persistence.iam-backdoor-role',
    events: ['UpdateAssumeRolePolicy'],
    category: 'persistence',
    // The cleanup puts back the original trust policy: EC2 only.
    isCleanup: (r) => !/arn:aws:iam::/.test(params(r)),
  },
  { id: 'aws.persistence.iam-backdoor-user', events: ['CreateAccessKey'], category: 'persistence' },
  { id: 'aws.persistence.iam-create-admin-user', events: ['CreateUser'], category: 'persistence' },
  {
    id: 'aws.persistence.iam-create-user-login-profile',
    events: ['CreateLoginProfile'],
    category: 'persistence',
  },
  {
    id: 'aws.persistence.lambda-backdoor-function',
    events: ['AddPermission20150331v2'],
    category: 'persistence',
  },
  // Replacing a function's code runs attacker code with the function's role.
  {
    id: 'aws.persistence.lambda-overwrite-code',
    events: ['UpdateFunctionCode20150331v2'],
    category: 'privilege-escalation',
  },
  {
    id: 'aws.persistence.rolesanywhere-create-trust-anchor',
    events: ['CreateTrustAnchor', 'CreateProfile'],
    category: 'persistence',
  },
];

const isStratusCall = (e: CorpusEntry): boolean => {
  const ua = String(e.record.userAgent ?? '');
  return e.source === 'invictus-aws_dataset' && ua.includes('stratus-red-team_') && !ua.includes('Terraform');
};

describeWithCorpus(
  'the shared corpus through the core (permissive baseline, every principal an agent)',
  () => {
    const verdicts = new Map<string, Verdict>();
    let core: LeashCore;

    beforeAll(async () => {
      const catalog = await loadActionCatalog();
      core = new LeashCore({
        catalog,
        baselines: [permissiveBaseline()],
        overrides: [{ principalGlob: '*', baseline: 'permissive' }],
      });
      const emit = (v: Verdict): void => {
        verdicts.set(v.event.eventId, v);
      };
      for (const entry of corpusEntries()) core.pushRecord(entry.record, emit, entry.file);
      core.flush(emit);
    });

    it('judges every complete record and counts every incomplete one', () => {
      expect(core.stats.judged + core.stats.duplicates + core.stats.ignored).toBe(core.stats.received);
      expect(core.stats.received + core.malformed.count).toBe(corpusEntries().length);
      expect(core.stats.ignored).toBe(0);
    });

    it('flags each Stratus technique of the Invictus run in the category that fits it', () => {
      const rows: string[] = [];
      const missed: string[] = [];
      for (const technique of TECHNIQUES) {
        const calls = corpusEntries().filter(
          (e) =>
            isStratusCall(e) &&
            technique.events.includes(String(e.record.eventName)) &&
            !technique.isCleanup?.(e.record),
        );
        expect(calls.length).toBeGreaterThan(0);
        const counts = new Map<string, number>();
        let flagged = 0;
        for (const call of calls) {
          const verdict = verdicts.get(String(call.record.eventID));
          const categories = new Set(verdict?.findings.map((f) => f.category));
          for (const c of categories) counts.set(c, (counts.get(c) ?? 0) + 1);
          if (categories.has(technique.category)) flagged++;
          else
            missed.push(`${technique.id}: ${String(call.record.eventName)} ${String(call.record.eventID)}`);
        }
        const byCategory = [...counts].map(([c, n]) => `${c}=${n}`).join(' ');
        rows.push(
          `${technique.id.padEnd(60)} ${flagged}/${calls.length} as ${technique.category}   [${byCategory}]`,
        );
      }
      console.log(`Stratus techniques in the Invictus run:\n${rows.join('\n')}`);
      expect(missed).toEqual([]);
    });

    it('raises nothing above low on benign read-only traffic: AWS-internal calls and a person browsing S3', () => {
      const benign = corpusEntries().filter((e) => {
        const r = e.record;
        const ua = String(r.userAgent ?? '');
        return (
          e.source === 'invictus-aws_dataset' &&
          e.label_hint === null &&
          r.readOnly === true &&
          !r.errorCode &&
          (ua === 'AWS Internal' || (r.eventSource === 's3.amazonaws.com' && /console|Mozilla/i.test(ua)))
        );
      });
      expect(benign.length).toBeGreaterThan(100);
      // Rates and bursts are about the principal's whole minute (here Terraform and the console share one
      // user): they are attached to whichever call crossed the line, so they are not this record's own.
      const loud = benign
        .map((e) => verdicts.get(String(e.record.eventID)))
        .flatMap((v) => v?.findings.filter((f) => !isWindowFinding(f) && severityRank(f.severity) > 1) ?? [])
        .map((f) => `${f.eventId}: ${f.detector}/${f.severity}`);
      console.log(`benign read-only records: ${benign.length}, above low: ${loud.length}`);
      expect(loud).toEqual([]);
    });
  },
);
