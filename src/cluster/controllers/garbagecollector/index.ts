// kube-controller-manager's `garbage-collector-controller`.
import type { ControllerContext } from '../context';
import { GarbageCollector } from './collector';

export { GarbageCollector, GC_RESOURCES } from './collector';

/** Registers the collector's informers; the host starts the informers afterwards. */
export function startGarbageCollector(ctx: ControllerContext): GarbageCollector {
  return new GarbageCollector(ctx);
}
