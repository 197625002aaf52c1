// The Web Worker that owns the simulated cluster: it advances the virtual clock in real time
// and answers the page's API requests. The only code that touches postMessage on this side.
import { createCluster } from '../cluster/cluster';
import type { FromWorker, ToWorker } from './protocol';

const cluster = createCluster({ start: Date.now() });
let last = performance.now();
const speed = 1;
setInterval(() => {
  const t = performance.now();
  cluster.advance(Math.round((t - last) * speed));
  last = t;
}, 100);

const post = (m: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    if (m.type === 'ping') post({ id: m.id, type: 'pong', virtualNow: cluster.clock.now() });
    else if (m.type === 'api') {
      const response = cluster.api.handle(m.request);
      cluster.settle();
      post({ id: m.id, type: 'api', response: JSON.parse(JSON.stringify(response)) });
    }
  } catch (err) {
    post({ id: m.id, type: 'error', message: String((err as Error)?.message ?? err) });
  }
};
