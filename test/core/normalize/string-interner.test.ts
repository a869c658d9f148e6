import fc from 'fast-check';
import { StringInterner } from '../../../src/core/normalize/string-interner';

describe('StringInterner', () => {
  it('returns a string equal to its input, whatever came before (many values sharing few slots)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 200 }), (values) => {
        const interner = new StringInterner(8);
        for (const v of values) expect(interner.intern(v)).toBe(v);
      }),
    );
  });

  it('passes undefined and the empty string through', () => {
    const interner = new StringInterner();
    expect(interner.internOptional(undefined)).toBeUndefined();
    expect(interner.internOptional('')).toBe('');
  });
});
