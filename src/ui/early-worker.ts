// The cluster worker, started by the page's first (tiny) script before the UI bundle is fetched
// and evaluated, so the worker's own download, parse and cluster start overlap the UI's. What the
// first prompt needs (the first tab's prompt, the persistence status) the worker sends unasked as
// soon as it has it (UNASKED in protocol.ts): kept here from the start, it is waiting for the UI
// once its terminal is drawn, which a question asked only then (through the busy page) is not.
import { UNASKED, type FromWorker } from '../worker/protocol';

export type EarlyAnswer = keyof typeof UNASKED;

export interface ClusterWorker {
  worker: Worker;
  /** The worker's unasked answers, each for one taker. */
  early: Map<EarlyAnswer, Promise<FromWorker>>;
}

let started: ClusterWorker | undefined;

function newWorker(): Worker {
  return new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' });
}

function awaitAnswer(worker: Worker, id: number): Promise<FromWorker> {
  return new Promise((resolve) => {
    // A listener of its own: the client's onmessage, set later, leaves it in place.
    const on = (e: MessageEvent<FromWorker>) => {
      if (e.data.id !== id) return;
      worker.removeEventListener('message', on);
      resolve(e.data);
    };
    worker.addEventListener('message', on);
  });
}

export function startClusterWorker(): void {
  if (started) return;
  const worker = newWorker();
  const early = new Map<EarlyAnswer, Promise<FromWorker>>();
  for (const [name, id] of Object.entries(UNASKED) as [EarlyAnswer, number][]) early.set(name, awaitAnswer(worker, id));
  started = { worker, early };
}

/** The worker started early (once), else a new one (the demo pages, which have no boot script). */
export function takeClusterWorker(): ClusterWorker {
  const w = started ?? { worker: newWorker(), early: new Map() };
  started = undefined;
  return w;
}
