import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_DETECTORS } from '../../../src/core/detectors/default-pack';

describe('docs/detectors.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'detectors.md'), 'utf8');

  it('lists every shipped detector under its category, and no other', () => {
    for (const d of ALL_DETECTORS) {
      const section = doc.slice(doc.indexOf(`## ${d.category}\n`));
      const nextSection = section.indexOf('\n## ', 1);
      expect(section.slice(0, nextSection < 0 ? undefined : nextSection)).toContain(
        `| \`${d.id}\` | ${d.severity} |`,
      );
    }
    const listed = [...doc.matchAll(/^\| `([a-z-]+\.[a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(ALL_DETECTORS.map((d) => d.id).sort());
  });
});
