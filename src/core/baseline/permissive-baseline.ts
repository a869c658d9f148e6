/**
 * The baseline for agents nobody has written one for yet: everything except the sensitive actions, which
 * no wildcard grants. It observes only, so it can be the default binding while real baselines are being
 * written or generated.
 */
import type { CompiledBaseline } from './compiled-baseline';
import { BaselineError } from './diagnostics';
import { parseBaselineText } from './parse-baseline';

export const PERMISSIVE_BASELINE_SOURCE = '<builtin:permissive>';

export const PERMISSIVE_BASELINE_YAML = `name: permissive
description: Everything except sensitive actions (which a wildcard never grants); observe only
mode: observe
allow:
  - actions: ["*"]
    resources: ["*"]
`;

let permissive: CompiledBaseline | undefined;

/** The compiled builtin permissive baseline (compiled once, shared). */
export function permissiveBaseline(): CompiledBaseline {
  if (!permissive) {
    // No catalog needed: '*' is the only pattern, and the tests check this text against the catalog.
    const result = parseBaselineText(PERMISSIVE_BASELINE_YAML, PERMISSIVE_BASELINE_SOURCE, undefined);
    if (!result.baseline) throw new BaselineError(result.errors);
    permissive = result.baseline;
  }
  return permissive;
}
