/** How a generated baseline widens resource ARNs: one path level at a time, never past the resource's root. */

/** `arn:aws:s3:::bucket/logs/2026/a.json` → `arn:aws:s3:::bucket/logs/2026/*`; ARNs without a path stay. */
export function parentPattern(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash > arn.indexOf(':::') + 3 && slash > 0 ? `${arn.slice(0, slash + 1)}*` : arn;
}

/**
 * One level wider than `pattern`, an ARN or a pattern `parentPattern` made: `…/logs/2026/a.json` →
 * `…/logs/2026/*` → `…/logs/*`. A pattern at its root (`arn:aws:s3:::bucket/*`) stays as it is.
 */
export function widerPattern(pattern: string): string {
  if (!pattern.endsWith('/*')) return parentPattern(pattern);
  const wider = parentPattern(pattern.slice(0, -2));
  return wider.endsWith('/*') ? wider : pattern;
}
