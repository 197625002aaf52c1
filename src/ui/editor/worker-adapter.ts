// The editor's props from the page's WorkerClient: the workspace over the worker's files
// messages, Apply through `kubectl apply -f -` in the worker, Diff as a server-side dry run over
// the API (./diff.ts, loaded on the first Diff). Small and Monaco-free: safe on the first screen.
//
//   const client = new WorkerClient();
//   <Editor workspace={workerWorkspace(client)} apply={workerApply(client)} diff={workerDiff(client)} ... />
import type { ApiRequest, ApiResponse } from '../../api/client';
import type { CommandResult, DiffResult, Workspace, WorkspaceChange } from './types';

/** The part of WorkerClient the editor uses (structural, so tests can pass a fake). */
export interface EditorBackend {
  files(): Promise<string[]>;
  readFile(path: string): Promise<string | null>;
  writeFile(path: string, text: string): Promise<void>;
  watchFiles(onChange: (change: WorkspaceChange) => void): () => void;
  kubectlStdin(args: string[], text: string): Promise<{ code: number; stdout: string; stderr: string }>;
  api(request: ApiRequest): Promise<ApiResponse>;
}

export function workerWorkspace(client: EditorBackend): Workspace {
  return {
    list: () => client.files(),
    async read(path) {
      const text = await client.readFile(path);
      if (text === null) throw new Error(`${path}: No such file or directory`);
      return text;
    },
    write: (path, text) => client.writeFile(path, text),
    onChange: (cb) => client.watchFiles(cb),
  };
}

/** Apply: `kubectl apply -f -` with the text on standard input; stdout then stderr, as a terminal shows them. */
export function workerApply(client: EditorBackend, extraArgs: string[] = []): (text: string) => Promise<CommandResult> {
  return async (text) => {
    const r = await client.kubectlStdin(['apply', '-f', '-', ...extraArgs], text);
    return { ok: r.code === 0, output: r.stdout + r.stderr };
  };
}

export function workerDiff(client: EditorBackend): (text: string) => Promise<DiffResult> {
  return async (text) => {
    const { diffManifest } = await import('./diff');
    return diffManifest((req) => client.api(req), text);
  };
}
