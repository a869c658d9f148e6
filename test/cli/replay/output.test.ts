import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReportOutput } from '../../../src/cli/replay/output';

describe('report output (--out FILE)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leash-output-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every chunk in order as UTF-8, across buffer boundaries and for chunks larger than the buffer', async () => {
    const file = join(dir, 'out.jsonl');
    const out = openReportOutput(file);
    const parts: string[] = [];
    // Many small lines (ASCII and multi-byte), then one chunk bigger than the 64 KiB buffer, then more lines.
    for (let i = 0; i < 5000; i++) parts.push(`{"n":${i},"message":"chain → step ${'é'.repeat(i % 7)}"}\n`);
    parts.push(`${'x'.repeat(200_000)}→\n`);
    for (let i = 0; i < 100; i++) parts.push(`tail ${i} 😀\n`);
    for (const p of parts) out.write(p);
    await out.close();
    expect(readFileSync(file, 'utf8')).toBe(parts.join(''));
  });

  it('leaves an empty file when nothing was written', async () => {
    const file = join(dir, 'empty.jsonl');
    const out = openReportOutput(file);
    await out.close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
