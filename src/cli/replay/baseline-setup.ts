/**
 * The baselines a replay (or an explanation) judges against: those under `--baselines`, the files and
 * builtin names `--agent` points at, and the principal globs `--agent` binds to them. Every problem is a
 * `UsageError` carrying `file:line: message` lines: a bad baseline must stop the run, never judge with less.
 */
import { existsSync, statSync } from 'node:fs';
import {
  formatDiagnostic,
  loadBaselines,
  permissiveBaseline,
  type BaselineOverride,
  type CompiledBaseline,
  type Diagnostic,
} from '../../core/baseline';
import type { ActionCatalog } from '../../core/catalog/iam-catalog';
import { DEFAULT_BASELINES_DIR } from '../default-baselines';
import { UsageError } from '../usage-error';

/** Builtin baselines usable by name in `--agent` without any file. */
const BUILTINS: Readonly<Record<string, () => CompiledBaseline>> = { permissive: permissiveBaseline };

export interface BaselineSetupOptions {
  /** `--baselines`, when given (else the default directory, which may be absent). */
  readonly baselinesPath?: string;
  /** `--agent` values, `<principal ARN glob>=<baseline name or file>`. */
  readonly agents: readonly string[];
}

export interface BaselineSetup {
  readonly baselines: readonly CompiledBaseline[];
  readonly overrides: readonly BaselineOverride[];
  /** Warnings to show (the run goes on). */
  readonly warnings: readonly string[];
}

/** Splits at the last `=`: IAM names may contain `=`, baseline names and most file paths do not. */
export function parseAgentBinding(value: string): { glob: string; target: string } {
  const at = value.lastIndexOf('=');
  if (at <= 0 || at === value.length - 1) {
    throw new UsageError(
      `--agent '${value}': expected '<principal ARN glob>=<baseline name or file>', e.g. --agent '*=permissive'`,
    );
  }
  return { glob: value.slice(0, at), target: value.slice(at + 1) };
}

export function setUpBaselines(options: BaselineSetupOptions, catalog: ActionCatalog): BaselineSetup {
  const bindings = options.agents.map(parseAgentBinding);
  const paths: string[] = [];
  if (options.baselinesPath !== undefined) {
    if (!existsSync(options.baselinesPath)) {
      throw new UsageError(
        `--baselines ${options.baselinesPath}: no such file or directory — check the path`,
      );
    }
    paths.push(options.baselinesPath);
  } else if (existsSync(DEFAULT_BASELINES_DIR)) {
    paths.push(DEFAULT_BASELINES_DIR);
  } else if (bindings.length === 0) {
    throw new UsageError(
      `no baselines: ${DEFAULT_BASELINES_DIR} does not exist — pass --baselines <dir|file>, or --agent '<principal glob>=permissive' for a what-if run`,
    );
  }
  // `--agent` targets that are files are loaded with the rest, so duplicate names are caught together.
  for (const { target } of bindings) {
    if (!BUILTINS[target] && looksLikeFile(target) && !paths.includes(target)) paths.push(target);
  }
  const loaded =
    paths.length > 0 ? loadBaselines(paths, catalog) : { baselines: [], errors: [], warnings: [] };
  if (loaded.errors.length > 0) throw new UsageError(diagnosticLines(loaded.errors));

  const baselines = [...loaded.baselines];
  const byName = new Map(baselines.map((b) => [b.name, b]));
  const bySource = new Map(baselines.map((b) => [b.source, b]));
  const overrides: BaselineOverride[] = bindings.map(({ glob, target }) => {
    const named = byName.get(target) ?? bySource.get(target);
    if (named) return { principalGlob: glob, baseline: named.name };
    const builtin = BUILTINS[target];
    if (builtin) {
      const baseline = builtin();
      baselines.push(baseline);
      byName.set(baseline.name, baseline);
      return { principalGlob: glob, baseline: baseline.name };
    }
    const known = [...byName.keys(), ...Object.keys(BUILTINS)].join(', ');
    throw new UsageError(
      `--agent '${glob}=${target}': no baseline named '${target}' and no such file (known: ${known})`,
    );
  });
  return { baselines, overrides, warnings: loaded.warnings.map(formatDiagnostic) };
}

export function diagnosticLines(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n');
}

function looksLikeFile(target: string): boolean {
  try {
    return statSync(target).isFile();
  } catch {
    return false;
  }
}
