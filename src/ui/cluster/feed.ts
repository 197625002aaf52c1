// List-then-watch for the UI, batched per animation frame: every resource is listed, then
// watched from the list's resourceVersion; events queue up and reach the subscriber once per
// frame, so a burst (a fast-forward, 1,000 pods starting) costs one update, not one per event.
// An ERROR event (410 Gone: the watch fell behind) re-lists that resource.
import type { ApiRequest, ApiResponse } from '../../api/client';
import { RESOURCES, type AnyObject, type FeedEvent, type ResourceName } from './model';

/** What the cluster view and the timeline need from the worker client. */
export interface ClusterClient {
  api(request: ApiRequest): Promise<ApiResponse>;
  /** `virtualNow` (the worker's clock when it sent the event) is passed when the protocol carries it. */
  watch(request: ApiRequest, onEvent: (ev: { type: string; object: unknown }, virtualNow?: number) => void): () => void;
  /** The scheduler's decision for a pod, when the worker offers it (protocol `schedulingDecision`). */
  schedulingDecision?(namespace: string, name: string): Promise<unknown>;
}

export interface FeedOptions {
  /** schedules a flush; requestAnimationFrame in the page */
  schedule?: (flush: () => void) => void;
  onError?: (resource: ResourceName, message: string) => void;
}

export interface Feed {
  stop(): void;
  /** flushes queued events now (tests, benches) */
  flush(): void;
}

function defaultSchedule(flush: () => void) {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(() => flush());
  else setTimeout(flush, 16);
}

export function openFeed(client: ClusterClient, resources: ResourceName[], onBatch: (events: FeedEvent[]) => void, opts: FeedOptions = {}): Feed {
  const schedule = opts.schedule ?? defaultSchedule;
  let queue: FeedEvent[] = [];
  let scheduled = false;
  let stopped = false;
  const stops = new Map<ResourceName, () => void>();

  const flush = () => {
    scheduled = false;
    if (stopped || !queue.length) return;
    const batch = queue;
    queue = [];
    onBatch(batch);
  };
  const push = (ev: FeedEvent) => {
    queue.push(ev);
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
  };

  async function start(resource: ResourceName, attempt = 0): Promise<void> {
    if (stopped) return;
    const path = RESOURCES[resource];
    try {
      const list = await client.api({ verb: 'GET', path });
      if (stopped) return;
      if (list.status !== 200) throw new Error(`list ${path}: ${list.status}`);
      const body = list.body as { items?: AnyObject[]; metadata?: { resourceVersion?: string } };
      push({ resource, type: 'SYNC', items: body.items ?? [] });
      const stop = client.watch({ verb: 'GET', path, query: { watch: 'true', resourceVersion: body.metadata?.resourceVersion ?? '0' } }, (ev, virtualNow) => {
        if (stopped) return;
        if (ev.type === 'ERROR') {
          stops.get(resource)?.();
          stops.delete(resource);
          void start(resource, attempt + 1);
          return;
        }
        if (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED') push({ resource, type: ev.type, object: ev.object as AnyObject, at: typeof virtualNow === 'number' ? virtualNow : undefined });
      });
      stops.set(resource, stop);
    } catch (err) {
      opts.onError?.(resource, String((err as Error)?.message ?? err));
      if (attempt < 5) setTimeout(() => void start(resource, attempt + 1), 500 * (attempt + 1));
    }
  }

  for (const r of resources) void start(r);
  return {
    stop() {
      stopped = true;
      for (const s of stops.values()) s();
      stops.clear();
    },
    flush,
  };
}
