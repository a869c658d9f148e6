/** Tolerant readers of `requestParameters` shapes (records are untrusted input). */
import { asObject } from '../../normalize/json-shape';

/** `value` as an array, or an empty one. */
export function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The field `name` of `value` when `value` is an object. */
export function fieldOf(value: unknown, name: string): unknown {
  return asObject(value)?.[name];
}

/** True for `false` and the string `"false"` (some exports stringify booleans). */
export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

/** A number, or a numeric string, else undefined. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
