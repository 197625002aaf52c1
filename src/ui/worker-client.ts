// The page's side of the worker protocol: requests answered by id, and streamed line output.
import type { ApiRequest, ApiResponse } from '../api/client';
import type { FromWorker, ToWorker } from '../worker/protocol';
import { takeClusterWorker, type EarlyAnswer } from './early-worker';

type Listener = (m: FromWorker) => boolean | void;
type Outgoing = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

export class WorkerClient {
  private worker: Worker;
  private seq = 0;
  /** A listener returning true has seen its last message. */
  private listeners = new Map<number, Listener>();

  /** The worker's unasked answers, kept by the boot script (early-worker.ts): each used once. */
  private early = new Map<EarlyAnswer, Promise<FromWorker>>();

  constructor(worker?: Worker) {
    if (worker) this.worker = worker;
    else ({ worker: this.worker, early: this.early } = takeClusterWorker());
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const l = this.listeners.get(e.data.id);
      if (l && l(e.data) !== false) this.listeners.delete(e.data.id);
    };
  }

  /** The worker's unasked answer q, the first time it is asked for, else a new request. */
  private askOnce(q: EarlyAnswer, m: Outgoing): Promise<FromWorker> {
    const answer = this.early.get(q);
    this.early.delete(q);
    return answer ?? this.send(m);
  }

  private send(m: Outgoing, listener?: Listener): Promise<FromWorker> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.listeners.set(id, (msg) => {
        if (listener) {
          const last = listener(msg);
          if (last) resolve(msg);
          return last;
        }
        resolve(msg);
        return true;
      });
      this.worker.postMessage({ ...m, id } as ToWorker);
    });
  }

  async api(request: ApiRequest): Promise<ApiResponse> {
    const m = await this.send({ type: 'api', request });
    if (m.type === 'api') return m.response;
    throw new Error(m.type === 'error' ? m.message : 'unexpected answer');
  }

  /** Runs a shell line; output arrives through onOutput; resolves with the exit code and next prompt. */
  async exec(session: number, line: string, onOutput: (text: string) => void, onStdinRequest?: () => void): Promise<{ code: number; prompt: string }> {
    const m = await this.send({ type: 'exec', session, line }, (msg) => {
      if (msg.type === 'output') {
        onOutput(msg.text);
        return false;
      }
      if (msg.type === 'stdinRequest') {
        onStdinRequest?.();
        return false;
      }
      return true;
    });
    if (m.type === 'done') return { code: m.code, prompt: m.prompt };
    throw new Error(m.type === 'error' ? m.message : 'unexpected answer');
  }

  async complete(session: number, line: string, cursor: number): Promise<{ candidates: string[]; from: number }> {
    const m = await this.send({ type: 'complete', session, line, cursor });
    return m.type === 'completions' ? { candidates: m.candidates, from: m.from } : { candidates: [], from: cursor };
  }

  interrupt(session: number): void {
    void this.send({ type: 'interrupt', session });
  }

  input(session: number, text: string | null): void {
    void this.send({ type: 'input', session, text });
  }

  async prompt(session: number): Promise<string> {
    const m = await (session === 1 ? this.askOnce('prompt', { type: 'prompt', session }) : this.send({ type: 'prompt', session }));
    return m.type === 'prompt' ? m.prompt : '$ ';
  }

  /** Starts a watch; returns a function that stops it. */
  watch(request: ApiRequest, onEvent: (ev: { type: string; object: unknown }, virtualNow?: number) => void): () => void {
    const id = ++this.seq;
    this.listeners.set(id, (msg) => {
      if (msg.type === 'watchEvent') {
        onEvent(msg.event, msg.virtualNow);
        return false;
      }
      return true;
    });
    this.worker.postMessage({ type: 'watch', request, id } as ToWorker);
    return () => {
      this.listeners.delete(id);
      void this.send({ type: 'unwatch', watchId: id });
    };
  }

  async files(): Promise<string[]> {
    const m = await this.send({ type: 'files' });
    return m.type === 'files' ? m.paths : [];
  }

  async readFile(path: string): Promise<string | null> {
    const m = await this.send({ type: 'readFile', path });
    return m.type === 'file' ? m.text : null;
  }

  async writeFile(path: string, text: string): Promise<void> {
    await this.send({ type: 'writeFile', path, text });
  }

  /** Workspace changes (from the shell or the editor); returns a function that stops them. */
  watchFiles(onChange: (change: { type: string; path: string; from?: string }) => void): () => void {
    const id = ++this.seq;
    this.listeners.set(id, (msg) => {
      if (msg.type === 'fileChanged') {
        onChange(msg.change);
        return false;
      }
      return true;
    });
    this.worker.postMessage({ type: 'watchFiles', id } as ToWorker);
    return () => {
      this.listeners.delete(id);
      void this.send({ type: 'unwatch', watchId: id });
    };
  }

  /** kubectl with text on standard input: the editor's Apply is `kubectlStdin(['apply', '-f', '-'], text)`. */
  async kubectlStdin(args: string[], text: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const m = await this.send({ type: 'kubectlStdin', args, text });
    if (m.type === 'kubectlResult') return { code: m.code, stdout: m.stdout, stderr: m.stderr };
    throw new Error(m.type === 'error' ? m.message : 'unexpected answer');
  }

  /** kubectl edit requests from the worker; answer each with editDone. Returns a stop function. */
  watchEdits(onEdit: (editId: number, text: string, file: string) => void): () => void {
    const id = ++this.seq;
    this.listeners.set(id, (msg) => {
      if (msg.type === 'edit') onEdit(msg.editId, msg.text, msg.file);
      return false;
    });
    this.worker.postMessage({ type: 'watchEdits', id } as ToWorker);
    return () => {
      this.listeners.delete(id);
      void this.send({ type: 'unwatch', watchId: id });
    };
  }

  editDone(editId: number, text: string | null): void {
    void this.send({ type: 'editDone', editId, text });
  }

  async schedulingDecision(namespace: string, name: string): Promise<unknown> {
    const m = await this.send({ type: 'schedulingDecision', namespace, name });
    return m.type === 'schedulingDecision' ? m.decision : null;
  }

  async persistStatus() {
    const m = await this.askOnce('persistStatus', { type: 'persistStatus' });
    return m.type === 'persistStatus' ? m.status : undefined;
  }

  async flush(): Promise<void> {
    await this.send({ type: 'flush' });
  }

  async exportState(): Promise<{ fileName: string; text: string }> {
    const m = await this.send({ type: 'exportState' });
    if (m.type === 'exported') return { fileName: m.fileName, text: m.text };
    throw new Error(m.type === 'error' ? m.message : 'export failed');
  }

  async importState(text: string): Promise<{ ok: true } | { error: { en: string; zh: string } }> {
    const m = await this.send({ type: 'importState', text });
    return m.type === 'importFailed' ? { error: m.message } : { ok: true };
  }

  async reset(): Promise<void> {
    await this.send({ type: 'reset' });
  }

  /** Makes a named playground current (a lesson's own cluster); true when the page should reload into it. */
  async switchPlayground(o: { name: string; topology?: string; seed?: number; nodes?: number; fresh?: boolean }): Promise<boolean> {
    const m = await this.send({ type: 'switchPlayground', ...o });
    return m.type === 'ok';
  }

  async takeOver(): Promise<void> {
    await this.send({ type: 'takeOver' });
  }

  async clock(action: 'pause' | 'play' | 'advance', opts: { speed?: number; ms?: number } = {}) {
    const m = await this.send({ type: 'clock', action, ...opts });
    return m.type === 'clock' ? m : undefined;
  }
}
