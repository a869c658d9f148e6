/**
 * Expanding user paths into CloudTrail files: folders recursively, digest files and other files left out,
 * delivery files ordered by their delivery time across regions, problems as error items.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { deliveryTimestamp, listInputFiles, logFileKind, sortByDeliveryTime } from '../../../src/core/input';
import { tempFolder } from './input-fixtures';

const folder = tempFolder();
afterAll(() => folder.cleanup());

/** An S3 layout as `aws s3 sync s3://bucket/AWSLogs .` leaves it (content is irrelevant here). */
function s3Layout(): string {
  const root = join(folder.dir, 'AWSLogs');
  const files = [
    'o-abc/111122223333/CloudTrail/us-east-1/2023/07/10/111122223333_CloudTrail_us-east-1_20230710T1205Z_b.json.gz',
    'o-abc/111122223333/CloudTrail/us-east-1/2023/07/10/111122223333_CloudTrail_us-east-1_20230710T1145Z_z.json.gz',
    'o-abc/111122223333/CloudTrail/eu-west-1/2023/07/10/111122223333_CloudTrail_eu-west-1_20230710T1150Z_a.json.gz',
    'o-abc/111122223333/CloudTrail/eu-west-1/2023/07/10/111122223333_CloudTrail_eu-west-1_20230710T1205Z_a.json.gz',
    'o-abc/111122223333/CloudTrail-Digest/us-east-1/2023/07/10/111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20230710T1200Z.json.gz',
    'o-abc/111122223333/CloudTrail/us-east-1/2023/07/10/.111122223333_CloudTrail_us-east-1_20230710T1205Z_b.json.gz.swp',
    'o-abc/111122223333/CloudTrail/us-east-1/2023/07/10/._111122223333_CloudTrail_us-east-1_20230710T1205Z_b.json.gz',
    'o-abc/README.md',
    'o-abc/export.jsonl',
    'o-abc/Lake-Export.NDJSON',
  ];
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    folder.write(join('AWSLogs', file), '{}');
  }
  return root;
}

