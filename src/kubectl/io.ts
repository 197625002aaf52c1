// What a kubectl invocation is given by its host (the shell in the worker, the Node CLI, tests).
import type { ApiClient } from '../api/client';

export interface Writer {
  write(text: string): void;
}

export interface CancelSignal {
  readonly aborted: boolean;
  onAbort(cb: () => void): () => void;
}

export interface KubectlIO {
  stdout: Writer;
  stderr: Writer;
  /** All of standard input (for `-f -`), or undefined when there is none. */
  readStdin?(): Promise<string | undefined>;
  signal: CancelSignal;
  /** Virtual now in ms: ages in describe and events are computed client-side from it. */
  now(): number;
  /** Waits virtual time (rollout status --timeout, wait, drain polling). */
  sleep(ms: number): Promise<void>;
  /** Reads a workspace file for `-f FILE`; undefined when missing. */
  readFile(path: string): string | undefined;
  /** Lists a directory for `-f DIR` (file names), undefined when not a directory. */
  listDir?(path: string): string[] | undefined;
  writeFile?(path: string, text: string): void;
  /** `kubectl edit`: opens the text in an editor and resolves with the saved text (null: cancelled). */
  edit?(text: string, fileName: string): Promise<string | null>;
  /** Interactive streams (exec -it, attach): resolves the user's input line by line. */
  interactive?: {
    readLine(prompt: string): Promise<string | null>;
  };
  /** Whether stdout is a terminal (kubectl colours cluster-info only then). */
  isTerminal?: boolean;
  /** Terminal width for help wrapping and describe; 80 when unknown. */
  columns?: number;
}

export interface KubectlConfig {
  client: ApiClient;
  /** Namespace of the current context (`default` unless set). */
  namespace: string;
  /** Server URL shown by cluster-info and config view. */
  server: string;
  context?: string;
  cluster?: string;
  user?: string;
  /** Called by `kubectl config set-context --current --namespace X`. */
  setNamespace?(ns: string): void;
  /** Host services behind `kubectl proxy` and `port-forward` (in-playground listeners). */
  listen?(port: number, handler: (req: { method: string; path: string; headers: Record<string, string>; body?: string }) => Promise<{ status: number; headers: Record<string, string>; body: string }>): { close(): void } | string;
}
