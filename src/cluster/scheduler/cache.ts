// The scheduler's view of each node (framework.NodeInfo), kept up to date from the shared
// informers: the node, its assigned non-terminal pods, their summed requests, used host ports,
// and pods grouped by namespace and label set (so counting the pods a selector matches on a node
// costs one check per distinct label set, not one per pod).
import type { KubeObject } from '../../api/types';
import { matchesLabels } from '../../api/labels';
import type { LabelSelector } from '../../api/selector-types';
import { keyOf } from '../machinery/informer';
import { isTerminal, nodeAllocatable, podHostPorts, podRequests, type Allocatable, type HostPort, type Resources } from './podutil';

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
}

export class NodeInfo {
  node?: KubeObject;
  allocatable: Allocatable = { milliCPU: 0, memory: 0, pods: 0 };
  pods = new Map<string, KubeObject>();
  requested: Resources = { milliCPU: 0, memory: 0 };
  nonZeroRequested: Resources = { milliCPU: 0, memory: 0 };
  usedPorts: HostPort[] = [];
  groups = new Map<string, LabelGroup>();

  constructor(readonly name: string) {}

  /** countPodsMatchSelector: non-terminating pods of the namespace whose labels match. */
  countMatching(selector: LabelSelector, namespace: string): number {
    // A group key is the namespace and the whole label set, so whether a selector matches it is
    // the same on every node: scoring asks about hundreds of nodes with one selector.
    let memo = matchMemo.get(selector);
    if (!memo) matchMemo.set(selector, (memo = new Map()));
    let n = 0;
    for (const [key, g] of this.groups) {
      if (!g.active || g.namespace !== namespace) continue;
      let m = memo.get(key);
      if (m === undefined) memo.set(key, (m = matchesLabels(selector, g.labels)));
      if (m) n += g.active;
    }
    return n;
  }
}

/** selector → (group key → matches); selectors are immutable values, dropped with them. */
const matchMemo = new WeakMap<LabelSelector, Map<string, boolean>>();

function groupKey(pod: KubeObject): string {
  const labels = pod.metadata.labels ?? {};
  const keys = Object.keys(labels).sort();
  return `${pod.metadata.namespace ?? ''}\u0000${keys.map((k) => `${k}=${labels[k]}`).join('\u0000')}`;
}

export class SchedulerCache {
  readonly nodes = new Map<string, NodeInfo>();
  private pods = new Map<string, PodEntry>();
  /** Node names in the order they were added (the snapshot's node list). */
  private order: string[] = [];
  private orderDirty = false;

  nodeNames(): string[] {
    if (this.orderDirty) {
      this.order = [...this.nodes.values()].filter((n) => n.node).map((n) => n.name);
      this.orderDirty = false;
    }
    return this.order;
  }

  private info(name: string): NodeInfo {
    let i = this.nodes.get(name);
    if (!i) this.nodes.set(name, (i = new NodeInfo(name)));
    return i;
  }

  setNode(node: KubeObject): void {
    const i = this.info(node.metadata.name!);
    if (!i.node) this.orderDirty = true;
    i.node = node;
    i.allocatable = nodeAllocatable(node);
  }

  removeNode(name: string): void {
    const i = this.nodes.get(name);
    if (!i) return;
    i.node = undefined;
    if (!i.pods.size) this.nodes.delete(name);
    this.orderDirty = true;
  }

  /** Adds, updates or removes a pod as its binding and phase say. */
  updatePod(pod: KubeObject): void {
    const key = keyOf(pod);
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const old = this.pods.get(key);
    if (!nodeName || isTerminal(pod)) {
      if (old) this.removeEntry(key, old);
      return;
    }
    if (old) {
      // Requests, ports and labels can change (in-place resize, labels); start over.
      this.removeEntry(key, old);
    }
    const e: PodEntry = {
      pod,
      node: nodeName,
      requested: podRequests(pod),
      nonZero: podRequests(pod, true),
      ports: podHostPorts(pod),
      group: groupKey(pod),
      terminating: !!pod.metadata.deletionTimestamp,
    };
    const i = this.info(nodeName);
    i.pods.set(key, pod);
    i.requested = { milliCPU: i.requested.milliCPU + e.requested.milliCPU, memory: i.requested.memory + e.requested.memory };
    i.nonZeroRequested = { milliCPU: i.nonZeroRequested.milliCPU + e.nonZero.milliCPU, memory: i.nonZeroRequested.memory + e.nonZero.memory };
    if (e.ports.length) i.usedPorts = [...i.usedPorts, ...e.ports];
    let g = i.groups.get(e.group);
    if (!g) i.groups.set(e.group, (g = { namespace: pod.metadata.namespace ?? '', labels: { ...(pod.metadata.labels ?? {}) }, active: 0, total: 0 }));
    g.total++;
    if (!e.terminating) g.active++;
    this.pods.set(key, e);
  }

  removePod(pod: KubeObject): void {
    const key = keyOf(pod);
    const old = this.pods.get(key);
    if (old) this.removeEntry(key, old);
  }

  private removeEntry(key: string, e: PodEntry): void {
    this.pods.delete(key);
    const i = this.nodes.get(e.node);
    if (!i) return;
    i.pods.delete(key);
    i.requested = { milliCPU: i.requested.milliCPU - e.requested.milliCPU, memory: i.requested.memory - e.requested.memory };
    i.nonZeroRequested = { milliCPU: i.nonZeroRequested.milliCPU - e.nonZero.milliCPU, memory: i.nonZeroRequested.memory - e.nonZero.memory };
    if (e.ports.length) {
      const rest = [...i.usedPorts];
      for (const p of e.ports) {
        const k = rest.findIndex((u) => u.ip === p.ip && u.port === p.port && u.protocol === p.protocol);
        if (k >= 0) rest.splice(k, 1);
      }
      i.usedPorts = rest;
    }
    const g = i.groups.get(e.group);
    if (g) {
      g.total--;
      if (!e.terminating) g.active--;
      if (!g.total) i.groups.delete(e.group);
    }
    if (!i.node && !i.pods.size) this.nodes.delete(e.node);
  }
}
