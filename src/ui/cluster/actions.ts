// The cluster view's actions, each a plain API call (what kubectl would send): delete a pod,
// scale a deployment through its scale subresource, cordon/uncordon, drain (cordon, then evict
// every pod but DaemonSet and mirror pods), stop/start a node (kubeplay.io/state annotation).
import type { ApiResponse } from '../../api/client';
import type { ClusterClient } from './feed';
import { STOPPED_ANNOTATION, type AnyObject } from './model';

const MERGE = 'application/merge-patch+json';
const enc = encodeURIComponent;

export class ActionError extends Error {}

function check(res: ApiResponse, ok = [200, 201, 202]): ApiResponse {
  if (!ok.includes(res.status)) {
    const body = res.body as { message?: string } | string;
    throw new ActionError(typeof body === 'string' ? body : (body?.message ?? `HTTP ${res.status}`));
  }
  return res;
}

export async function deletePod(client: ClusterClient, namespace: string, name: string): Promise<void> {
  check(await client.api({ verb: 'DELETE', path: `/api/v1/namespaces/${enc(namespace)}/pods/${enc(name)}` }));
}

export async function scaleDeployment(client: ClusterClient, namespace: string, name: string, replicas: number): Promise<void> {
  check(
    await client.api({
      verb: 'PATCH',
      path: `/apis/apps/v1/namespaces/${enc(namespace)}/deployments/${enc(name)}/scale`,
      body: { spec: { replicas: Math.max(0, replicas) } },
      contentType: MERGE,
    }),
  );
}

export async function setCordon(client: ClusterClient, node: string, cordon: boolean): Promise<void> {
  // kubectl uncordon's two-way merge patch drops the field (false is omitempty).
  check(await client.api({ verb: 'PATCH', path: `/api/v1/nodes/${enc(node)}`, body: { spec: { unschedulable: cordon ? true : null } }, contentType: MERGE }));
}

export async function setNodeStopped(client: ClusterClient, node: string, stopped: boolean): Promise<void> {
  check(
    await client.api({
      verb: 'PATCH',
      path: `/api/v1/nodes/${enc(node)}`,
      body: { metadata: { annotations: { [STOPPED_ANNOTATION]: stopped ? 'stopped' : null } } },
      contentType: MERGE,
    }),
  );
}

/** Pods drain leaves alone: DaemonSet pods and mirror (static) pods, as kubectl drain does. */
export function drainSkips(pod: AnyObject): boolean {
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror']) return true;
  return (pod.metadata?.ownerReferences ?? []).some((r) => r.controller && r.kind === 'DaemonSet');
}

/** Cordons the node and evicts its pods; returns the evicted pod names and the failures. */
export async function drainNode(client: ClusterClient, node: string): Promise<{ evicted: string[]; failed: { pod: string; message: string }[] }> {
  await setCordon(client, node, true);
  const list = check(await client.api({ verb: 'GET', path: '/api/v1/pods', query: { fieldSelector: `spec.nodeName=${node}` } }));
  const pods = ((list.body as { items?: AnyObject[] }).items ?? []).filter((p) => !drainSkips(p) && p.metadata?.deletionTimestamp == null);
  const evicted: string[] = [];
  const failed: { pod: string; message: string }[] = [];
  for (const p of pods) {
    const ns = p.metadata?.namespace ?? 'default';
    const name = p.metadata?.name ?? '';
    const res = await client.api({
      verb: 'POST',
      path: `/api/v1/namespaces/${enc(ns)}/pods/${enc(name)}/eviction`,
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns } },
      contentType: 'application/json',
    });
    if (res.status === 200 || res.status === 201) evicted.push(name);
    else failed.push({ pod: name, message: (res.body as { message?: string })?.message ?? `HTTP ${res.status}` });
  }
  return { evicted, failed };
}

/** Events of one object, oldest first. */
export async function eventsFor(client: ClusterClient, namespace: string | undefined, uid: string): Promise<AnyObject[]> {
  const path = namespace ? `/api/v1/namespaces/${enc(namespace)}/events` : '/api/v1/events';
  const res = await client.api({ verb: 'GET', path, query: { fieldSelector: `involvedObject.uid=${uid}` } });
  if (res.status !== 200) return [];
  const items = (res.body as { items?: AnyObject[] }).items ?? [];
  const time = (e: AnyObject) => String(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '');
  return items.sort((a, b) => time(a).localeCompare(time(b)));
}
