// The scheduler's view of each node (framework.NodeInfo), kept up to date from the shared
// informers: the node, its assigned non-terminal pods, their summed requests, used host ports,
// and pods grouped by namespace and label set (so counting the pods a selector matches on a node
// costs one check per distinct label set, not one per pod).
import type { KubeObject } from '../../api/types';
import { matchesLabels, selectorString } from '../../api/labels';
import type { LabelSelector } from '../../api/selector-types';
import { keyOf } from '../machinery/informer';
import { isTerminal, nodeAllocatable, nodeSpec, nodeTaints, podHostPorts, podRequests, type Allocatable, type HostPort, type Resources, type Taint } from './podutil';
import { podAffinityInfo, type PodAffinityInfo } from './podaffinity';

interface LabelGroup {
  namespace: string;
  labels: Record<string, string>;
  /** pods in the group that are not terminating */
  active: number;
  total: number;
}

interface PodEntry {
  pod: KubeObject;
  node: string;
  requested: Resources;
  nonZero: Resources;
  ports: HostPort[];
  group: string;
  terminating: boolean;
  affinity?: PodAffinityInfo;
}

/** An assigned pod with inter-pod (anti-)affinity and its terms, read once. */
export interface PodWithAffinity {
  pod: KubeObject;
  info: PodAffinityInfo;
}

export class NodeInfo {
  node?: KubeObject;
  allocatable: Allocatable = { milliCPU: 0, memory: 0, pods: 0 };
  pods = new Map<string, KubeObject>();
  requested: Resources = { milliCPU: 0, memory: 0 };
  nonZeroRequested: Resources = { milliCPU: 0, memory: 0 };
  usedPorts: HostPort[] = [];
  groups = new Map<string, LabelGroup>();
  /** the node's labels and taints, read once per node update */
  labels: Record<string, string> = {};
  taints: Taint[] = [];
  /** spec.unschedulable (cordoned), read once per node update */
  unschedulable = false;
  /** PodsWithAffinity and how many of them have required anti-affinity terms */
  podsWithAffinity = new Map<string, PodWithAffinity>();
  requiredAntiAffinityPods = 0;

  constructor(
    readonly name: string,
    /** shared by the nodes of one SchedulerCache */
    readonly registry: GroupRegistry = new GroupRegistry(),
  ) {}

  /** countPodsMatchSelector: non-terminating pods of the namespace whose labels match. */
  countMatching(selector: LabelSelector, namespace: string): number {
    // A group key is the namespace and the whole label set, so which groups a selector matches
    // is the same on every node: scoring asks about hundreds of nodes with one selector. Work
    // the matching keys out once (again only when a new label set appeared anywhere), then look
    // each up here.
    return this.countGroups(this.registry.matching(selector, namespace));
  }

  /** countMatching with the matching group keys already worked out (once per cycle). */
  countGroups(keys: string[]): number {
    // Scoring asks every node with the same keys array (the registry's, for one controller's
    // pods) pod after pod, and only the node that got the last pod has changed since: remember
    // the last answer until the node's groups change.
    if (keys === this.lastKeys && this.lastVersion === this.groupsVersion) return this.lastCount;
    let n = 0;
    // Usually one key (the pods of one ReplicaSet share their label set).
    if (keys.length === 1) n = this.groups.get(keys[0])?.active ?? 0;
    else {
      for (const key of keys) {
        const g = this.groups.get(key);
        if (g) n += g.active;
      }
    }
    this.lastKeys = keys;
    this.lastVersion = this.groupsVersion;
    this.lastCount = n;
    return n;
  }

  /** Bumped whenever a group's counts change (countGroups' memory). */
  groupsVersion = 0;
  private lastKeys?: string[];
  private lastVersion = -1;
  private lastCount = 0;
}

/** Every group key on the nodes of one cache (reference-counted by node), with a version bumped on each new key. */
export class GroupRegistry {
  private readonly all = new Map<string, { key: string; namespace: string; labels: Record<string, string>; nodes: number }>();
  private version = 0;
  /** namespace and selector (as a string: each pod builds its own selector objects) → the group keys it matches, as of `version` */
  private readonly memo = new Map<string, { version: number; keys: string[] }>();

