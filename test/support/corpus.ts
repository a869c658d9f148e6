/**
 * Access to the shared corpus of real CloudTrail records (../shared/corpus by default, or $LEASH_CORPUS).
 * Records are read at test time and never copied into the project. Where the corpus is absent (a fresh
 * clone), the suites that need it are skipped with a notice; under CI=true its absence fails the run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface CorpusEntry {
  readonly source: string;
  readonly file: string;
  readonly index: number;
  readonly label_hint: 'attack' | 'rule_true' | 'rule_false' | null;
  readonly technique_hint: string | null;
  readonly record: Record<string, unknown>;
}

export const CORPUS_DIR = resolve(
  process.env.LEASH_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'),
);

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS_DIR, 'records.jsonl'));
}

/** `describe` that needs the corpus: skipped with a visible notice when it is absent, failing under CI. */
export function describeWithCorpus(name: string, body: () => void): void {
  if (corpusAvailable()) {
    describe(name, body);
    return;
  }
  const how = `no CloudTrail corpus at ${CORPUS_DIR}: set LEASH_CORPUS to a folder holding records.jsonl`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs the shared corpus', () => {
        throw new Error(how);
      });
    });
    return;
  }
  console.warn(`[leash tests] skipping "${name}": ${how}`);
  describe.skip(name, body);
}

let cache: CorpusEntry[] | undefined;

/** Every record of the shared corpus, one entry a record (records.jsonl). */
export function corpusEntries(): CorpusEntry[] {
  cache ??= readFileSync(join(CORPUS_DIR, 'records.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusEntry);
  return cache;
}

/** The first corpus record that satisfies `predicate`; throws (naming `what`) when none does. */
export function corpusRecord(
  what: string,
  predicate: (record: CorpusRecord, entry: CorpusEntry) => boolean,
): CorpusRecord {
  const entry = corpusEntries().find((e) => predicate(e.record as CorpusRecord, e));
  if (!entry) throw new Error(`no corpus record for: ${what}`);
  return structuredClone(entry.record) as CorpusRecord;
}

/** Shorthand predicate: matches eventSource prefix and eventName, optionally an errorCode (null = success). */
export function byEvent(
  eventSourcePrefix: string,
  eventName: string,
  errorCode?: string | null,
): (record: CorpusRecord) => boolean {
  return (r) =>
    typeof r.eventSource === 'string' &&
    r.eventSource.startsWith(eventSourcePrefix) &&
    r.eventName === eventName &&
    (errorCode === undefined || (errorCode === null ? r.errorCode === undefined : r.errorCode === errorCode));
}

export interface CorpusRecord extends Record<string, unknown> {
  eventSource?: string;
  eventName?: string;
  errorCode?: string;
  eventID?: string;
  userIdentity?: Record<string, unknown>;
}

/**
 * Re-attribute a real record to an assumed-role identity (changes `userIdentity` only, shaped as AWS
 * documents an AssumedRole caller). Used where the corpus only has an IAM-user record of a call.
 */
export function asAssumedRole(
  record: CorpusRecord,
  roleArn = 'arn:aws:iam::123456789012:role/agents/ci-fixer',
  sessionName = 'agent-session',
): CorpusRecord {
  const account = roleArn.split(':')[4];
  const roleName = roleArn.split('/').pop() as string;
  return {
    ...record,
    // The agent acts in its own account: keep the record from looking cross-account.
    recipientAccountId: account,
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLEAGENTROLE:${sessionName}`,
      arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
      accountId: account,
      accessKeyId: 'ASIAEXAMPLEAGENTKEY1',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLEAGENTROLE',
          arn: roleArn,
          accountId: account,
          userName: roleName,
        },
        attributes: { creationDate: record.eventTime, mfaAuthenticated: 'false' },
      },
    },
  };
}
