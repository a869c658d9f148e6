/**
 * The action mapper on crafted input: millions of made-up event names must not grow its memory, and it
 * keeps mapping (and counting) right after it starts over.
 */
import { loadActionCatalog } from '../../../src/core/catalog/iam-catalog';
import {
  ActionMapper,
  MAPPER_PAIR_LIMIT,
  UNKNOWN_PAIRS_KEPT,
} from '../../../src/core/normalize/action-mapper';

describe('ActionMapper', () => {
  it('counts every unknown event but names only the first pairs, and maps the same after starting over', async () => {
    const mapper = new ActionMapper(await loadActionCatalog());
    const before = mapper.map('iam.amazonaws.com', 'AttachRolePolicy');
    expect(before).toMatchObject({ action: 'iam:AttachRolePolicy', accessLevel: 'Permissions management' });
    const made = MAPPER_PAIR_LIMIT + 1000;
    for (let i = 0; i < made; i++) mapper.map('madeup.amazonaws.com', `DoThing${i}`);
    mapper.map('madeup.amazonaws.com', 'DoThing0');
    expect(mapper.unknown.size).toBe(UNKNOWN_PAIRS_KEPT);
    expect(mapper.unknownEvents).toBe(made + 1);
    expect(mapper.unknown.get('madeup.amazonaws.com\u0000DoThing0')).toBe(2);
    expect(mapper.map('iam.amazonaws.com', 'AttachRolePolicy')).toEqual(before);
    expect(mapper.map('madeup.amazonaws.com', `DoThing${made - 1}`)).toMatchObject({
      action: `madeup:DoThing${made - 1}`,
      known: false,
    });
  });
});
