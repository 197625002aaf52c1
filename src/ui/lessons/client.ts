// An ApiClient over the worker protocol, for the lesson engine's checks on the main thread:
// requests go through WorkerClient.api, watches through WorkerClient.watch (turned into the async
// iterable with close() that ApiClient promises).
import type { ApiClient, ApiRequest, ApiResponse, WatchHandle } from '../../api/client';
import type { WatchEvent } from '../../api/types';

/** The part of WorkerClient this adapter needs (tests pass a fake). */
export interface WorkerApi {
  api(request: ApiRequest): Promise<ApiResponse>;
  watch(request: ApiRequest, onEvent: (ev: { type: string; object: unknown }) => void): () => void;
}

/** What the lesson panel needs of the worker (WorkerClient has all of it). */
export interface LessonHost extends WorkerApi {
  exec(session: number, line: string, onOutput: (text: string) => void): Promise<{ code: number; prompt: string }>;
  writeFile(path: string, text: string): Promise<void>;
}

export function workerApiClient(worker: WorkerApi): ApiClient {
  return {
    request: (req) => worker.api(req),
    async watch(req) {
      const queue: WatchEvent[] = [];
      let wake: (() => void) | undefined;
      let closed = false;
      const stop = worker.watch({ ...req, verb: 'GET', query: { ...req.query, watch: 'true' } }, (ev) => {
        if (closed) return;
        queue.push(ev as WatchEvent);
        wake?.();
      });
      const handle: WatchHandle = {
        close() {
          if (closed) return;
          closed = true;
          stop();
          wake?.();
        },
        async *[Symbol.asyncIterator]() {
          while (true) {
            while (queue.length) yield queue.shift()!;
            if (closed) return;
            await new Promise<void>((r) => (wake = r));
            wake = undefined;
          }
        },
      };
      return handle;
    },
  };
}
