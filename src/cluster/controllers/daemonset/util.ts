// pkg/controller/daemon/util and the predicates of daemon_controller.go: which nodes should run a
// daemon pod, the tolerations every daemon pod gets, the node-name affinity that hands the pod to
// the scheduler, and whether a pod is of the current template.
import type { KubeObject } from '../../../api/types';
import { findUntoleratedTaint, matchesRequiredNodeAffinity, nodeTaints, requiredNodeAffinity, type Toleration } from '../../scheduler/podutil';

type Obj = Record<string, any>;

/** apps.DefaultDaemonSetUniqueLabelKey and extensions.DaemonSetTemplateGenerationKey. */
export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** AddOrUpdateDaemonPodTolerations: daemon pods survive node problems and cordons. */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const NETWORK_UNAVAILABLE: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };

/** AddOrUpdateTolerationInPodSpec for each daemon toleration (a matching one is replaced in place). */
export function addDaemonTolerations(spec: Obj): void {
  const wanted = spec.hostNetwork ? [...DAEMON_TOLERATIONS, NETWORK_UNAVAILABLE] : DAEMON_TOLERATIONS;
  const list: Toleration[] = [...((spec.tolerations as Toleration[] | undefined) ?? [])];
  for (const t of wanted) {
    const same = (x: Toleration) => x.key === t.key && x.effect === t.effect && (x.operator ?? '') === t.operator && (x.value ?? '') === (t.value ?? '');
    const i = list.findIndex(same);
    if (i >= 0) list[i] = { ...t };
    else list.push({ ...t });
  }
  spec.tolerations = list;
}

export interface ShouldRun {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

/**
 * NodeShouldRunDaemonPod for every node of one sync: the daemon pod (NewPod: the template with
 * the daemon tolerations) is read once, then each node is checked against its node name, required
 * node affinity and taints. shouldRun: a pod should be created there; shouldContinueRunning: an
 * existing one may stay (it tolerates the node's NoExecute taints if not its NoSchedule ones).
 */
export function daemonPredicate(ds: KubeObject): (node: KubeObject) => ShouldRun {
  const t = ((ds.spec as Obj | undefined)?.template ?? {}) as Obj;
  const spec: Obj = { ...(t.spec ?? {}) };
  addDaemonTolerations(spec);
  const affinity = requiredNodeAffinity({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec });
  const tolerations = spec.tolerations as Toleration[];
  const no = { shouldRun: false, shouldContinueRunning: false };
  return (node) => {
    if (spec.nodeName && spec.nodeName !== node.metadata.name) return no;
    if (!matchesRequiredNodeAffinity(affinity, node)) return no;
    const taints = nodeTaints(node);
    if (taints.length && findUntoleratedTaint(taints, tolerations, ['NoSchedule', 'NoExecute'])) {
      return { shouldRun: false, shouldContinueRunning: !findUntoleratedTaint(taints, tolerations, ['NoExecute']) };
    }
    return { shouldRun: true, shouldContinueRunning: true };
  };
}

export function nodeShouldRunDaemonPod(node: KubeObject, ds: KubeObject): ShouldRun {
  return daemonPredicate(ds)(node);
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become one matchFields metadata.name term. */
export function replaceNodeNameAffinity(affinity: Obj | undefined, nodeName: string): Obj {
  const terms = [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }];
  const a: Obj = { ...(affinity ?? {}) };
  const na: Obj = { ...(a.nodeAffinity ?? {}) };
  na.requiredDuringSchedulingIgnoredDuringExecution = { ...(na.requiredDuringSchedulingIgnoredDuringExecution ?? {}), nodeSelectorTerms: terms };
  a.nodeAffinity = na;
  return a;
}

/** GetTargetNodeName: the node a daemon pod is bound to, or pinned to while it waits for the scheduler. */
export function targetNodeName(pod: KubeObject): string | undefined {
  const spec = (pod.spec ?? {}) as Obj;
  if (spec.nodeName) return spec.nodeName as string;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as Obj[] | undefined;
  if (terms?.length !== 1) return undefined;
  for (const f of (terms[0].matchFields ?? []) as Obj[]) {
    if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0] as string;
  }
  return undefined;
}

/** GetTemplateGeneration: the deprecated annotation the apiserver keeps in step with template changes. */
export function templateGeneration(ds: KubeObject): number | undefined {
  const a = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return a !== undefined && /^-?\d+$/.test(a) ? Number(a) : undefined;
}

/** IsPodUpdated: the pod carries the current revision hash (or template generation). */
export function isPodUpdated(pod: KubeObject, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation);
  return (!!hash && labels[REVISION_HASH_LABEL] === hash) || templateMatches;
}

/** CreatePodTemplate: the template with the daemon tolerations and the generation and hash labels. */
export function createPodTemplate(template: Obj, generation: number | undefined, hash: string): Obj {
  const t = JSON.parse(JSON.stringify(template ?? {})) as Obj;
  t.spec = t.spec ?? {};
  addDaemonTolerations(t.spec);
  t.metadata = { ...(t.metadata ?? {}), labels: { ...(t.metadata?.labels ?? {}) } };
  if (generation !== undefined) t.metadata.labels[TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash) t.metadata.labels[REVISION_HASH_LABEL] = hash;
  return t;
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v ?? ''));
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}
