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
