// The editor's contracts with the page: plain types and helpers, no Monaco (safe to import from
// the first screen).

/** A workspace change, as the worker's `fileChanged` message carries it (VirtualFs's FsChange). */
export interface WorkspaceChange {
  type: string;
  path: string;
  from?: string;
}

/** The files shared with the shell (the worker's VirtualFs; `~` is /root). Paths are absolute. */
export interface Workspace {
  /** Every file under /root, absolute paths. */
  list(): Promise<string[]>;
  /** The file's text; rejects (or resolves '') when it is missing. */
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
  /** Calls back on every change (from the shell or the editor); returns a function that stops it. */
  onChange(cb: (change: WorkspaceChange) => void): () => void;
}

/** What `kubectl apply -f -` (or `kubectl diff -f -`) printed. */
export interface CommandResult {
  ok: boolean;
  output: string;
}

/**
 * A diff's result. With `live` (the cluster's objects as YAML) it is shown in Monaco's diff editor,
 * against `merged` (what the server would store after apply) or, without it, the editor's text.
 */
export interface DiffResult extends CommandResult {
  live?: string;
  merged?: string;
}

/**
 * `kubectl edit`: the editor opens `text` in its own tab; Save resolves with the saved text,
 * Cancel (or closing the tab) with null. kubectl re-opens with its error comment on a refusal by
 * making a new request.
 */
export interface EditRequest {
  text: string;
  /** The tab's title, e.g. `deployment/web` (default: kind/name read from the text). */
  title?: string;
  /** kubectl's temporary file (`/tmp/kubectl-edit-….yaml` or `.json`): picks the language. */
  path?: string;
  /** Aborted when kubectl gives up (Ctrl-C in the terminal): the tab closes and resolves null. */
  signal?: AbortSignal;
  resolve(saved: string | null): void;
}

export type EditorTheme = 'dark' | 'light';
export type EditorLang = 'en' | 'zh';

/** What Editor.svelte hands to `onready` once Monaco is interactive (tests and the page use it). */
export interface EditorHandle {
  /** The Monaco namespace and the code editor (typed loosely so this file stays Monaco-free). */
  monaco: unknown;
  editor: unknown;
  openFile(path: string): Promise<void>;
  /** The active tab's text. */
  text(): string;
  /** Markers of the active model: `{ message, severity, startLineNumber, startColumn }`. */
  markers(): { message: string; severity: number; startLineNumber: number; startColumn: number }[];
  save(): Promise<void>;
  focus(): void;
}

/**
 * Wraps a setter of the Editor's `editRequest` prop into kubectl's `io.edit(text) → saved | null`:
 * `io.edit = (text, file) => requestEdit((r) => (editRequest = r), text, undefined, file)`.
 */
export function requestEdit(set: (r: EditRequest | null) => void, text: string, title?: string, path?: string, signal?: AbortSignal): Promise<string | null> {
  return new Promise((resolve) => {
    set({
      text,
      title,
      path,
      signal,
      resolve(saved) {
        set(null);
        resolve(saved);
      },
    });
  });
}

/** `kind/name` of the first object in a manifest (for a kubectl edit tab's title). */
export function titleOf(text: string): string {
  const kind = /^kind:\s*["']?([A-Za-z0-9]+)/m.exec(text)?.[1];
  const meta = /^metadata:\s*\n((?:[ \t]+.*\n?|\s*\n)*)/m.exec(text)?.[1] ?? '';
  const name = /^[ \t]+name:\s*["']?([^"'\s#]+)/m.exec(meta)?.[1];
  if (/^kind:\s*List\b/m.test(text)) return 'list';
  return kind ? `${kind.toLowerCase()}/${name ?? ''}` : 'object';
}
