import { catalogFromData, catalogToData } from '../../../src/core/catalog/action-catalog';
import { loadActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { EventNormalizer } from '../../../src/core/normalize/normalize-record';
import { expectSameCatalog } from '../../support/same-catalog';

describe('catalog as data (the Lambda bundle and replay read workers)', () => {
  it('rebuilds a catalog that knows every action, its IAM spelling and its access level', async () => {
    const catalog = await loadActionCatalog();
    const copy = catalogFromData(structuredClone(catalogToData(catalog)));
    expect(expectSameCatalog(copy, catalog, (name) => name.toUpperCase())).toBeGreaterThan(10_000);
  });

  it('looks services up in any case, builds each once, and knows nothing of services IAM lacks', () => {
    const catalog = catalogFromData({
      S3: { GetObject: 'Read', PutObject: 'Write' },
      iam: { PassRole: 'Write' },
    });
    expect(catalog.services()).toEqual(['s3', 'iam']);
    expect(catalog.hasService('s3')).toBe(true);
    expect(catalog.hasService('IAM')).toBe(true);
    expect(catalog.lookup('s3', 'getobject')).toEqual({ name: 'GetObject', accessLevel: 'Read' });
    expect(catalog.lookup('S3', 'PUTOBJECT')).toBe(catalog.lookup('s3', 'PutObject'));
    expect(catalog.actionsOf('S3')).toEqual(['GetObject', 'PutObject']);
    expect(catalog.lookup('s3', 'DeleteObject')).toBeUndefined();
    expect(catalog.hasService('ec2')).toBe(false);
    expect(catalog.lookup('ec2', 'RunInstances')).toBeUndefined();
    expect(catalog.actionsOf('ec2')).toEqual([]);
  });

  it('maps events exactly as the catalog it was made from', async () => {
    const catalog = await loadActionCatalog();
    const original = new EventNormalizer(catalog).actions;
    const copied = new EventNormalizer(catalogFromData(catalogToData(catalog))).actions;
    const calls: [string, string][] = [
      ['lambda.amazonaws.com', 'CreateFunction20150331'],
      ['monitoring.amazonaws.com', 'PutMetricData'],
      ['iam.amazonaws.com', 'PassRole'],
      ['s3.amazonaws.com', 'GetObject'],
      ['sts.amazonaws.com', 'AssumeRole'],
      ['ec2.amazonaws.com', 'NoSuchCall'],
    ];
    for (const [source, name] of calls) expect(copied.map(source, name)).toEqual(original.map(source, name));
  });
});
