// Inter-pod affinity terms read once per pod (framework.PodInfo's RequiredAffinityTerms and
// friends): the cache keeps them for assigned pods, the InterPodAffinity plugin for the incoming one.
import type { KubeObject } from '../../api/types';
import type { LabelSelector } from '../../api/selector-types';
import { labelSelectorAsSelector, matchesLabels, nothing } from '../../api/labels';
import { podSpec } from './podutil';

export interface AffinityTerm {
  namespaces: Set<string>;
  /** namespaceSelector: nil selects nothing, `{}` every namespace */
  nsSelector: LabelSelector;
  selector: LabelSelector;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface PodAffinityInfo {
  requiredAffinity: AffinityTerm[];
  requiredAnti: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAnti: WeightedAffinityTerm[];
}

type Obj = Record<string, unknown>;
/** Read-only: a missing object reads as one shared empty object (no allocation per read). */
const EMPTY: Obj = Object.freeze({});
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : EMPTY);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

function selectorOf(ls: unknown): LabelSelector {
  try {
    return labelSelectorAsSelector(ls as never);
  } catch {
    // An invalid selector matches nothing (validation rejects it before it gets here).
    return nothing();
  }
}

/** newAffinityTerm with GetNamespacesFromPodAffinityTerm: no namespaces and no selector mean the pod's own. */
function affinityTerm(pod: KubeObject, t: Obj): AffinityTerm {
  const listed = (t.namespaces as string[] | undefined) ?? [];
  const namespaces = new Set(listed.length || t.namespaceSelector != null ? listed : [pod.metadata.namespace ?? '']);
  return { namespaces, nsSelector: selectorOf(t.namespaceSelector), selector: selectorOf(t.labelSelector), topologyKey: String(t.topologyKey ?? '') };
}

function weighted(pod: KubeObject, list: unknown): WeightedAffinityTerm[] {
  return arr(list).map((w) => ({ ...affinityTerm(pod, obj(w.podAffinityTerm)), weight: Number(w.weight ?? 0) }));
}

/** The pod's four term lists, or undefined when it has none (most pods). */
export function podAffinityInfo(pod: KubeObject): PodAffinityInfo | undefined {
  const aff = obj(podSpec(pod).affinity);
  // Most pods have no inter-pod terms: nothing to read.
  if (aff.podAffinity == null && aff.podAntiAffinity == null) return undefined;
  const pa = obj(aff.podAffinity);
  const anti = obj(aff.podAntiAffinity);
  if (!Object.keys(pa).length && !Object.keys(anti).length) return undefined;
  const info: PodAffinityInfo = {
    requiredAffinity: arr(pa.requiredDuringSchedulingIgnoredDuringExecution).map((t) => affinityTerm(pod, t)),
    requiredAnti: arr(anti.requiredDuringSchedulingIgnoredDuringExecution).map((t) => affinityTerm(pod, t)),
    preferredAffinity: weighted(pod, pa.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAnti: weighted(pod, anti.preferredDuringSchedulingIgnoredDuringExecution),
  };
  const n = info.requiredAffinity.length + info.requiredAnti.length + info.preferredAffinity.length + info.preferredAnti.length;
  return n ? info : undefined;
}

/** AffinityTerm.Matches: the pod's namespace is listed or selected, and its labels match. */
export function termMatches(t: AffinityTerm, pod: KubeObject, nsLabels: Record<string, string> | undefined): boolean {
  const ns = pod.metadata.namespace ?? '';
  // A namespace the scheduler has not seen has no labels: `{}` still selects it.
  if (!t.namespaces.has(ns) && !matchesLabels(t.nsSelector, nsLabels ?? {})) return false;
  return matchesLabels(t.selector, pod.metadata.labels ?? {});
}
