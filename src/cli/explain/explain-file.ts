/** Reads the record `leash explain` was given, judges it and prints the explanation. */
import { existsSync } from 'node:fs';
import { loadActionCatalog } from '../../core/catalog/iam-catalog';
import { defaultDetectorPack } from '../../core/detectors/default-pack';
import { readRecordsFromFile } from '../../core/input/read-records';
import type { RawRecord } from '../../core/input/record-item';
import { LeashCore } from '../../core/leash-core';
import { wantsColor } from '../report';
import { DEFAULT_BASELINES_DIR } from '../default-baselines';
import { setUpBaselines } from '../replay/baseline-setup';
import { EXIT_OK, UsageError } from '../usage-error';
import { explainEvent } from './explain-event';
import { renderExplanation } from './render-explanation';

export interface ExplainOptions {
  readonly file: string;
  readonly baselinesPath?: string;
  readonly agents: readonly string[];
  /** `--index`, as typed. */
  readonly index: string;
  readonly format: 'text' | 'json';
}

export async function explainRecordFile(
  options: ExplainOptions,
  stderr: (line: string) => void,
): Promise<number> {
  const index = Number(options.index);
  if (!Number.isInteger(index) || index < 0)
    throw new UsageError(`--index '${options.index}': expected a whole number ≥ 0`);
  if (!existsSync(options.file)) throw new UsageError(`${options.file}: no such file — check the path`);

  let record: RawRecord | undefined;
  let count = 0;
  for await (const item of readRecordsFromFile(options.file)) {
    if (item.kind === 'error') {
      stderr(item.message);
      continue;
    }
    if (count === index) record = item.record;
    count++;
  }
  if (!record) {
    throw new UsageError(
      count === 0
        ? `${options.file}: holds no CloudTrail record — pass a file with one (a record, an S3 delivery file, JSON lines)`
        : `${options.file}: has ${count} records, no record ${index} — pass --index 0…${count - 1}`,
    );
  }

  const catalog = await loadActionCatalog();
  const agents =
    options.agents.length === 0 && options.baselinesPath === undefined && !existsSync(DEFAULT_BASELINES_DIR)
      ? ['*=permissive']
      : options.agents;
  const setup = setUpBaselines({ baselinesPath: options.baselinesPath, agents }, catalog);
  for (const warning of setup.warnings) stderr(warning);
  const pack = defaultDetectorPack();
  const core = new LeashCore({ catalog, baselines: setup.baselines, overrides: setup.overrides, pack });
  const normalized = core.normalizer.normalize(record);
  if (!normalized.ok)
    throw new UsageError(`${options.file} record ${index}: cannot be judged: ${normalized.error}`);

  const explanation = explainEvent(core, pack, normalized.event);
  if (count > 1 && options.format === 'text') {
    stderr(`${options.file}: explaining record ${index} of ${count} (choose another with --index)`);
  }
  process.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify(explanation, null, 2)}\n`
      : renderExplanation(explanation, wantsColor(process.stdout, process.env)),
  );
  return EXIT_OK;
}
