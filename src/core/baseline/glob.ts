/**
 * IAM-style globs: `*` matches any run of characters (including `/` and `:`), `?` exactly one. There is no
 * escaping, as in IAM policies. Each glob is compiled once into a matcher; the common shapes (`*`, exact,
 * `prefix*`, `*suffix`, `*infix*`) become plain string checks, and the rest use a backtracking-free
 * two-pointer match instead of a RegExp, because ARNs come from CloudTrail records that an agent influences:
 * a pattern like `a*a*a*b` on a long crafted resource name must not stall the engine.
 */

export type GlobMatcher = (value: string) => boolean;

export interface GlobOptions {
  /** Compare ignoring case (IAM actions); ARNs are compared as written. */
  readonly ignoreCase?: boolean;
}

const STAR = 42; // '*'
const QUESTION = 63; // '?'

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

const matchAll: GlobMatcher = () => true;
const matchNone: GlobMatcher = () => false;

/** Compile `pattern` once; the returned function does no allocation when `ignoreCase` is off. */
export function compileGlob(pattern: string, options: GlobOptions = {}): GlobMatcher {
  const ignoreCase = options.ignoreCase === true;
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const matcher = shapeMatcher(p);
  if (!ignoreCase || p === '*') return matcher;
  return (value) => matcher(value.toLowerCase());
}

/** One matcher for several globs: true when any of them matches (never, for no globs). */
export function compileGlobs(patterns: readonly string[], options: GlobOptions = {}): GlobMatcher {
  if (patterns.length === 0) return matchNone;
  if (patterns.includes('*')) return matchAll;
  const matchers = patterns.map((p) => compileGlob(p, options));
  if (matchers.length === 1) return matchers[0];
  return (value) => {
    for (const m of matchers) if (m(value)) return true;
    return false;
  };
}

function shapeMatcher(p: string): GlobMatcher {
  if (p === '*') return matchAll;
  if (!p.includes('?')) {
    const stars = countStars(p);
    if (stars === 0) return (value) => value === p;
    if (stars === 1 && p.endsWith('*')) {
      const prefix = p.slice(0, -1);
      return (value) => value.startsWith(prefix);
    }
    if (stars === 1 && p.startsWith('*')) {
      const suffix = p.slice(1);
      return (value) => value.endsWith(suffix);
    }
    if (stars === 2 && p.startsWith('*') && p.endsWith('*')) {
      const infix = p.slice(1, -1);
      return (value) => value.includes(infix);
    }
  }
  return (value) => wildcardMatch(p, value);
}

function countStars(p: string): number {
  let n = 0;
  for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) === STAR) n++;
  return n;
}

/**
 * Classic greedy wildcard match: on a mismatch, retry from the last `*` one character further on. Worst
 * case O(pattern × value), never exponential.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    const c = p < pattern.length ? pattern.charCodeAt(p) : -1;
    if (c === QUESTION || (c !== STAR && c === value.charCodeAt(v))) {
      p++;
      v++;
    } else if (c === STAR) {
      star = p++;
      mark = v;
    } else if (star !== -1) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}
