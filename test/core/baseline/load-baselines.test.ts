import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadActionCatalog, type ActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { BaselineError, formatDiagnostic } from '../../../src/core/baseline/diagnostics';
import { loadBaselines } from '../../../src/core/baseline/load-baselines';

let catalog: ActionCatalog;
let dir: string;
beforeAll(async () => {
  catalog = await loadActionCatalog();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leash-baselines-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(relative: string, text: string): string {
  const path = join(dir, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const minimal = (name: string): string => `name: ${name}\nallow:\n  - actions: [s3:GetObject]\n`;

describe('loadBaselines', () => {
  it('loads files and directories recursively (yaml, yml, json), in name order', () => {
    write('b.yaml', minimal('bravo'));
    write('nested/deeper/a.yml', minimal('alpha'));
    write('nested/c.json', JSON.stringify({ name: 'charlie', allow: [{ actions: ['s3:ListBucket'] }] }));
    write('nested/readme.md', '# not a baseline');
    write('.hidden/d.yaml', minimal('delta'));
    const single = write('elsewhere/e.txt', minimal('echo'));
    const result = loadBaselines([dir, single], catalog);
    expect(result.errors).toEqual([]);
    expect(result.baselines.map((b) => b.name)).toEqual(['alpha', 'bravo', 'charlie', 'echo']);
    expect(result.baselines[0].source).toBe(join(dir, 'nested/deeper/a.yml'));
  });

  it('reports duplicate names, naming both files', () => {
    const first = write('one.yaml', minimal('same'));
    const second = write('two.yaml', `# the same agent again\n${minimal('same')}`);
    const result = loadBaselines([dir], catalog);
    expect(result.baselines.map((b) => b.source)).toEqual([first]);
    expect(result.errors.map(formatDiagnostic)).toEqual([
      `${second}:2: name: baseline 'same' is already defined in ${first}; names must be unique`,
    ]);
  });

  it('gathers every file’s diagnostics and keeps the good baselines', () => {
    write('good.yaml', minimal('good'));
    const bad = write('bad.yaml', 'name: bad\nmode: loud\nallow: []\n');
    const broad = write('broad.yaml', 'name: broad\nallow:\n  - actions: ["*"]\n');
    const result = loadBaselines([dir], catalog);
    expect(result.baselines.map((b) => b.name)).toEqual(['broad', 'good']);
    expect(result.errors.map(formatDiagnostic)).toEqual([
      `${bad}:2: mode: must be one of observe, alert, enforce, govern (got 'loud')`,
    ]);
    expect(result.warnings.map((w) => w.file)).toEqual([broad]);
    const error = new BaselineError(result.errors);
    expect(error.message).toContain(`${bad}:2: mode:`);
    expect(error.diagnostics).toBe(result.errors);
  });

  it('reports missing paths and empty directories', () => {
    mkdirSync(join(dir, 'empty'));
    const missing = join(dir, 'nope.yaml');
    const result = loadBaselines([missing, join(dir, 'empty')], catalog);
    expect(result.errors.map(formatDiagnostic)).toEqual([`${missing}: no such file or directory`]);
    expect(result.warnings.map(formatDiagnostic)).toEqual([
      `${join(dir, 'empty')}: warning: holds no .yaml/.yml/.json files`,
    ]);
  });
});
