/** Baselines: the file format, its validation, compilation for the hot path, and binding agents to them. */
export * from './compiled-baseline';
export { AgentDirectory, type AgentDirectoryOptions, type BaselineOverride } from './agent-directory';
export {
  compileBaseline,
  DEFAULT_MODE,
  DEFAULT_RATE,
  DEFAULT_RESPONSES,
  type CompileOptions,
} from './compile-baseline';
export { BaselineError, formatDiagnostic, compareDiagnostics, type Diagnostic } from './diagnostics';
export { parseDuration } from './duration';
export { compileGlob, compileGlobs, hasWildcard, type GlobMatcher } from './glob';
export { isRegionExempt } from './global-services';
export { loadBaselines, BASELINE_EXTENSIONS, type LoadResult } from './load-baselines';
export { parseBaseline, type ParseResult } from './parse-baseline';
export {
  permissiveBaseline,
  PERMISSIVE_BASELINE_SOURCE,
  PERMISSIVE_BASELINE_YAML,
} from './permissive-baseline';
export { baselineSchema, type BaselineSpec, type StatementSpec } from './schema';
