/**
 * Where the infrastructure tests' apps write their cloud assemblies. An App without `outdir` makes a new
 * `cdk.out*` folder in the system's temp folder at every synth and leaves it there; these go under one
 * folder per test file instead, removed once the file's tests are done.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = mkdtempSync(join(tmpdir(), 'leash-infra-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let apps = 0;

/** A fresh folder for one app's assembly. */
export function assemblyDir(): string {
  apps += 1;
  return join(root, `app-${apps}`);
}
