// Pod and node helpers the scheduler plugins and the taint eviction controller share: resource
// requests (resourcehelper.PodRequests), taints and tolerations (v1 helper ToleratesTaint),
// node selectors and required node affinity (component-helpers nodeaffinity).
import type { KubeObject } from '../../api/types';
import { tryParseQuantity, toMilli, quantityValue } from '../../api/quantity';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** cpu in millicores, memory in bytes. */
export interface Resources {
  milliCPU: number;
  memory: number;
}

type Obj = Record<string, unknown>;
/** Read-only: a missing object reads as one shared empty object (no allocation per read). */
const EMPTY: Obj = Object.freeze({});
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : EMPTY);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

export function podSpec(pod: KubeObject): Obj {
  return obj(pod.spec);
}

export function nodeSpec(node: KubeObject): Obj {
  return obj(node.spec);
}

export function podPriority(pod: KubeObject): number {
  const p = podSpec(pod).priority;
  return typeof p === 'number' ? p : 0;
}

export function podPhase(pod: KubeObject): string {
  return String(obj(pod.status).phase ?? '');
}

export function isTerminal(pod: KubeObject): boolean {
  const p = podPhase(pod);
  return p === 'Succeeded' || p === 'Failed';
}

function milli(v: unknown): number {
  const q = v === undefined ? undefined : tryParseQuantity(String(v));
  return q ? toMilli(q) : 0;
}

function value(v: unknown): number {
  const q = v === undefined ? undefined : tryParseQuantity(String(v));
  return q ? quantityValue(q) : 0;
}

/** The non-zero defaults the scorers use for containers without requests (schedutil). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

function containerRequests(c: Obj, nonZero: boolean): Resources {
  const req = obj(obj(c.resources).requests);
  let milliCPU = milli(req.cpu);
  let memory = value(req.memory);
  if (nonZero) {
    if (req.cpu === undefined) milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (req.memory === undefined) memory = DEFAULT_MEMORY_REQUEST;
  }
  return { milliCPU, memory };
}

const add = (a: Resources, b: Resources): Resources => ({ milliCPU: a.milliCPU + b.milliCPU, memory: a.memory + b.memory });
const max = (a: Resources, b: Resources): Resources => ({ milliCPU: Math.max(a.milliCPU, b.milliCPU), memory: Math.max(a.memory, b.memory) });

/**
 * resourcehelper.PodRequests: containers are summed; init containers run one at a time, so the
 * pod needs the larger of the sum and each init container (plus the sidecars started before it);
 * restartable init containers (sidecars) keep running, so they add up; then the overhead.
 * With `nonZero`, containers without a request count 100m cpu and 200Mi memory (the scorers).
 */
export function podRequests(pod: KubeObject, nonZero = false): Resources {
  const spec = podSpec(pod);
  // A pod's requests are read several times on its way (scheduling, scoring, the cache, once per
  // variant) and its stored containers list is frozen and shared by every version of the pod (the
  // binding only changes nodeName): work both variants out once per containers list.
  const containers = spec.containers;
  if (!Array.isArray(containers) || !Object.isFrozen(containers)) return computePodRequests(spec, nonZero);
  let m = requestsMemo.get(containers);
  if (!m || m.init !== spec.initContainers || m.overhead !== spec.overhead) {
    m = { init: spec.initContainers, overhead: spec.overhead, plain: Object.freeze(computePodRequests(spec, false)), nonZero: Object.freeze(computePodRequests(spec, true)) };
    requestsMemo.set(containers, m);
  }
  return nonZero ? m.nonZero : m.plain;
}

/** Both variants of podRequests per frozen containers list, with the other inputs they were computed from. */
const requestsMemo = new WeakMap<object, { init: unknown; overhead: unknown; plain: Resources; nonZero: Resources }>();

function computePodRequests(spec: Obj, nonZero: boolean): Resources {
  let reqs: Resources = { milliCPU: 0, memory: 0 };
  for (const c of arr(spec.containers)) reqs = add(reqs, containerRequests(c, nonZero));
  let sidecars: Resources = { milliCPU: 0, memory: 0 };
  let initMax: Resources = { milliCPU: 0, memory: 0 };
  for (const c of arr(spec.initContainers)) {
    const r = containerRequests(c, nonZero);
    let tmp: Resources;
    if (c.restartPolicy === 'Always') {
      reqs = add(reqs, r);
      sidecars = add(sidecars, r);
      tmp = sidecars;
    } else {
      tmp = add(r, sidecars);
    }
    initMax = max(initMax, tmp);
  }
  reqs = max(reqs, initMax);
  const overhead = obj(spec.overhead);
  if (Object.keys(overhead).length) reqs = add(reqs, { milliCPU: milli(overhead.cpu), memory: value(overhead.memory) });
  return reqs;
}

export interface Allocatable extends Resources {
  pods: number;
}

export function nodeAllocatable(node: KubeObject): Allocatable {
  const a = obj(obj(node.status).allocatable);
  return { milliCPU: milli(a.cpu), memory: value(a.memory), pods: value(a.pods) };
}

// ---------------------------------------------------------------------------------------------
// Taints and tolerations

export function nodeTaints(node: KubeObject): Taint[] {
  return arr(nodeSpec(node).taints) as unknown as Taint[];
}

export function podTolerations(pod: KubeObject): Toleration[] {
  return arr(podSpec(pod).tolerations) as unknown as Toleration[];
}

