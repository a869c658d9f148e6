/**
 * The whole Invictus dataset (55 real S3 delivery files, 2,900 records) through listInputFiles and
 * readRecordsFromFile, as `.json` and gzipped as S3 delivers them: every record, identical to JSON.parse.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listInputFiles, readRecordsFromFile, type RawRecord } from '../../../src/core/input';
import { describeWithCorpus } from '../../support/corpus';
import { collect, errorsOf, INVICTUS_DIR, invictusFiles, recordsOf, tempFolder } from './input-fixtures';

describeWithCorpus('the Invictus dataset', () => {
  const folder = tempFolder();
  afterAll(() => folder.cleanup());

  it('lists its 55 delivery files in delivery-time order', async () => {
    const { files, errors, digestFilesSkipped } = await listInputFiles([INVICTUS_DIR]);
    expect(errors).toEqual([]);
    expect(digestFilesSkipped).toBe(0);
    expect(files).toHaveLength(55);
    const times = files.map((file) => /_(\d{8}T\d{4}Z)_/.exec(file)?.[1] ?? '');
    expect(times).toEqual([...times].sort());
  });

  it.each([
    ['as the .json files of the dataset', false],
    ['gzipped, as S3 delivers them', true],
  ])('reads all 2,900 records %s, each file identical to JSON.parse of it', async (_how, gzipped) => {
    const paths = gzipped
      ? invictusFiles().map((file) => folder.write(`${basename(file)}.gz`, gzipSync(readFileSync(file))))
      : invictusFiles();
    const { files } = await listInputFiles(gzipped ? [folder.dir] : [INVICTUS_DIR]);
    expect([...files].sort()).toEqual([...paths].sort());

    let total = 0;
    for (const file of files) {
      const items = await collect(readRecordsFromFile(file));
      expect(errorsOf(items)).toEqual([]);
      const original = `${INVICTUS_DIR}/${basename(file).replace(/\.gz$/, '')}`;
      const expected = (JSON.parse(readFileSync(original, 'utf8')) as { Records: RawRecord[] }).Records;
      expect(recordsOf(items)).toEqual(expected);
      expect(items.every((item) => item.origin === file)).toBe(true);
      total += items.length;
    }
    expect(total).toBe(2900);
  });
});