describe('listInputFiles', () => {
  it('walks folders, keeps CloudTrail-like files in delivery-time order, leaves out digests and dot-files', async () => {
    const root = s3Layout();
    const { files, errors, digestFilesSkipped } = await listInputFiles([root]);
    expect(errors).toEqual([]);
    expect(digestFilesSkipped).toBe(1);
    const base = join(root, 'o-abc', '111122223333', 'CloudTrail');
    expect(files).toEqual([
      join(base, 'us-east-1/2023/07/10/111122223333_CloudTrail_us-east-1_20230710T1145Z_z.json.gz'),
      join(base, 'eu-west-1/2023/07/10/111122223333_CloudTrail_eu-west-1_20230710T1150Z_a.json.gz'),
      join(base, 'eu-west-1/2023/07/10/111122223333_CloudTrail_eu-west-1_20230710T1205Z_a.json.gz'),
      join(base, 'us-east-1/2023/07/10/111122223333_CloudTrail_us-east-1_20230710T1205Z_b.json.gz'),
      // No delivery time in the name: after the delivery files, by path.
      join(root, 'o-abc', 'Lake-Export.NDJSON'),
      join(root, 'o-abc', 'export.jsonl'),
    ]);
  });

  it('keeps files named explicitly whatever their name, once each, and reports missing paths', async () => {
    const note = folder.write('notes.txt', 'x');
    const missing = join(folder.dir, 'nope.json.gz');
    const { files, errors } = await listInputFiles([note, missing, note]);
    expect(files).toEqual([note]);
    expect(errors).toEqual([
      { kind: 'error', origin: missing, message: `${missing}: no such file or folder — check the path` },
    ]);
  });

  it('tells log files from the digest and Insights files CloudTrail writes beside them, by name', () => {
    const dir = 'AWSLogs/111122223333';
    expect(
      logFileKind(
        `${dir}/CloudTrail/eu-west-1/2026/03/14/111122223333_CloudTrail_eu-west-1_20260314T1100Z_a.json.gz`,
      ),
    ).toBe('log');
    expect(logFileKind('export.JSONL')).toBe('log');
    expect(logFileKind('C:\\exports\\lake.ndjson')).toBe('log');
    expect(
      logFileKind(
        `${dir}/CloudTrail-Digest/eu-west-1/111122223333_CloudTrail-Digest_eu-west-1_t_eu-west-1_20260314T110000Z.json.gz`,
      ),
    ).toBe('digest');
    expect(
      logFileKind(
        `${dir}/CloudTrail-Insight/eu-west-1/111122223333_CloudTrail-Insight_eu-west-1_20260314T1100Z_a.json.gz`,
      ),
    ).toBe('insight');
    expect(logFileKind('notes.txt')).toBe('other');
    expect(logFileKind('logs/._111122223333_CloudTrail_eu-west-1_20260314T1100Z_a.json.gz')).toBe('other');
  });

  it('names a folder without CloudTrail files, counting the digests it left out', async () => {
    const empty = join(folder.dir, 'empty');
    mkdirSync(empty);
    const digests = join(folder.dir, 'digests-only');
    mkdirSync(digests);
    folder.write('digests-only/1_CloudTrail-Digest_us-east-1_t_us-east-1_20230710T1200Z.json.gz', '{}');
    folder.write('digests-only/readme.txt', 'x');
    const insights = join(folder.dir, 'insights');
    mkdirSync(insights);
    folder.write('insights/1_CloudTrail-Insight_us-east-1_20230710T1200Z_a.json.gz', '{}');
    folder.write('insights/1_CloudTrail-Insight_us-east-1_20230710T1300Z_b.json.gz', '{}');
    folder.write('insights/1_CloudTrail-Digest_us-east-1_t_us-east-1_20230710T1200Z.json.gz', '{}');
    const { files, errors, digestFilesSkipped, insightFilesSkipped } = await listInputFiles([
      empty,
      digests,
      insights,
    ]);
    expect(files).toEqual([]);
    expect(digestFilesSkipped).toBe(2);
    expect(insightFilesSkipped).toBe(2);
    const looked = 'looked for *.json, *.jsonl, *.ndjson, *.gz';
    const advice = 'pass the folder that holds the log files';
    expect(errors.map((e) => e.message)).toEqual([
      `${empty}: no CloudTrail files under ${empty} (${looked}) — ${advice}`,
      `${digests}: no CloudTrail files under ${digests} (${looked}; 1 digest file was left out) — ${advice}`,
      `${insights}: no CloudTrail files under ${insights} (${looked}; 1 digest file and 2 Insights files were left out) — ${advice}`,
    ]);
  });

  it('names each file as join(folder, name) does, however the folder is spelled', async () => {
    mkdirSync(join(folder.dir, 'spelled', 'inner'), { recursive: true });
    folder.write('spelled/1_CloudTrail_us-east-1_20230710T1200Z_a.json', '{}');
    folder.write('spelled/inner/b.jsonl', '{}');
    const absolute = join(folder.dir, 'spelled');
    const fromCwd = relative(process.cwd(), absolute);
    const spellings = [
      absolute,
      `${absolute}/`,
      `${absolute}//.`,
      `${fromCwd}/`,
      `./${fromCwd}`,
      `${fromCwd}/inner/..`,
    ];
    for (const spelling of spellings) {
      const { files } = await listInputFiles([spelling]);
      expect(files).toEqual([
        join(spelling, '1_CloudTrail_us-east-1_20230710T1200Z_a.json'),
        join(spelling, 'inner', 'b.jsonl'),
      ]);
    }
    const cwd = process.cwd();
    process.chdir(absolute);
    try {
      expect((await listInputFiles(['.'])).files).toEqual([
        '1_CloudTrail_us-east-1_20230710T1200Z_a.json',
        'inner/b.jsonl',
      ]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('follows symlinked folders without looping forever', async () => {
    const loop = join(folder.dir, 'loop');
    mkdirSync(loop);
    folder.write('loop/a.json', '{}');
    symlinkSync(loop, join(loop, 'again'));
    const { files, errors } = await listInputFiles([loop]);
    expect(errors).toEqual([]);
    expect(files).toEqual([join(loop, 'a.json')]);
  });
});

/** The order `sortByDeliveryTime` promises, as a comparator: delivery time (none last), then path. */
function byTimeThenPath(a: string, b: string): number {
  const [ta, tb] = [deliveryTimestamp(a), deliveryTimestamp(b)];
  if (ta !== tb) {
    if (ta === undefined) return 1;
    if (tb === undefined) return -1;
    return ta < tb ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

describe('delivery-time order', () => {
  it('sorts any names as comparing delivery time, then path', () => {
    const stamp = fc
      .tuple(
        fc.integer({ min: 2019, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 59 }),
      )
      .map(([y, m, min]) => `${y}${String(m).padStart(2, '0')}10T11${String(min).padStart(2, '0')}Z`);
    const name = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('a/', 'b/', '', 'z/é/'),
          fc.constantFrom('us-east-1', 'eu-west-1'),
          stamp,
          fc.string(),
        )
        .map(([dir, region, time, id]) => `${dir}111122223333_CloudTrail_${region}_${time}_${id}.json.gz`),
      fc.string(),
      fc.string().map((s) => `0${s}`),
    );
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), (files) => {
        expect(sortByDeliveryTime(files)).toEqual([...files].sort(byTimeThenPath));
      }),
    );
  });

  it('reads the delivery time of S3 delivery names, not of other names', () => {
    expect(deliveryTimestamp('/x/123456789012_CloudTrail_ap-southeast-2_20230710T1145Z_AbC.json.gz')).toBe(
      '20230710T1145Z',
    );
    expect(deliveryTimestamp('123456789012_CloudTrail-Insight_us-east-1_20230710T1145Z_AbC.json.gz')).toBe(
      '20230710T1145Z',
    );
    expect(deliveryTimestamp('events-20230710T1145Z.json')).toBeUndefined();
  });

  it('orders by time across regions, then by path', () => {
    expect(
      sortByDeliveryTime([
        'b/x.json',
        '1_CloudTrail_us-west-2_20230710T1200Z_b.json',
        'a/x.json',
        '1_CloudTrail_eu-west-1_20230710T1200Z_a.json',
        '1_CloudTrail_us-east-1_20230710T1100Z_z.json',
      ]),
    ).toEqual([
      '1_CloudTrail_us-east-1_20230710T1100Z_z.json',
      '1_CloudTrail_eu-west-1_20230710T1200Z_a.json',
      '1_CloudTrail_us-west-2_20230710T1200Z_b.json',
      'a/x.json',
      'b/x.json',
    ]);
  });
});