  /**
   * The registry's own instance of a group key: the nodes' group maps are keyed by it, so the
   * hundreds of lookups per scheduling cycle compare keys by identity, not character by character.
   */
  canonical(key: string): string {
    return this.all.get(key)?.key ?? key;
  }

  added(key: string, g: LabelGroup): void {
    const e = this.all.get(key);
    if (e) e.nodes++;
    else {
      this.all.set(key, { key, namespace: g.namespace, labels: g.labels, nodes: 1 });
      this.version++;
    }
  }

  removed(key: string): void {
    const e = this.all.get(key);
    if (e && --e.nodes === 0) this.all.delete(key);
  }

  matching(selector: LabelSelector, namespace: string): string[] {
    // The same selector object (the scheduler keeps one per controller) is recognised without
    // building its string.
    const same = this.bySelector.get(selector);
    if (same && same.version === this.version && same.namespace === namespace) return same.keys;
    const keys = this.matchingByString(selector, namespace);
    this.bySelector.set(selector, { version: this.version, namespace, keys });
    return keys;
  }

  private readonly bySelector = new WeakMap<LabelSelector, { version: number; namespace: string; keys: string[] }>();

  private matchingByString(selector: LabelSelector, namespace: string): string[] {
    const memoKey = `${namespace}\u0000${selector.nothing ? '\u0000nothing' : selectorString(selector)}`;
    const memo = this.memo.get(memoKey);
    if (memo && memo.version === this.version) return memo.keys;
    const keys: string[] = [];
    for (const [key, e] of this.all) if (e.namespace === namespace && matchesLabels(selector, e.labels)) keys.push(key);
    // Stale entries are dropped wholesale: selectors come from a few controllers and Services.
    if (this.memo.size > 10_000) this.memo.clear();
    this.memo.set(memoKey, { version: this.version, keys });
    return keys;
  }
}

function groupKey(pod: KubeObject): string {
  const labels = pod.metadata.labels ?? {};
  const keys = Object.keys(labels);
  // Labels usually arrive with their keys in order already: sort only when they are not.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) {
      keys.sort();
      break;
    }
  }
  let key = `${pod.metadata.namespace ?? ''}\u0000`;
  for (let i = 0; i < keys.length; i++) key += `${i ? '\u0000' : ''}${keys[i]}=${labels[keys[i]]}`;
  return key;
}

const NO_NODES: NodeInfo[] = Object.freeze([]) as unknown as NodeInfo[];

export class SchedulerCache {
  readonly nodes = new Map<string, NodeInfo>();
  private pods = new Map<string, PodEntry>();
  /** Node names in the order they were added (the snapshot's node list). */
  private order: string[] = [];
  private orderDirty = false;
  private infos: NodeInfo[] = [];
  /** nodes holding at least one pod with inter-pod affinity terms */
  private withAffinity = new Set<NodeInfo>();
  readonly registry = new GroupRegistry();

  nodeNames(): string[] {
    this.refreshOrder();
    return this.order;
  }

  /** The snapshot's node list (NodeInfos().List()), rebuilt only when nodes come or go. */
  nodeInfos(): NodeInfo[] {
    this.refreshOrder();
    return this.infos;
  }

  /** HavePodsWithAffinityList / HavePodsWithRequiredAntiAffinityList (usually empty: no walk over the nodes). */
  havePodsWithAffinity(requiredAntiOnly = false): NodeInfo[] {
    // Asked twice per scheduling cycle; the answer is almost always none.
    if (!this.withAffinity.size) return NO_NODES;
    const out: NodeInfo[] = [];
    for (const i of this.withAffinity) if (i.node && (requiredAntiOnly ? i.requiredAntiAffinityPods : i.podsWithAffinity.size)) out.push(i);
    return out;
  }

  private refreshOrder(): void {
    if (!this.orderDirty) return;
    this.infos = [...this.nodes.values()].filter((n) => n.node);
    this.order = this.infos.map((n) => n.name);
    this.orderDirty = false;
  }

  private info(name: string): NodeInfo {
    let i = this.nodes.get(name);
    if (!i) this.nodes.set(name, (i = new NodeInfo(name, this.registry)));
    return i;
  }

  setNode(node: KubeObject): void {
    const i = this.info(node.metadata.name!);
    if (!i.node) this.orderDirty = true;
    i.node = node;
    i.allocatable = nodeAllocatable(node);
    i.labels = node.metadata.labels ?? {};
    i.taints = nodeTaints(node);
    i.unschedulable = !!nodeSpec(node).unschedulable;
  }

