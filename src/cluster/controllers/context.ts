// What every control-plane component is given: the API (through the in-cluster client and shared
// informers), the virtual clock, the seeded random source, and event recorders.
import type { ApiHandler } from '../../api/client';
import type { VirtualClock } from '../machinery/clock';
import type { Rand } from '../machinery/rand';
import { ClusterClient } from '../machinery/client';
import { InformerFactory } from '../machinery/informer';
import { EventRecorder, type EventListener } from '../machinery/events';

export interface ControllerContext {
  api: ApiHandler;
  clock: VirtualClock;
  rand: Rand;
  informers: InformerFactory;
  /** A client whose writes are recorded with this field manager. */
  client(manager: string): ClusterClient;
  /** An EventRecorder for a component (`replicaset-controller`, `default-scheduler`, `kubelet` on a host). */
  recorder(component: string, host?: string): EventRecorder;
}

export function createControllerContext(api: ApiHandler, clock: VirtualClock, rand: Rand, onEvent?: EventListener): ControllerContext {
  const informers = new InformerFactory(api);
  const clients = new Map<string, ClusterClient>();
  const client = (manager: string) => {
    let c = clients.get(manager);
    if (!c) clients.set(manager, (c = new ClusterClient(api, manager)));
    return c;
  };
  return {
    api,
    clock,
    rand,
    informers,
    client,
    recorder: (component, host) => {
      const r = new EventRecorder(client(component), clock, { component, host });
      if (onEvent) r.onEvent(onEvent);
      return r;
    },
  };
}

/** A component that the cluster starts after the informers are wired. */
export interface Component {
  /** Registers informer handlers; the factory is started after every component registered. */
  start(): void;
}
