// The pod QoS class (k/k pkg/apis/core/helper/qos: ComputePodQOS).
import { arr, asObj, isObj, type Obj } from './util';
import { parseQuantityValue } from './quantity';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

export function computePodQOS(spec0: unknown): QOSClass {
  const spec = asObj(spec0);
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let guaranteed = true;
  const all: Obj[] = [...arr(spec.containers), ...arr(spec.initContainers)];
  for (const c of all) {
    const res = asObj(c.resources);
    for (const [name, q] of Object.entries(isObj(res.requests) ? res.requests : {})) {
      if (!QOS_RESOURCES.has(name)) continue;
      const v = parseQuantityValue(q) ?? 0;
      if (v > 0) requests[name] = (requests[name] ?? 0) + v;
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(isObj(res.limits) ? res.limits : {})) {
      if (!QOS_RESOURCES.has(name)) continue;
      const v = parseQuantityValue(q) ?? 0;
      if (v > 0) {
        found.add(name);
        limits[name] = (limits[name] ?? 0) + v;
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of Object.entries(requests)) {
      if (!(name in limits) || limits[name] !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  if (guaranteed && Object.keys(requests).length === Object.keys(limits).length) return 'Guaranteed';
  return 'Burstable';
}
