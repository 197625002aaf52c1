// The messages between the page and the cluster worker: a handful of typed requests, each
// answered by id, and streamed output for running lines. The only contract the UI and the
// worker share.
import type { ApiRequest, ApiResponse } from '../api/client';

/**
 * Answers the worker sends unasked, once, as soon as it has them (a `prompt` for the first
 * terminal, the `persistStatus`): the page's boot script keeps them for the UI, which would
 * otherwise ask only once it is drawn (src/ui/early-worker.ts). Negative, so never a request's id.
 */
export const UNASKED = { persistStatus: -1, prompt: -2 } as const;

export type ToWorker =
  | { id: number; type: 'api'; request: ApiRequest }
  | { id: number; type: 'ping' }
  /** Runs one shell line in a terminal session; output streams back as `output` messages. */
  | { id: number; type: 'exec'; session: number; line: string }
  | { id: number; type: 'complete'; session: number; line: string; cursor: number }
  | { id: number; type: 'interrupt'; session: number }
  /** Keystrokes or a line for the running program's standard input (exec -it). */
  | { id: number; type: 'input'; session: number; text: string | null }
  | { id: number; type: 'prompt'; session: number }
  /** A watch for the UI (cluster view, timeline): events stream back as `watchEvent` until `unwatch`. */
  | { id: number; type: 'watch'; request: ApiRequest }
  | { id: number; type: 'unwatch'; watchId: number }
  /** The workspace (~ is /root), shared by the shell and the editor. */
  | { id: number; type: 'files' }
  | { id: number; type: 'readFile'; path: string }
  | { id: number; type: 'writeFile'; path: string; text: string }
  /** Streams `fileChanged` until `unwatch` with this id. */
  | { id: number; type: 'watchFiles' }
  /** `kubectl apply -f -` (or any kubectl args) with the text on standard input. */
  | { id: number; type: 'kubectlStdin'; args: string[]; text: string }
  /** `kubectl edit` asks the page's editor: streams `edit` requests until `unwatch`. */
  | { id: number; type: 'watchEdits' }
  | { id: number; type: 'editDone'; editId: number; text: string | null }
  /** Persistence: where the playground is saved, flush before the page hides, export/import, reset. */
  /** The scheduler's per-node filter and score results for a pod (why it landed there). */
  | { id: number; type: 'schedulingDecision'; namespace: string; name: string }
  | { id: number; type: 'persistStatus' }
  | { id: number; type: 'flush' }
  | { id: number; type: 'exportState' }
  | { id: number; type: 'importState'; text: string }
  | { id: number; type: 'reset' }
  | { id: number; type: 'takeOver' }
  /** Makes a named playground current (a lesson's cluster: topology, seed), creating it if needed; answered `ok` (reload the page) or `error`. */
  | { id: number; type: 'switchPlayground'; name: string; topology?: string; seed?: number; nodes?: number; fresh?: boolean }
  | { id: number; type: 'clock'; action: 'pause' | 'play' | 'advance'; speed?: number; ms?: number };

export type FromWorker =
  | { id: number; type: 'api'; response: ApiResponse }
  | { id: number; type: 'pong'; virtualNow: number }
  | { id: number; type: 'output'; text: string }
  /** The running program waits for a line of standard input (answered with `input`). */
  | { id: number; type: 'stdinRequest' }
  | { id: number; type: 'done'; code: number; prompt: string }
  | { id: number; type: 'completions'; candidates: string[]; from: number }
  | { id: number; type: 'prompt'; prompt: string }
  | { id: number; type: 'clock'; virtualNow: number; speed: number; paused: boolean }
  | { id: number; type: 'watchEvent'; event: { type: string; object: unknown }; virtualNow: number }
  | { id: number; type: 'schedulingDecision'; decision: unknown }
  | { id: number; type: 'watchEnd' }
  | { id: number; type: 'files'; paths: string[] }
  | { id: number; type: 'file'; path: string; text: string | null }
  | { id: number; type: 'fileChanged'; change: { type: string; path: string; from?: string } }
  | { id: number; type: 'kubectlResult'; code: number; stdout: string; stderr: string }
  | { id: number; type: 'edit'; editId: number; text: string; file: string }
  | { id: number; type: 'editCancelled'; editId: number }
  | { id: number; type: 'persistStatus'; status: { persistent: boolean; message?: { en: string; zh: string }; busy?: boolean; playgroundId?: string; playgroundName?: string } }
  | { id: number; type: 'exported'; fileName: string; text: string }
  | { id: number; type: 'importFailed'; message: { en: string; zh: string } }
  | { id: number; type: 'ok' }
  | { id: number; type: 'error'; message: string };
