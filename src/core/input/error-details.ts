/**
 * Reads `code` and `message` off thrown values without `instanceof Error`: errors from Node internals
 * (zlib, fs) may come from another realm (e.g. under a test runner's sandbox) and fail that check.
 */
export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function errorMessage(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}
