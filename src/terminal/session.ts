// What a terminal talks to: one shell session (in the app, a shell in the cluster worker).

/** Given to `exec` for the command's output and, for interactive programs, its input. */
export interface ExecIO {
  /** Output of the command ("\n" line ends; the terminal converts them). */
  write(text: string): void;
  /**
   * Asks the user for one line with the program's own prompt (the shell inside `kubectl exec -it`,
   * a "continue? " question). Resolves to the line, or null on Ctrl-D at an empty line, on Ctrl-C,
   * or when the command has already finished.
   */
  readLine(prompt: string): Promise<string | null>;
}

export interface Session {
  /** Runs one command line; resolves to its exit code when it is done. */
  exec(line: string, output: ExecIO): Promise<number>;
  /** Completion at `cursor`: candidates replace `line.slice(from, cursor)`. */
  complete(line: string, cursor: number): Promise<{ candidates: string[]; from: number }>;
  /** Ctrl-C while a command runs. */
  interrupt(): void;
  /** The prompt to show now (may hold colour escapes). */
  prompt(): string;
  /** Command history, persisted by the host (oldest first, at most 1000 entries). */
  history: { load(): Promise<string[]>; save(lines: string[]): void };
  /** Keys typed while a command runs (raw onData text), for programs reading stdin. */
  input?(text: string): void;
}
