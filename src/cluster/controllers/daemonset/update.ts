// The RollingUpdate strategy (pkg/controller/daemon/update.go rollingUpdate): without surge,
// old pods are deleted while the unavailable count stays within maxUnavailable and the manage
// loop recreates them; with maxSurge, a new pod starts next to an old one, which goes once the
// new one is available.
import type { KubeObject } from '../../../api/types';
import { isPodAvailable } from '../replicaset/pods';
import { isPodUpdated, scaledValue, templateGeneration, type ShouldRun } from './util';

type Obj = Record<string, any>;

export interface RollingUpdateResult {
  podsToDelete: KubeObject[];
  nodesToCreate: string[];
}

/** findUpdatedPodsOnNode: at most one new and one old pod, else the node is left to manage(). */
function updatedPodsOnNode(ds: KubeObject, pods: KubeObject[], hash: string): { newPod?: KubeObject; oldPod?: KubeObject; ok: boolean } {
  let newPod: KubeObject | undefined;
  let oldPod: KubeObject | undefined;
  const generation = templateGeneration(ds);
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** updatedDesiredNodeCounts: maxSurge and maxUnavailable scaled over the desired count (at least one unavailable). */
export function desiredNodeCounts(ds: KubeObject, runs: Map<string, ShouldRun>): { maxSurge: number; maxUnavailable: number; desired: number } {
  let desired = 0;
  for (const r of runs.values()) if (r.shouldRun) desired++;
  const ru = ((ds.spec as Obj).updateStrategy?.rollingUpdate ?? {}) as Obj;
  const maxSurge = surgeOf(ds) ? scaledValue(ru.maxSurge, desired, true) : 0;
  let maxUnavailable = scaledValue(ru.maxUnavailable ?? 1, desired, true);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desired };
}

/** AllowsSurge: a RollingUpdate with a non-zero maxSurge. */
export function surgeOf(ds: KubeObject): boolean {
  const us = ((ds.spec as Obj).updateStrategy ?? {}) as Obj;
  if (us.type === 'OnDelete') return false;
  const v = us.rollingUpdate?.maxSurge;
  return v !== undefined && v !== null && v !== 0 && v !== '0' && v !== '0%';
}

export function rollingUpdate(ds: KubeObject, runs: Map<string, ShouldRun>, hash: string, byNode: Map<string, KubeObject[]>, now: number): RollingUpdateResult {
  // Nothing runs an old template: neither path below would delete or create anything.
  const generation = templateGeneration(ds);
  let anyOld = false;
  for (const pods of byNode.values()) if (pods.some((p) => !p.metadata.deletionTimestamp && !isPodUpdated(p, hash, generation))) anyOld = true;
  if (!anyOld) return { podsToDelete: [], nodesToCreate: [] };
  const { maxSurge, maxUnavailable, desired } = desiredNodeCounts(ds, runs);
  const minReady = Number((ds.spec as Obj).minReadySeconds ?? 0);
  const available = (p: KubeObject) => isPodAvailable(p, minReady, now);
  const names = [...byNode.keys()].sort();
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const replacements: KubeObject[] = [];
    const candidates: KubeObject[] = [];
    for (const node of names) {
      const { newPod, oldPod, ok } = updatedPodsOnNode(ds, byNode.get(node)!, hash);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
      else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (!available(oldPod!)) replacements.push(oldPod!);
      else if (numUnavailable < maxUnavailable) candidates.push(oldPod!);
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    return { podsToDelete: [...replacements, ...candidates.slice(0, remaining)], nodesToCreate: [] };
  }
  const oldPodsToDelete: KubeObject[] = [];
  const shouldNotRun: KubeObject[] = [];
  const candidateNew: string[] = [];
  const allowedNew: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const node of names) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(ds, byNode.get(node)!, hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod ? available(oldPod) : newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!runs.get(node)?.shouldRun) shouldNotRun.push(oldPod);
        else allowedNew.push(node);
      } else if (numSurge < maxSurge) candidateNew.push(node);
    } else if (!available(newPod)) numSurge++;
    else oldPodsToDelete.push(oldPod);
  }
  // Pods on nodes the DaemonSet left go only once enough pods elsewhere are available.
  const deletable = Math.min(Math.max(0, numAvailable - desired), shouldNotRun.length);
  for (const p of shouldNotRun.slice(0, deletable)) if (!p.metadata.deletionTimestamp) oldPodsToDelete.push(p);
  const remainingSurge = Math.min(Math.max(0, maxSurge - numSurge), candidateNew.length);
  return { podsToDelete: oldPodsToDelete, nodesToCreate: [...allowedNew, ...candidateNew.slice(0, remainingSurge)] };
}
