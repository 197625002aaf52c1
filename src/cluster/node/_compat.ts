import type { Backend, Network } from '../network';
import type { NodeFleet, HttpNetwork } from './index';
export function wire(f: NodeFleet, n: Network): void {
  const b: Backend = f.runtime;
  n.setBackend(b);
  const h: HttpNetwork = n;
  f.setNetwork(h);
}
