// The cluster worker, started by the page's first (tiny) script before the UI bundle is fetched
// and evaluated, so the worker's own download, parse and cluster start overlap the UI's.
let early: Worker | undefined;

export function startClusterWorker(): void {
  early ??= new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' });
}

/** The worker started early (once), else a new one (the demo pages, which have no boot script). */
export function takeClusterWorker(): Worker {
  const w = early ?? new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' });
  early = undefined;
  return w;
}
