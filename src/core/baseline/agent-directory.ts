/**
 * Which baseline an agent's call is judged against. Runs per event, so answers are cached per principal.
 * Precedence: explicit overrides (in the order given), then each baseline's binding — role ARN globs, role
 * names, then agent tag values — with baselines tried in name order so the answer never depends on the
 * order files were loaded in.
 */
import type { AgentRef, Identity } from '../model';
import type { CompiledBaseline } from './compiled-baseline';
import { compileGlob, compileGlobs, type GlobMatcher } from './glob';
import { BoundedCache } from '../bounded-cache';

export interface BaselineOverride {
  /** Principal ARN glob; `*` matches every principal, users included. */
  readonly principalGlob: string;
  /** Name of a loaded baseline (callers that accept a file path load it and pass its name). */
  readonly baseline: string;
}

export interface AgentDirectoryOptions {
  readonly overrides?: readonly BaselineOverride[];
  /** The agent tag's value on a principal (from the agent registry), or undefined when untagged. */
  readonly tagOf?: (principalArn: string) => string | undefined;
}

/** An agent and its baseline, shared per principal (the engine's hot path allocates none). */
export interface ResolvedAgent {
  readonly agent: AgentRef;
  readonly baseline: CompiledBaseline;
}

interface CompiledBinding {
  readonly baseline: CompiledBaseline;
  readonly principalArns: GlobMatcher;
  readonly roleNames: GlobMatcher;
  readonly tagValues: ReadonlySet<string>;
}

/** Beyond this many principals the cache starts over (a replay over a whole organisation's history). */
const CACHE_LIMIT = 100_000;

export class AgentDirectory {
  private readonly overrides: readonly {
    readonly matches: GlobMatcher;
    readonly baseline: CompiledBaseline;
  }[];
  private readonly bindings: readonly CompiledBinding[];
  private readonly tagOf?: (principalArn: string) => string | undefined;
  /** `null` caches "no baseline", which is as frequent as a hit for non-agent principals. */
  private readonly cache = new BoundedCache<string, ResolvedAgent | null>(CACHE_LIMIT);

  /** Throws when an override names a baseline that is not loaded. */
  constructor(baselines: readonly CompiledBaseline[], options: AgentDirectoryOptions = {}) {
    const sorted = [...baselines].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const byName = new Map(sorted.map((b) => [b.name, b]));
    this.overrides = (options.overrides ?? []).map((override) => {
      const baseline = byName.get(override.baseline);
      if (!baseline) {
        const known = sorted.map((b) => b.name).join(', ') || 'none';
        throw new Error(
          `baseline override for '${override.principalGlob}' names unknown baseline '${override.baseline}' ` +
            `(loaded: ${known})`,
        );
      }
      return { matches: compileGlob(override.principalGlob), baseline };
    });
    this.bindings = sorted.map((baseline) => ({
      baseline,
      principalArns: compileGlobs(baseline.binding.principalArns),
      // IAM role names are unique regardless of case, so a binding by name ignores case too.
      roleNames: compileGlobs(baseline.binding.roleNames, { ignoreCase: true }),
      tagValues: new Set(baseline.binding.tagValues),
    }));
    if (options.tagOf) this.tagOf = options.tagOf;
  }

  /** The baseline for the principal behind `identity`, or undefined when none binds it. */
  resolve(identity: Identity): CompiledBaseline | undefined {
    return this.resolveAgent(identity)?.baseline;
  }

  /** As `resolve`, with the agent reference verdicts carry: one object per principal, cached. */
  resolveAgent(identity: Identity): ResolvedAgent | undefined {
    const key = identity.principalArn;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const baseline = this.lookup(identity);
    const found = baseline ? { agent: { principalArn: key, baseline: baseline.name }, baseline } : undefined;
    this.cache.set(key, found ?? null);
    return found;
  }

  /** Forget cached answers (all, or one principal's), e.g. after the agent registry saw a tag change. */
  invalidate(principalArn?: string): void {
    if (principalArn === undefined) this.cache.clear();
    else this.cache.delete(principalArn);
  }

  private lookup(identity: Identity): CompiledBaseline | undefined {
    const arn = identity.principalArn;
    for (const override of this.overrides) if (override.matches(arn)) return override.baseline;
    for (const binding of this.bindings) if (binding.principalArns(arn)) return binding.baseline;
    if (identity.type === 'AssumedRole') {
      const roleName = identity.name ?? roleNameOf(arn);
      for (const binding of this.bindings) if (binding.roleNames(roleName)) return binding.baseline;
    }
    const tag = this.tagOf?.(arn);
    if (tag !== undefined) {
      for (const binding of this.bindings) if (binding.tagValues.has(tag)) return binding.baseline;
    }
    return undefined;
  }
}

/** `arn:aws:iam::123456789012:role/agents/ci-fixer` → `ci-fixer`. */
function roleNameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
