// EventRecorder: core/v1 Events as client-go's recorder writes them (name `<object>.<hex nanos>`,
// source component and host, first/last timestamps), with its aggregation: the same reason and
// message for the same object bumps `count` and `lastTimestamp` instead of adding an Event.
import type { KubeObject } from '../../api/types';
import type { VirtualClock } from './clock';
import type { ClusterClient } from './client';

export interface EventSource {
  component: string;
  host?: string;
}

export interface RecordedEvent {
  object: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** Observers of every recorded event (the flow timeline). */
export type EventListener = (source: EventSource, ev: RecordedEvent) => void;

/** One event-name sequence per cluster (per clock). */
const sequences = new WeakMap<VirtualClock, number>();

export class EventRecorder {
  private seen = new Map<string, { name: string; namespace: string; count: number }>();
  private listeners: EventListener[] = [];

  constructor(
    private readonly client: ClusterClient,
    private readonly clock: VirtualClock,
    readonly source: EventSource,
  ) {}

  onEvent(l: EventListener): void {
    this.listeners.push(l);
  }

  event(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const m = object.metadata;
    const namespace = m.namespace || 'default';
    const involvedObject: Record<string, unknown> = {
      kind: object.kind,
      namespace: m.namespace ?? '',
      name: m.name,
      uid: m.uid,
      apiVersion: object.apiVersion,
      resourceVersion: m.resourceVersion,
    };
    if (!m.namespace) delete involvedObject.namespace;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const now = this.clock.rfc3339();
    const aggKey = [m.uid, type, reason, message, fieldPath ?? '', this.source.component, this.source.host ?? ''].join('\u0000');
    for (const l of this.listeners) l(this.source, { object, type, reason, message });
    const prev = this.seen.get(aggKey);
    try {
      if (prev) {
        prev.count++;
        this.client.patch('events', prev.namespace, prev.name, 'merge', { count: prev.count, lastTimestamp: now });
        return;
      }
      // Names are unique per nanosecond in client-go; a sequence number keeps ours unique per tick.
      // The sequence is shared by every recorder on this clock: two components naming events for
      // one object in the same tick (the kubelet and the node controller) must not collide.
      const seq = sequences.get(this.clock) ?? 0;
      sequences.set(this.clock, seq + 1);
      const nanos = BigInt(this.clock.now()) * 1_000_000n + BigInt(seq % 1_000_000);
      const name = `${m.name}.${nanos.toString(16)}`;
      const source: Record<string, string> = { component: this.source.component };
      if (this.source.host) source.host = this.source.host;
      this.client.create('events', namespace, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject,
        reason,
        message,
        source,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? '',
      } as unknown as KubeObject);
      this.seen.set(aggKey, { name, namespace, count: 1 });
    } catch {
      // Events are best effort, as in client-go: a failed write never fails the caller.
    }
  }
}
