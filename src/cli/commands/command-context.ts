/** What every command shares: where messages go, the tool version, and the exit code it sets. */
export interface CommandContext {
  readonly version: string;
  /** Prints one line (or several) on stderr. */
  readonly stderr: (line: string) => void;
  exitCode: number;
}

/** Commander reducer for repeatable options. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
