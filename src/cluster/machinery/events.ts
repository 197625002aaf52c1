// EventRecorder: core/v1 Events as client-go's recorder writes them (name `<object>.<hex nanos>`,
// source component and host, first/last timestamps), passed through the broadcaster's
// EventCorrelator (events-cache.ts): aggregation of similar events, count bumps for repeated
// ones, and the per-object spam filter.
import type { KubeObject } from '../../api/types';
import { formatRfc3339, type VirtualClock } from './clock';
import { isNotFound, type ClusterClient } from './client';
import { EventCorrelator, type CorrelatedEvent } from './events-cache';

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
  // One correlator per recorder: upstream, each controller (and each kubelet) has its own
  // broadcaster, and the correlator belongs to the broadcaster.
  private readonly correlator = new EventCorrelator();
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
    const involvedObject = objectReference(object, fieldPath);
    for (const l of this.listeners) l(this.source, { object, type, reason, message });
    const now = this.clock.now();
    const ev: CorrelatedEvent = {
      name: '',
      namespace: m.namespace || 'default',
      involvedObject,
      source: this.source,
      type,
      reason,
      message,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      // Set by the correlator; present from the start so the object keeps one shape.
      key: undefined,
    };
    const result = this.correlator.correlate(ev, now, () => this.eventName(m.name!));
    if (result.skip || !result.event) return;
    const out = result.event;
    try {
      if (result.update) {
        try {
          // The two-way merge patch client-go computes: count, lastTimestamp and message.
          this.client.patch('events', out.namespace, out.name, 'strategic', { count: out.count, lastTimestamp: formatRfc3339(now), message: out.message });
          this.correlator.updateState(out);
          return;
        } catch (e) {
          // The Event was removed meanwhile: create it again (recordEvent does the same).
          if (!isNotFound(e)) throw e;
        }
      }
      this.client.create('events', out.namespace, toEvent(out, now), true);
      this.correlator.updateState(out);
    } catch {
      // Events are best effort, as in client-go: a failed write never fails the caller.
    }
  }

  /** `<object>.<hex nanos>`: unique per nanosecond in client-go; a sequence keeps ours unique per tick. */
  private eventName(objectName: string): string {
    // The sequence is shared by every recorder on this clock: two components naming events for
    // one object in the same tick (the kubelet and the node controller) must not collide.
    const seq = sequences.get(this.clock) ?? 0;
    sequences.set(this.clock, seq + 1);
    return `${objectName}.${nanosHex(this.clock.now(), seq % 1_000_000)}`;
  }
}

const LOW = 2 ** 24;

/**
 * (ms * 10^6 + ns) in hex, exactly, without a BigInt: ms * 10^6 passes 2^53, so it is kept as
 * hi * 2^24 + lo, each part a safe integer (ms < 2^53, ns < 10^6).
 */
export function nanosHex(ms: number, ns: number): string {
  const msHi = Math.floor(ms / LOW);
  let lo = (ms - msHi * LOW) * 1_000_000 + ns;
  const carry = Math.floor(lo / LOW);
  lo -= carry * LOW;
  const hi = msHi * 1_000_000 + carry;
  if (hi === 0) return lo.toString(16);
  const l = lo.toString(16);
  return hi.toString(16) + '000000'.slice(l.length) + l;
}

/**
 * The event's involvedObject (ObjectReference's fields in its order), with only the keys that have
 * values: an undefined one would be deleted when the Event is stored, and a `delete` turns an
 * object into a slow dictionary-mode one. The usual object (every field set) is one literal.
 */
function objectReference(object: KubeObject, fieldPath: string | undefined): CorrelatedEvent['involvedObject'] & { resourceVersion?: string } {
  const m = object.metadata;
  const { kind, apiVersion } = object;
  const { namespace, name, uid, resourceVersion } = m;
  if (kind !== undefined && name !== undefined && uid !== undefined && apiVersion !== undefined && resourceVersion !== undefined) {
    if (namespace) {
      return fieldPath ? { kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath } : { kind, namespace, name, uid, apiVersion, resourceVersion };
    }
    return fieldPath ? { kind, name, uid, apiVersion, resourceVersion, fieldPath } : { kind, name, uid, apiVersion, resourceVersion };
  }
  const ref: Record<string, string> = {};
  if (kind !== undefined) ref.kind = kind;
  if (namespace) ref.namespace = namespace;
  if (name !== undefined) ref.name = name;
  if (uid !== undefined) ref.uid = uid;
  if (apiVersion !== undefined) ref.apiVersion = apiVersion;
  if (resourceVersion !== undefined) ref.resourceVersion = resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

function toEvent(e: CorrelatedEvent, now: number): KubeObject {
  const source: Record<string, string> = { component: e.source.component };
  if (e.source.host) source.host = e.source.host;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: e.name, namespace: e.namespace },
    involvedObject: e.involvedObject,
    reason: e.reason,
    message: e.message,
    source,
    firstTimestamp: formatRfc3339(e.firstTimestamp),
    lastTimestamp: formatRfc3339(now),
    count: e.count,
    type: e.type,
    eventTime: null,
    reportingComponent: e.reportingComponent,
    reportingInstance: e.reportingInstance,
  } as unknown as KubeObject;
}
