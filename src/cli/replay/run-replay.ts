/**
 * `leash replay`: lists the inputs and starts reading them, then loads the core and the report and judges.
 *
 * In that order because loading the core and the report (the baseline schema, the detectors, the IAM
 * catalog) takes the engine thread about a tenth of a second: read workers started first boot and read
 * meanwhile, on a core that would otherwise be idle. This module is therefore light; `judge-inputs` holds
 * the rest and loads once the reading is under way.
 */
import { listReplayInputs } from './input-files';
import type { ReplayOptions } from './judge-inputs';
import { openReplaySources } from './replay-sources';

export type { ReplayOptions } from './judge-inputs';

export async function runReplay(options: ReplayOptions, stderr: (line: string) => void): Promise<number> {
  const listed = await listReplayInputs(options.inputs);
  const sources = openReplaySources(listed.inputs, { since: options.since, until: options.until });
  try {
    const { judgeInputs } = await import('./judge-inputs');
    return await judgeInputs(options, listed, sources, stderr);
  } finally {
    await sources.close();
  }
}
