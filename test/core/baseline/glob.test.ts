import fc from 'fast-check';
import { compileGlob, compileGlobs, hasWildcard, wildcardMatch } from '../../../src/core/baseline/glob';
import { parseDuration } from '../../../src/core/baseline/duration';

/** The obvious (but per-call, backtracking) reference: translate the glob to an anchored RegExp. */
function reference(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

// Small alphabets make matches (and near misses) frequent.
const text = fc.string({ unit: fc.constantFrom('a', 'b', ':', '/', 'A'), maxLength: 12 });
const glob = fc.string({ unit: fc.constantFrom('a', 'b', ':', '/', '*', '?', 'A'), maxLength: 8 });

describe('glob', () => {
  it('matches IAM-style: * spans / and :, ? is one character, case-sensitive by default', () => {
    const arn = compileGlob('arn:aws:iam::*:role/agents/*');
    expect(arn('arn:aws:iam::123456789012:role/agents/ci-fixer')).toBe(true);
    expect(arn('arn:aws:iam::123456789012:role/agents/team/ci-fixer')).toBe(true);
    expect(arn('arn:aws:iam::123456789012:role/Agents/ci-fixer')).toBe(false);
    expect(compileGlob('a?c')('abc')).toBe(true);
    expect(compileGlob('a?c')('ac')).toBe(false);
    expect(compileGlob('*')('')).toBe(true);
    expect(compileGlob('s3:get*', { ignoreCase: true })('S3:GetObject')).toBe(true);
    expect(compileGlob('S3:GetObject', { ignoreCase: true })('s3:getobject')).toBe(true);
    expect(compileGlobs(['x', 'y*'])('yes')).toBe(true);
    expect(compileGlobs([])('anything')).toBe(false);
    expect(hasWildcard('s3:Get*')).toBe(true);
    expect(hasWildcard('s3:GetObject')).toBe(false);
  });

  it('property: compiled globs agree with a RegExp reference (every shape)', () => {
    fc.assert(
      fc.property(glob, text, fc.boolean(), (pattern, value, ignoreCase) => {
        expect(compileGlob(pattern, { ignoreCase })(value)).toBe(reference(pattern, value, ignoreCase));
      }),
      { numRuns: 5000 },
    );
  });

  it('property: a glob matches the strings built from it', () => {
    const filled = fc.tuple(glob, fc.array(text, { minLength: 8, maxLength: 8 })).map(([pattern, fills]) => {
      let i = 0;
      const value = pattern.replace(/[*?]/g, (c) => (c === '*' ? fills[i++] : (fills[i++][0] ?? 'x')));
      return [pattern, value] as const;
    });
    fc.assert(fc.property(filled, ([pattern, value]) => expect(wildcardMatch(pattern, value)).toBe(true)));
  });

  it('stays linear on adversarial input', () => {
    const pattern = `${'a*'.repeat(20)}b`;
    const value = 'a'.repeat(20_000);
    const start = Date.now();
    expect(compileGlob(pattern)(value)).toBe(false);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
  ])('%s', (input, ms) => expect(parseDuration(input)).toBe(ms));

  it.each(['', '0s', '15', '15 minutes', 'm', '30m1h', '-5m', '1.5h'])('refuses %p', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });
});
