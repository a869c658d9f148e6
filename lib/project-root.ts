import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found from this file whether it runs as TypeScript (ts-jest, `lib/`) or compiled
 * (`dist/lib/`): Lambda entries are bundled from their TypeScript sources, never from `dist/`.
 */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'leash'
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the leash package.json above ${from}`);
    dir = parent;
  }
}
