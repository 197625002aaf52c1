// TriggerTimeTracker (pkg/controller/util/endpoint/trigger_time_tracker.go): the value of the
// `endpoints.kubernetes.io/last-change-trigger-time` annotation. A new Service reports its
// creationTimestamp; later syncs report the earliest pod Ready transition (or Service creation)
// that changed since the previous sync, or nothing.
import type { KubeObject } from '../../../api/types';
import { pod } from './pods';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

interface State {
  pods: Map<string, number>;
  service: number;
}

const parse = (t: string | undefined) => (t ? Date.parse(t) : 0) || 0;

export class TriggerTimeTracker {
  private states = new Map<string, State>();

  /** Milliseconds, or 0 when nothing triggered this sync. */
  compute(key: string, service: KubeObject, pods: KubeObject[]): number {
    const prev = this.states.get(key);
    let min = 0;
    const podTimes = new Map<string, number>();
    for (const p of pods) {
      const t = parse(pod(p).status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
      if (!t) continue;
      podTimes.set(p.metadata.name!, t);
      if (t > (prev?.pods.get(p.metadata.name!) ?? 0)) min = min === 0 ? t : Math.min(min, t);
    }
    const serviceTime = parse(service.metadata.creationTimestamp as string | undefined);
    if (serviceTime > (prev?.service ?? 0)) min = min === 0 ? serviceTime : Math.min(min, serviceTime);
    this.states.set(key, { pods: podTimes, service: serviceTime });
    if (!prev) return serviceTime;
    return min;
  }

  delete(key: string): void {
    this.states.delete(key);
  }
}

/** time.RFC3339Nano: fractional seconds without trailing zeros, none when whole. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d+)Z$/, (_, f: string) => {
    const t = f.replace(/0+$/, '');
    return t ? `.${t}Z` : 'Z';
  });
}