/** Toleration.ToleratesTaint: an empty effect or key matches all; an empty operator means Equal. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator || 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

export function taintTolerated(taint: Taint, tolerations: Toleration[]): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}

/** v1helper.FindMatchingUntoleratedTaint for the given effects. */
export function findUntoleratedTaint(taints: Taint[], tolerations: Toleration[], effects: string[]): Taint | undefined {
  return taints.find((t) => effects.includes(t.effect) && !taintTolerated(t, tolerations));
}

export function taintString(t: Taint): string {
  return `{${t.key}: ${t.value ?? ''}}`;
}

// ---------------------------------------------------------------------------------------------
// Node selectors and node affinity

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

function requirementMatches(r: Requirement, get: (key: string) => string | undefined): boolean {
  const v = get(r.key);
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return v !== undefined && values.includes(v);
    case 'NotIn':
      return v === undefined || !values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
    case 'Lt': {
      if (v === undefined || values.length !== 1) return false;
      if (!/^[+-]?\d+$/.test(v) || !/^[+-]?\d+$/.test(values[0])) return false;
      const a = BigInt(v);
      const b = BigInt(values[0]);
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** One NodeSelectorTerm: every expression and field must match; an empty term matches nothing. */
export function nodeSelectorTermMatches(term: Obj, node: KubeObject): boolean {
  const exprs = arr(term.matchExpressions) as unknown as Requirement[];
  const fields = arr(term.matchFields) as unknown as Requirement[];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  if (!exprs.every((r) => requirementMatches(r, (k) => (k in labels ? labels[k] : undefined)))) return false;
  return fields.every((r) => requirementMatches(r, (k) => (k === 'metadata.name' ? node.metadata.name : undefined)));
}

/** nodeaffinity.RequiredNodeAffinity: the pod's nodeSelector and required terms, read once per cycle. */
export interface RequiredNodeAffinity {
  selector: [string, string][];
  /** undefined: no required node affinity; the terms are ORed */
  terms?: Obj[];
}

/** GetRequiredNodeAffinity; undefined when the pod has neither a nodeSelector nor required terms. */
export function requiredNodeAffinity(pod: KubeObject): RequiredNodeAffinity | undefined {
  const spec = podSpec(pod);
  const selector = Object.entries(obj(spec.nodeSelector)).map(([k, v]) => [k, String(v)] as [string, string]);
  const required = obj(obj(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required === undefined || required === null ? undefined : arr(obj(required).nodeSelectorTerms);
  if (!selector.length && !terms) return undefined;
  return { selector, terms };
}

export function matchesRequiredNodeAffinity(a: RequiredNodeAffinity | undefined, node: KubeObject): boolean {
  if (!a) return true;
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of a.selector) if (labels[k] !== v) return false;
  return !a.terms || a.terms.some((t) => nodeSelectorTermMatches(t, node));
}

/** nodeSelector plus requiredDuringSchedulingIgnoredDuringExecution (terms are ORed). */
export function podMatchesNodeSelectorAndAffinity(pod: KubeObject, node: KubeObject): boolean {
  return matchesRequiredNodeAffinity(requiredNodeAffinity(pod), node);
}

/**
 * NodeAffinity's PreFilter: the node names required terms pin the pod to through matchFields
 * metadata.name In (the DaemonSet controller's way); undefined when any term allows every node.
 */
export function requiredNodeNames(a: RequiredNodeAffinity | undefined): Set<string> | undefined {
  if (!a?.terms?.length) return undefined;
  let names: Set<string> | undefined;
  for (const t of a.terms) {
    let termNames: Set<string> | undefined;
    for (const r of arr(t.matchFields)) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set((r.values as string[] | undefined) ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

/** Sum of the weights of the preferred node affinity terms the node matches. */
export function preferredAffinityScore(pod: KubeObject, node: KubeObject): number {
  const prefs = arr(obj(obj(podSpec(pod).affinity).nodeAffinity).preferredDuringSchedulingIgnoredDuringExecution);
  let s = 0;
  for (const p of prefs) {
    const w = typeof p.weight === 'number' ? p.weight : 0;
    if (w && nodeSelectorTermMatches(obj(p.preference), node)) s += w;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Host ports

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export function podHostPorts(pod: KubeObject): HostPort[] {
  const out: HostPort[] = [];
  for (const c of arr(podSpec(pod).containers)) {
    for (const p of arr(c.ports)) {
      const port = typeof p.hostPort === 'number' ? p.hostPort : 0;
      if (port <= 0) continue;
      out.push({ ip: String(p.hostIP || '0.0.0.0'), protocol: String(p.protocol || 'TCP'), port });
    }
  }
  return out;
}

/** HostPortInfo.CheckConflict: the same protocol and port, and either side on 0.0.0.0 or the same IP. */
export function hostPortsConflict(want: HostPort[], used: HostPort[]): boolean {
  return want.some((w) =>
    used.some((u) => u.port === w.port && u.protocol === w.protocol && (u.ip === w.ip || u.ip === '0.0.0.0' || w.ip === '0.0.0.0')),
  );
}

export function controllerRef(pod: KubeObject): { apiVersion: string; kind: string; name: string; uid: string } | undefined {
  return (pod.metadata.ownerReferences ?? []).find((r) => r.controller) as
    | { apiVersion: string; kind: string; name: string; uid: string }
    | undefined;
}
