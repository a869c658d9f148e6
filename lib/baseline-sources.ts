import { readFileSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { BaselineError, formatDiagnostic, loadBaselines } from '../src/core/baseline';
import type { ActionCatalog } from '../src/core/catalog/iam-catalog';
import { catalogToData, type CatalogData } from '../src/core/catalog/action-catalog';
import type { BaselineSource } from '../lambdas/shared/leash-data';

export interface LeashInputs {
  readonly baselines: readonly BaselineSource[];
  readonly catalog: CatalogData;
  /** Baseline warnings, formatted `file:line: warning: …`, for the synth output. */
  readonly warnings: readonly string[];
}

/**
 * Validates the baselines at `path` against the catalog and returns what the evaluate function bundles:
 * each file's text (the function parses it again at cold start) and the compacted catalog. Any error
 * throws a `BaselineError` listing `file:line: field: message` — a bad baseline never deploys.
 */
export function leashInputs(path: string, catalog: ActionCatalog): LeashInputs {
  const result = loadBaselines([path], catalog);
  if (result.errors.length > 0) throw new BaselineError(result.errors);
  const base = isDirectory(path) ? path : dirname(path);
  const baselines = result.baselines.map((b) => ({
    file: relative(base, b.source) || b.source,
    text: readFileSync(b.source, 'utf8'),
  }));
  return { baselines, catalog: catalogToData(catalog), warnings: result.warnings.map(formatDiagnostic) };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
