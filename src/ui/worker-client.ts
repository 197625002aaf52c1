// The page's side of the worker protocol: requests answered by id.
import type { ApiRequest, ApiResponse } from '../api/client';
import type { FromWorker, ToWorker } from '../worker/protocol';

type Pending = (m: FromWorker) => void;
type Outgoing = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

export class WorkerClient {
  private worker: Worker;
  private seq = 0;
  private pending = new Map<number, Pending>();

  constructor() {
    this.worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const p = this.pending.get(e.data.id);
      if (p) {
        this.pending.delete(e.data.id);
        p(e.data);
      }
    };
  }

  private send(m: Outgoing): Promise<FromWorker> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ ...m, id } as ToWorker);
    });
  }

  async api(request: ApiRequest): Promise<ApiResponse> {
    const m = await this.send({ type: 'api', request });
    if (m.type === 'api') return m.response;
    throw new Error(m.type === 'error' ? m.message : 'unexpected answer');
  }
}
