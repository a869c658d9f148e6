/**
 * Loads baseline files from disk: each path is a file or a directory searched recursively for `.yaml`,
 * `.yml` and `.json` files (hidden entries skipped, sorted so the result does not depend on the file
 * system). Names must be unique across everything loaded.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ActionCatalog } from '../catalog/iam-catalog';
import type { CompiledBaseline } from './compiled-baseline';
import { compareDiagnostics, type Diagnostic } from './diagnostics';
import { parseBaseline } from './parse-baseline';

export const BASELINE_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

export interface LoadResult {
  /** The baselines that loaded without errors, in name order. */
  readonly baselines: readonly CompiledBaseline[];
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

/** Load every baseline under `paths`. Callers decide whether errors are fatal (see `BaselineError`). */
export function loadBaselines(paths: readonly string[], catalog: ActionCatalog): LoadResult {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const byName = new Map<string, CompiledBaseline>();

  for (const file of baselineFiles(paths, errors, warnings)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      errors.push(fileProblem(file, `cannot be read: ${(error as Error).message}`));
      continue;
    }
    const result = parseBaseline(text, file, catalog);
    errors.push(...result.errors);
    warnings.push(...result.warnings);
    const baseline = result.baseline;
    if (!baseline) continue;
    const first = byName.get(baseline.name);
    if (first) {
      errors.push({
        file,
        ...(result.nameLine !== undefined ? { line: result.nameLine } : {}),
        path: 'name',
        message: `baseline '${baseline.name}' is already defined in ${first.source}; names must be unique`,
        severity: 'error',
      });
      continue;
    }
    byName.set(baseline.name, baseline);
  }

  const baselines = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { baselines, errors: errors.sort(compareDiagnostics), warnings: warnings.sort(compareDiagnostics) };
}

/** The files `paths` stand for, in a stable order; missing paths and empty directories are reported. */
function baselineFiles(paths: readonly string[], errors: Diagnostic[], warnings: Diagnostic[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      errors.push(fileProblem(path, 'no such file or directory'));
      continue;
    }
    if (!isDirectory) {
      add(path);
      continue;
    }
    const found = walk(path);
    if (found.length === 0) {
      warnings.push({
        ...fileProblem(path, `holds no ${BASELINE_EXTENSIONS.join('/')} files`),
        severity: 'warning',
      });
    }
    found.forEach(add);
  }
  return files;
}

function walk(directory: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(directory, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    // Symbolic links to directories are not followed, so a link cycle cannot loop forever.
    if (entry.isDirectory()) out.push(...walk(path));
    else if (BASELINE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

function fileProblem(file: string, message: string): Diagnostic {
  return { file, path: '', message, severity: 'error' };
}
