// Pod helpers shared by logs and exec (kubectl's polymorphichelpers and podcmd): which pod a
// TYPE/NAME stands for, and which container a command means when none is named.
import type { KubeObject } from "../../../api/types";
import { CmdError, ServerError } from "../../errors";
import { collectionPath, objectPath, type Factory } from "../../factory";
import type { ApiResource } from "../../discovery";

type Obj = Record<string, any>;

export interface ContainerRef {
  name: string;
  kind: "container" | "init" | "ephemeral";
}

export function containersOf(pod: KubeObject): {
  containers: string[];
  inits: string[];
  ephemerals: string[];
} {
  const spec = (pod.spec ?? {}) as Obj;
  const names = (l: unknown) => ((l ?? []) as Obj[]).map((c) => String(c.name));
  return {
    containers: names(spec.containers),
    inits: names(spec.initContainers),
    ephemerals: names(spec.ephemeralContainers),
  };
}

/** podcmd.AllContainerNames: containers, then ephemeral `(ephem)`, then init `(init)`. */
export function allContainerNames(pod: KubeObject): string {
  const c = containersOf(pod);
  return [
    ...c.containers,
    ...c.ephemerals.map((n) => `${n} (ephem)`),
    ...c.inits.map((n) => `${n} (init)`),
  ].join(", ");
}

/**
 * The container a command means: the one asked for, the `kubectl.kubernetes.io/default-container`
 * annotation's, or the first one (with kubectl's "Defaulted container" note on stderr).
 */
export function defaultContainer(
  pod: KubeObject,
  err: (t: string) => void,
  quiet = false,
): string {
  const c = containersOf(pod);
  const annotated =
    pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
  if (
    annotated &&
    [...c.containers, ...c.inits, ...c.ephemerals].includes(annotated)
  )
    return annotated;
  const first = c.containers[0];
  if (
    !quiet &&
    (c.containers.length > 1 || c.inits.length > 0 || c.ephemerals.length > 0)
  ) {
    err(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  }
  return first;
}

export function hasContainer(pod: KubeObject, name: string): boolean {
  const c = containersOf(pod);
  return (
    c.containers.includes(name) ||
    c.inits.includes(name) ||
    c.ephemerals.includes(name)
  );
}

/** A pod's rank for picking one to show (kubectl's ByLogging): smaller is better. */
function podRank(
  p: KubeObject,
): [number, number, number, number, number, string] {
  const spec = (p.spec ?? {}) as Obj;
  const st = (p.status ?? {}) as Obj;
  const phase =
    st.phase === "Running"
      ? 0
      : st.phase === "Unknown"
        ? 1
        : st.phase === "Pending"
          ? 2
          : 3;
  const ready = ((st.conditions ?? []) as Obj[]).find(
    (c) => c.type === "Ready",
  );
  const isReady = ready?.status === "True";
  const readySince =
    isReady && ready.lastTransitionTime
      ? Date.parse(ready.lastTransitionTime)
      : Number.MAX_SAFE_INTEGER;
  const restarts = ((st.containerStatuses ?? []) as Obj[]).reduce(
    (m, c) => Math.max(m, Number(c.restartCount ?? 0)),
    0,
  );
  return [
    spec.nodeName ? 0 : 1,
    phase,
    isReady ? 0 : 1,
    readySince,
    -restarts,
    p.metadata.creationTimestamp ?? "~",
  ];
}

export function sortForLogging(pods: KubeObject[]): KubeObject[] {
  return [...pods].sort((a, b) => {
    const ra = podRank(a);
    const rb = podRank(b);
    for (let i = 0; i < ra.length; i++)
      if (ra[i] !== rb[i]) return ra[i] < rb[i] ? -1 : 1;
    return 0;
  });
}

/** A label selector map as the query string form (`a=b,c=d`), or undefined when it cannot select. */
export function selectorString(
  sel: Obj | undefined,
  plain = false,
): string | undefined {
  if (!sel) return undefined;
  if (plain) {
    const parts = Object.entries(sel).map(([k, v]) => `${k}=${v}`);
    return parts.length ? parts.join(",") : undefined;
  }
  const parts: string[] = [];
  for (const [k, v] of Object.entries(
    (sel.matchLabels ?? {}) as Record<string, string>,
  ))
    parts.push(`${k}=${v}`);
  for (const e of (sel.matchExpressions ?? []) as Obj[]) {
    const vals = ((e.values ?? []) as string[]).join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${vals})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(",") : undefined;
}

/** The API object for a pod argument (`NAME` or `TYPE/NAME`), with kubectl logs' NotFound text. */
export async function getTarget(
  f: Factory,
  arg: string,
  namespace: string,
  logsStyle = true,
): Promise<{ resource: ApiResource; object: KubeObject }> {
  const slash = arg.indexOf("/");
  const type = slash < 0 ? "pods" : arg.slice(0, slash);
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  if (slash >= 0 && !name)
    throw new CmdError(
      "arguments in resource/name form must have a single resource and name",
    );
  const resource = await f.discovery.resolve(type);
  try {
    const object = (
      await f.request({
        verb: "GET",
        path: objectPath(
          resource,
          name,
          resource.namespaced ? namespace : undefined,
        ),
      })
    ).body as KubeObject;
    return { resource, object };
  } catch (e) {
    if (
      logsStyle &&
      e instanceof ServerError &&
      e.status.reason === "NotFound"
    ) {
      throw new CmdError(
        `error from server (NotFound): ${e.status.message} in namespace "${namespace}"`,
      );
    }
    throw e;
  }
}

/** The pods behind an object: itself for a pod, else what its selector matches. */
export async function podsFor(
  f: Factory,
  resource: ApiResource,
  object: KubeObject,
  namespace: string,
): Promise<KubeObject[] | undefined> {
  if (resource.kind === "Pod") return [object];
  const spec = (object.spec ?? {}) as Obj;
  let sel: string | undefined;
  if (resource.kind === "Service" || resource.kind === "ReplicationController")
    sel = selectorString(spec.selector, true);
  else if (
    ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"].includes(
      resource.kind,
    )
  )
    sel = selectorString(spec.selector);
  else return undefined;
  if (!sel) return [];
  const podsRes = await f.discovery.resolve("pods");
  const list = (
    await f.request({
      verb: "GET",
      path: collectionPath(podsRes, namespace),
      query: { labelSelector: sel },
    })
  ).body as { items?: KubeObject[] };
  return list.items ?? [];
}
