// The shell program contract (DESIGN.md section 3). Every command the learner runs, whether a
// builtin, a coreutil or kubectl, sees only this: argv, three streams, a snapshot of the
// environment, the workspace files, and an abort signal for Ctrl-C. Time is the host's virtual
// clock, so `sleep 60` or `kubectl rollout status` cost no wall time in tests and scripts.
import type { VirtualFs } from './fs';

/**
 * Minimal abort signal. lib ES2023 has no AbortSignal (no DOM here), so we define our own.
 * `onAbort` returns an unsubscribe function; a callback registered after abort runs at once.
 */
export interface Signal {
  readonly aborted: boolean;
  onAbort(cb: () => void): () => void;
}

/** A readable text stream. `read()` resolves with the next chunk, or null at end of input. */
export interface InputStream {
  read(): Promise<string | null>;
}

/**
 * A writable text stream. `write` may return a promise when the reader is slow (a pipe with a
 * full buffer); awaiting it is optional but gives back-pressure to producers such as `yes`.
 */
export interface OutputStream {
  write(text: string): void | Promise<void>;
}

/** Exported variables as seen by a program: a fresh copy per command, safe to read at leisure. */
export type Env = Record<string, string>;

export interface ProgramIO {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Env;
  /** Aborted by Ctrl-C (or `kill %N`, or a closed pipe downstream). A program then returns 130. */
  signal: Signal;
  /** Absolute working directory. */
  cwd: string;
  fs: VirtualFs;
  /** Virtual-time sleep from the host; resolves early when `signal` aborts. */
  sleep(ms: number): Promise<void>;
  /** Virtual clock, milliseconds since the epoch. */
  now(): number;
  /** True when stdout is the terminal (not a pipe or a file), as `isatty(1)`. */
  isTTY: boolean;
}

/** A program resolves with its exit status; 130 after an interrupt, 127 for not found. */
export type Program = (argv: string[], io: ProgramIO) => Promise<number>;

/** Program-specific tab completion: all words of the command so far and the index being completed. */
export type Completer = (words: string[], index: number) => Promise<string[]>;

/** What the host gives the shell: its virtual clock, and a way to yield to its event loop. */
export interface ShellHost {
  sleep(ms: number): Promise<void>;
  now(): number;
  /**
   * Let the host's event loop run (a macrotask), so a Ctrl-C message can arrive while a
   * `while true` loop spins. Defaults to `sleep(0)`.
   */
  yield?(): Promise<void>;
}

/** Exit statuses with a meaning of their own. */
export const EXIT_NOT_FOUND = 127;
export const EXIT_NOT_EXECUTABLE = 126;
export const EXIT_INTERRUPTED = 130;
export const EXIT_USAGE = 2;
