import type { ActionCatalog } from '../../src/core/catalog/action-catalog';

/**
 * Asserts that `copy` knows exactly what `original` knows: the same services, the same actions in IAM
 * spelling, and the same answer for every lookup (in `lookupCase`, to check case-insensitive lookups).
 * Returns how many actions were compared, so a test can check the catalog was not empty.
 */
export function expectSameCatalog(
  copy: ActionCatalog,
  original: ActionCatalog,
  lookupCase: (name: string) => string = (name) => name,
): number {
  expect([...copy.services()].sort()).toEqual([...original.services()].sort());
  let actions = 0;
  for (const service of original.services()) {
    expect(copy.actionsOf(service)).toEqual(original.actionsOf(service));
    for (const name of original.actionsOf(service)) {
      actions++;
      expect(copy.lookup(service, lookupCase(name))).toEqual(original.lookup(service, name));
    }
  }
  return actions;
}
