// Which pods a shrinking ReplicaSet deletes first: getPodsToDelete and the ActivePodsWithRanks
// ordering of controller_utils.go, with PodDeletionCost and LogarithmicScaleDown as a v1.32
// cluster has them (both on by default).
import type { KubeObject } from '../../../api/types';
import { creationTime, isPodActive, isPodReady, maxContainerRestarts, podNodeName, podPhase, podReadyTime } from './pods';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** The annotation as an int32; anything unparsable counts as 0, as upstream's helper does. */
function deletionCost(pod: KubeObject): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v.trim())) return 0;
  const n = Number(v.trim());
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** afterOrZero: a zero time sorts first, otherwise the later one. */
function afterOrZero(t1: number, t2: number): boolean {
  if (!t1 || !t2) return !t1;
  return t1 > t2;
}

/** Age buckets on a log2 scale of nanoseconds, so pods of about the same age tie. */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6;
  const d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

function compareTimes(a: KubeObject, b: KubeObject, t1: number, t2: number, now: number): boolean | undefined {
  if (t1 === t2) return undefined;
  if (!now || !t1 || !t2) return afterOrZero(t1, t2);
  const diff = logarithmicRankDiff(t1, t2, now);
  if (diff === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
  return diff < 0;
}

/** ActivePodsWithRanks.Less: true when `a` should be deleted before `b`. */
export function lessForDeletion(a: KubeObject, rankA: number, b: KubeObject, rankB: number, now: number): boolean {
  // 1. Unassigned < assigned.
  const na = podNodeName(a);
  const nb = podNodeName(b);
  if (na !== nb && (!na || !nb)) return !na;
  // 2. Pending < Unknown < Running.
  const pa = PHASE_ORDINAL[podPhase(a)] ?? 0;
  const pb = PHASE_ORDINAL[podPhase(b)] ?? 0;
  if (pa !== pb) return pa < pb;
  // 3. Not ready < ready.
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return !ra;
  // 4. Lower pod-deletion-cost first.
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca < cb;
  // 5. Doubled up (more related pods on the same node) first.
  if (rankA !== rankB) return rankA > rankB;
  // 6. Ready for a shorter time first.
  if (ra && rb) {
    const r = compareTimes(a, b, podReadyTime(a), podReadyTime(b), now);
    if (r !== undefined) return r;
  }
  // 7. More container restarts first.
  const xa = maxContainerRestarts(a);
  const xb = maxContainerRestarts(b);
  if (xa !== xb) return xa > xb;
  // 8. Newer first.
  const r = compareTimes(a, b, creationTime(a), creationTime(b), now);
  return r ?? false;
}

/** Sorts pods so the ones to delete first come first; ranks are parallel to pods. */
export function sortForDeletion(pods: KubeObject[], ranks: number[], now: number): KubeObject[] {
  const items = pods.map((pod, i) => ({ pod, rank: ranks[i] ?? 0 }));
  items.sort((x, y) => (lessForDeletion(x.pod, x.rank, y.pod, y.rank, now) ? -1 : lessForDeletion(y.pod, y.rank, x.pod, x.rank, now) ? 1 : 0));
  return items.map((i) => i.pod);
}

/**
 * getPodsRankedByRelatedPodsOnSameNode: a pod's rank is how many active related pods (the pods
 * of every ReplicaSet with the same owner) share its node, so scale-down evens out nodes.
 */
export function ranksByRelatedPodsOnSameNode(pods: KubeObject[], related: KubeObject[]): number[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (isPodActive(p)) onNode.set(podNodeName(p), (onNode.get(podNodeName(p)) ?? 0) + 1);
  }
  return pods.map((p) => onNode.get(podNodeName(p)) ?? 0);
}

/** getPodsToDelete: the `diff` pods to delete, ranked only when not all of them go. */
export function getPodsToDelete(filtered: KubeObject[], related: KubeObject[], diff: number, now: number): KubeObject[] {
  if (diff < filtered.length) {
    return sortForDeletion(filtered, ranksByRelatedPodsOnSameNode(filtered, related), now).slice(0, diff);
  }
  return filtered.slice(0, diff);
}
