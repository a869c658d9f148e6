/**
 * Input problems on stderr, one line each: the first ones in full, the rest only counted, so one broken
 * folder (or a history full of bad events) cannot flood the terminal. Shared by every command that reads
 * logs, so they cap and word the overflow alike. Problems quote the input (file names, parser messages with
 * a piece of the text), so control characters are made harmless before they reach the terminal.
 */
import { printable } from './report/summary-lines';

const MAX_PROBLEM_LINES = 50;

export interface ProblemLines {
  /** Counts the problem, and prints it while fewer than the cap have been printed. */
  readonly add: (line: string) => void;
  /** Problems added so far, printed or not. */
  readonly count: () => number;
  /** Prints `… and N more<what>` when some were only counted; call once, after the last `add`. */
  readonly finish: (what?: string) => void;
}

export function problemLines(stderr: (line: string) => void, max = MAX_PROBLEM_LINES): ProblemLines {
  let count = 0;
  return {
    add: (line) => {
      count++;
      if (count <= max) stderr(printable(line));
    },
    count: () => count,
    finish: (what = '') => {
      if (count > max) stderr(`… and ${count - max} more${what}`);
    },
  };
}
