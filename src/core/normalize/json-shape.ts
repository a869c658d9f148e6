/** Narrowing helpers for untrusted JSON: CloudTrail records are input, not types. */
export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const EMPTY: JsonObject = Object.freeze({}) as JsonObject;

/** The object, or a shared frozen empty one (so callers read fields without checks). */
export function objectOrEmpty(value: unknown): JsonObject {
  return asObject(value) ?? EMPTY;
}
