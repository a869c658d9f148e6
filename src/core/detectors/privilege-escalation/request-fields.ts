/**
 * Safe readers for `requestParameters` / `responseElements`: CloudTrail records are untrusted input, so
 * any field may be missing, null, a string where an object was expected, or redacted.
 */
import { asObject, asString, type JsonObject } from '../../normalize/json-shape';

/** The value at `path` under `root`, or undefined when any step is not an object. */
export function fieldAt(root: unknown, ...path: readonly string[]): unknown {
  let current: unknown = root;
  for (const step of path) {
    const object = asObject(current);
    if (!object) return undefined;
    current = object[step];
  }
  return current;
}

/** The non-empty string at `path`, or undefined. */
export function stringAt(root: unknown, ...path: readonly string[]): string | undefined {
  return asString(fieldAt(root, ...path));
}

/** True for `true` and for `"true"` (exports from Athena and CloudTrail Lake stringify booleans). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** True for `false` and the string `"false"` (the same stringified booleans). */
export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

/** A number, or a numeric string, else undefined (an empty string is no number). */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * `value` when it is an array, else an empty list. Stricter than `listOf`: for fields where a lone
 * value means "not a list" (S3 logs `logging: ""` when access logging is turned off).
 */
export function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An array, or the `items` of an EC2-style `{ items: [...] }` set, or a lone value as a one-element list. */
export function listOf(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  const items = asObject(value)?.items;
  if (Array.isArray(items)) return items;
  return value === undefined || value === null ? [] : [value];
}

/** Non-empty strings of a list (or a lone string). */
export function stringsOf(value: unknown): string[] {
  const out: string[] = [];
  for (const item of listOf(value)) {
    const s = asString(item);
    if (s !== undefined) out.push(s);
  }
  return out;
}

const MAX_DEPTH = 6;

/**
 * Every value found under a key in `keys` (lower-case) anywhere in `root`, up to a small depth. Services
 * nest the same parameter differently (and EC2 capitalises launch-template requests), so a bounded
 * case-insensitive search is sturdier than one fixed path per API.
 */
export function valuesUnderKeys(root: unknown, keys: ReadonlySet<string>): unknown[] {
  const found: unknown[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(value as JsonObject)) {
      if (keys.has(key.toLowerCase())) found.push(child);
      else visit(child, depth + 1);
    }
  };
  visit(root, 0);
  return found;
}