  removeNode(name: string): void {
    const i = this.nodes.get(name);
    if (!i) return;
    i.node = undefined;
    if (!i.pods.size) this.nodes.delete(name);
    this.orderDirty = true;
  }

  /** Adds, updates or removes a pod as its binding and phase say (`key`: its keyOf, when the caller has it). */
  updatePod(pod: KubeObject, key = keyOf(pod)): void {
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const old = this.pods.get(key);
    if (!nodeName || isTerminal(pod)) {
      if (old) this.removeEntry(key, old);
      return;
    }
    if (old) {
      // Most updates are the kubelet's status writes: the store shares the unchanged spec and
      // labels, so the aggregates stand and only the pod object is swapped.
      if (old.node === nodeName && old.pod.spec === pod.spec && old.pod.metadata.labels === pod.metadata.labels && old.terminating === !!pod.metadata.deletionTimestamp) {
        old.pod = pod;
        const i = this.nodes.get(nodeName);
        i?.pods.set(key, pod);
        if (old.affinity) i?.podsWithAffinity.set(key, { pod, info: old.affinity });
        return;
      }
      // Requests, ports and labels can change (in-place resize, labels); start over.
      this.removeEntry(key, old);
    }
    const e: PodEntry = {
      pod,
      node: nodeName,
      requested: podRequests(pod),
      nonZero: podRequests(pod, true),
      ports: podHostPorts(pod),
      group: this.registry.canonical(groupKey(pod)),
      terminating: !!pod.metadata.deletionTimestamp,
      affinity: podAffinityInfo(pod),
    };
    const i = this.info(nodeName);
    i.pods.set(key, pod);
    // Summed in place: the node's totals belong to it (a preemption dry run copies them).
    i.requested.milliCPU += e.requested.milliCPU;
    i.requested.memory += e.requested.memory;
    i.nonZeroRequested.milliCPU += e.nonZero.milliCPU;
    i.nonZeroRequested.memory += e.nonZero.memory;
    if (e.ports.length) i.usedPorts = [...i.usedPorts, ...e.ports];
    if (e.affinity) {
      this.withAffinity.add(i);
      i.podsWithAffinity.set(key, { pod, info: e.affinity });
      if (e.affinity.requiredAnti.length) i.requiredAntiAffinityPods++;
    }
    let g = i.groups.get(e.group);
    if (!g) {
      i.groups.set(e.group, (g = { namespace: pod.metadata.namespace ?? '', labels: { ...(pod.metadata.labels ?? {}) }, active: 0, total: 0 }));
      i.registry.added(e.group, g);
    }
    g.total++;
    if (!e.terminating) g.active++;
    i.groupsVersion++;
    this.pods.set(key, e);
  }

  removePod(pod: KubeObject, key = keyOf(pod)): void {
    const old = this.pods.get(key);
    if (old) this.removeEntry(key, old);
  }

  private removeEntry(key: string, e: PodEntry): void {
    this.pods.delete(key);
    const i = this.nodes.get(e.node);
    if (!i) return;
    i.pods.delete(key);
    i.requested.milliCPU -= e.requested.milliCPU;
    i.requested.memory -= e.requested.memory;
    i.nonZeroRequested.milliCPU -= e.nonZero.milliCPU;
    i.nonZeroRequested.memory -= e.nonZero.memory;
    if (e.ports.length) {
      const rest = [...i.usedPorts];
      for (const p of e.ports) {
        const k = rest.findIndex((u) => u.ip === p.ip && u.port === p.port && u.protocol === p.protocol);
        if (k >= 0) rest.splice(k, 1);
      }
      i.usedPorts = rest;
    }
    if (e.affinity) {
      i.podsWithAffinity.delete(key);
      if (e.affinity.requiredAnti.length) i.requiredAntiAffinityPods--;
      if (!i.podsWithAffinity.size) this.withAffinity.delete(i);
    }
    const g = i.groups.get(e.group);
    if (g) {
      i.groupsVersion++;
      g.total--;
      if (!e.terminating) g.active--;
      if (!g.total) {
        i.groups.delete(e.group);
        i.registry.removed(e.group);
      }
    }
    if (!i.node && !i.pods.size) this.nodes.delete(e.node);
  }
}
