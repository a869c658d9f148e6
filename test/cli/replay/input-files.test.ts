/**
 * `leash replay`'s input list: local paths expanded by listInputFiles (delivery order, no digests or
 * dot-files, its error wording) with byte sizes added; `s3://` prefixes split off after the local files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listReplayInputs } from '../../../src/cli/replay/input-files';

const name = (region: string, stamp: string): string => `111122223333_CloudTrail_${region}_${stamp}_abc.json`;

describe('listReplayInputs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'leash-inputs-'));
    mkdirSync(join(dir, 'logs', 'us-east-1'), { recursive: true });
    mkdirSync(join(dir, 'logs', 'eu-west-1'), { recursive: true });
    mkdirSync(join(dir, 'digests-only'));
    writeFileSync(join(dir, 'logs', 'us-east-1', name('us-east-1', '20260314T1105Z')), '{"Records":[]}');
    writeFileSync(join(dir, 'logs', 'eu-west-1', name('eu-west-1', '20260314T1100Z')), '{"Records":[1]}');
    writeFileSync(join(dir, 'logs', 'eu-west-1', '._' + name('eu-west-1', '20260314T1100Z')), 'x');
    writeFileSync(
      join(dir, 'logs', '111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20260314T110000Z.json.gz'),
      'x',
    );
    writeFileSync(
      join(
        dir,
        'digests-only',
        '111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20260314T110000Z.json.gz',
      ),
      'x',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists local files in delivery order with their sizes, then the S3 prefixes', async () => {
    const listed = await listReplayInputs(['s3://trail/AWSLogs/', join(dir, 'logs')]);
    expect(listed.problems).toEqual([]);
    // Sizes are looked up when asked for: read them as a reader would.
    expect(
      listed.inputs.map((input) => (input.kind === 'file' ? { ...input, bytes: input.bytes } : input)),
    ).toEqual([
      { kind: 'file', path: join(dir, 'logs', 'eu-west-1', name('eu-west-1', '20260314T1100Z')), bytes: 15 },
      { kind: 'file', path: join(dir, 'logs', 'us-east-1', name('us-east-1', '20260314T1105Z')), bytes: 14 },
      { kind: 's3', url: 's3://trail/AWSLogs/', bucket: 'trail', prefix: 'AWSLogs/' },
    ]);
  });

  it('looks a size up when asked for, once; a file gone since the listing counts as 0 bytes', async () => {
    const folder = join(dir, 'sizes');
    mkdirSync(folder);
    const kept = join(folder, name('eu-west-1', '20260314T1200Z'));
    const gone = join(folder, name('eu-west-1', '20260314T1205Z'));
    writeFileSync(kept, '{"Records":[]}');
    writeFileSync(gone, '{"Records":[]}');
    const [first, second] = (await listReplayInputs([folder])).inputs;
    // Grown after the listing: the size is the one found when first asked for, then kept.
    writeFileSync(kept, '{"Records":[ ]}');
    expect(first.kind === 'file' && first.path === kept && first.bytes).toBe(15);
    rmSync(kept);
    expect(first.kind === 'file' && first.bytes).toBe(15);
    rmSync(gone);
    expect(second.kind === 'file' && second.path === gone && second.bytes).toBe(0);
  });

  it('gives one line per unusable path, naming it and what to do', async () => {
    const missing = join(dir, 'missing.json');
    const listed = await listReplayInputs([missing, join(dir, 'digests-only'), 's3://', 's3://bad bucket/x']);
    expect(listed.inputs).toEqual([]);
    expect(listed.problems).toEqual([
      's3://: not an S3 location — write it as s3://bucket/prefix',
      's3://bad bucket/x: not an S3 location — write it as s3://bucket/prefix',
      `${missing}: no such file or folder — check the path`,
      expect.stringMatching(
        /digests-only: no CloudTrail files under .*; 1 digest file was left out\) — pass the folder/,
      ),
    ]);
  });
});
