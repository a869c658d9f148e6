/**
 * A problem with how the command was called or configured (bad flag value, bad baseline, no input): the
 * message is printed as is and the process exits with code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
/** `--fail-on` threshold reached, or `baseline lint` found errors. */
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** A bug or a failure Leash did not foresee: the message carries the stack. */
export const EXIT_INTERNAL = 3;
/**
 * The reader of stdout went away before the output ended (`leash replay … | head`): the run stops quietly
 * with the status a shell shows for a command stopped by SIGPIPE, so `set -o pipefail` scripts see it.
 */
export const EXIT_OUTPUT_CLOSED = 141;
