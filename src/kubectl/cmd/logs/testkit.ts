// Test helper for the logs/exec/proxy/port-forward/top/auth/config/explain tests: a full
// in-process cluster on virtual time, kubectl run against it, and a Ctrl-C the test controls.
import type { KubeObject } from "../../../api/types";
import type { ApiClient } from "../../../api/client";
import { runKubectl } from "../../kubectl";
import type { KubectlConfig, KubectlIO } from "../../io";

export const BOOTCAMP = "gcr.io/google-samples/kubernetes-bootcamp:v1";
type Handler = Parameters<NonNullable<KubectlConfig["listen"]>>[1];

export interface RunOptions {
  /** Lines typed at an interactive prompt (exec -it); null ends input. */
  lines?: string[];
  /** No interactive terminal (exec -i reads stdin). */
  stdin?: string;
}

/** What the kit needs of a cluster (the test files create it: kubectl code may not import it). */
export interface TestCluster {
  clock: { now(): number };
  advance(ms: number): void;
  runUntil(pred: () => boolean, maxMs: number): boolean;
  store: {
    list(resource: string, opts: { namespace?: string }): { items: unknown[] };
  };
}

/** The workspace a command reads and writes (cp); none by default. */
export type KitFiles = Pick<KubectlIO, "readFile" | "writeFile" | "listDir">;

export function makeKit(
  make: () => { cluster: TestCluster; client: ApiClient },
  opts: { listen?: boolean; files?: KitFiles } = {},
) {
  const { cluster, client } = make();
  const listeners = new Map<number, Handler>();
  const state = { namespace: "default" };
  const config = (): KubectlConfig => ({
    client,
    namespace: state.namespace,
    server: "http://127.0.0.1:8080",
    context: "kubeplay",
    cluster: "kubeplay",
    user: "kubeplay",
    setNamespace: (ns) => (state.namespace = ns),
    ...(opts.listen === false
      ? {}
      : {
          listen: (port: number, h: Handler) => {
            if (listeners.has(port))
              return `listen tcp 127.0.0.1:${port}: bind: address already in use`;
            listeners.set(port, h);
            return { close: () => listeners.delete(port) };
          },
        }),
  });

  /** Starts kubectl; `interrupt()` is Ctrl-C, `result` its outcome. */
  function start(argv: string[], ro: RunOptions = {}) {
    let stdout = "";
    let stderr = "";
    let aborted = false;
    const subs = new Set<() => void>();
    const lines = ro.lines ? [...ro.lines] : undefined;
    const io: KubectlIO = {
      stdout: { write: (t) => void (stdout += t) },
      stderr: { write: (t) => void (stderr += t) },
      signal: {
        get aborted() {
          return aborted;
        },
        onAbort(cb) {
          subs.add(cb);
          return () => subs.delete(cb);
        },
      },
      now: () => cluster.clock.now(),
      sleep: async (ms) => cluster.advance(ms),
      readFile: () => undefined,
      ...opts.files,
      ...(ro.stdin !== undefined ? { readStdin: async () => ro.stdin } : {}),
      ...(lines
        ? {
            interactive: {
              readLine: async () => (lines.length ? lines.shift()! : null),
            },
            isTerminal: true,
          }
        : {}),
    };
    const result = runKubectl(argv, io, config()).then((code) => ({
      code,
      stdout,
      stderr,
    }));
    return {
      result,
      get stdout() {
        return stdout;
      },
      get stderr() {
        return stderr;
      },
      interrupt() {
        aborted = true;
        for (const s of [...subs]) s();
      },
    };
  }

  const run = (...argv: string[]) => start(argv).result;

  async function create(obj: Record<string, unknown>): Promise<void> {
    const kind = obj.kind as string;
    const ns = ((obj.metadata as { namespace?: string }).namespace ??=
      "default");
    const path =
      kind === "Deployment"
        ? `/apis/apps/v1/namespaces/${ns}/deployments`
        : kind === "Service"
          ? `/api/v1/namespaces/${ns}/services`
          : `/api/v1/namespaces/${ns}/pods`;
    const res = await client.request({
      verb: "POST",
      path,
      body: obj,
      contentType: "application/json",
    });
    if (res.status >= 300) throw new Error(JSON.stringify(res.body));
  }

  async function pods(selector?: string): Promise<KubeObject[]> {
    const res = await client.request({
      verb: "GET",
      path: "/api/v1/namespaces/default/pods",
      query: selector ? { labelSelector: selector } : {},
    });
    return ((res.body as { items: KubeObject[] }).items ?? []).sort((a, b) =>
      a.metadata.name! < b.metadata.name! ? -1 : 1,
    );
  }

  /** Advances virtual time until every pod in default runs (all containers ready). */
  function settle(ms = 60_000): void {
    cluster.runUntil(() => {
      const list = cluster.store.list("pods", { namespace: "default" })
        .items as KubeObject[];
      return (
        list.length > 0 &&
        list.every(
          (p) =>
            (p.status as { phase?: string } | undefined)?.phase === "Running",
        )
      );
    }, ms);
  }

  return {
    cluster,
    client,
    listeners,
    state,
    start,
    run,
    create,
    pods,
    settle,
  };
}

export function deployment(
  name: string,
  replicas = 2,
  image = BOOTCAMP,
  port = 8080,
) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name, image, ports: [{ containerPort: port }] }],
        },
      },
    },
  };
}

export function pod(
  name: string,
  containers: { name: string; image: string }[],
  extra: Record<string, unknown> = {},
) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, ...extra },
    spec: { containers },
  };
}
