// kubectl port-forward: listens on local ports inside the playground (the host's listen()) and
// relays each HTTP request to the pod through the apiserver's pods/NAME:PORT/proxy path.
import type { KubeObject } from "../../../api/types";
import type { CmdContext, CommandSpec } from "../../command";
import { CmdError } from "../../errors";
import { objectPath } from "../../factory";
import { podsFor, sortForLogging } from "../logs/pods";
import {
  relay,
  splitUrl,
  untilAborted,
  type ListenRequest,
  type ListenResponse,
} from "../proxy/proxy";

type Obj = Record<string, any>;

export const portForwardCommand: CommandSpec = {
  name: "port-forward",
  group: "Troubleshooting and Debugging Commands",
  short: "Forward one or more local ports to a pod",
  long: "Forward local ports to ports of a pod. With a deployment, replica set or service, a pod it selects is used. Runs until interrupted.",
  example: `  # Local port 8080 to port 80 of pod web
  kubectl port-forward pod/web 8080:80

  # The same port number on both sides
  kubectl port-forward deployment/web 8080

  # A service's port, forwarded to the pod behind it
  kubectl port-forward svc/web 9000:80`,
  usage:
    "port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
  flags: [
    {
      name: "address",
      type: "stringSlice",
      default: ["localhost"],
      usage:
        "Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.",
    },
    {
      name: "pod-running-timeout",
      type: "duration",
      default: 60000,
      usage:
        "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running",
    },
  ],
  run: runPortForward,
};

function usageError(msg: string): CmdError {
  return new CmdError(
    `${msg}\nSee 'kubectl port-forward -h' for help and examples`,
  );
}

/** A container port by name in the pod. */
function namedPort(pod: KubeObject, name: string): number | undefined {
  for (const c of (((pod.spec ?? {}) as Obj).containers ?? []) as Obj[])
    for (const p of (c.ports ?? []) as Obj[])
      if (p.name === name) return p.containerPort;
  return undefined;
}

async function runPortForward(ctx: CmdContext): Promise<number> {
  const { f, namespace, args } = ctx;
  if (args.length < 2)
    throw usageError(
      "TYPE/NAME and list of ports are required for port-forward",
    );
  const arg = args[0];
  const slash = arg.indexOf("/");
  const type = slash < 0 ? "pods" : arg.slice(0, slash);
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const resource = await f.discovery.resolve(type);
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
  let pod = object;
  if (resource.kind !== "Pod") {
    const pods = await podsFor(f, resource, object, namespace);
    if (!pods)
      throw new CmdError(`cannot attach to ${resource.kind}: not implemented`);
    if (!pods.length) throw new CmdError("timed out waiting for the condition");
    pod = sortForLogging(pods)[0];
  }
  const podName = pod.metadata.name;

  // LOCAL:REMOTE pairs; a service's port becomes its target port on the pod.
  const pairs: { local: number; remote: number }[] = [];
  for (const spec of args.slice(1)) {
    const parts = spec.split(":");
    const localStr =
      parts.length > 1 ? parts[0] : /^\d+$/.test(parts[0]) ? parts[0] : "";
    let remoteStr = parts.length > 1 ? parts[1] : parts[0];
    if (resource.kind === "Service") {
      const sp = ((((object.spec ?? {}) as Obj).ports ?? []) as Obj[]).find(
        (p) => String(p.port) === remoteStr || p.name === remoteStr,
      );
      if (!sp)
        throw new CmdError(
          `Service ${name} does not have a service port ${remoteStr}`,
        );
      const tp = sp.targetPort ?? sp.port;
      remoteStr = String(
        typeof tp === "number" ? tp : (namedPort(pod, tp) ?? tp),
      );
    }
    let remote: number;
    if (/^\d+$/.test(remoteStr)) remote = Number(remoteStr);
    else {
      const p = namedPort(pod, remoteStr);
      if (p === undefined)
        throw new CmdError(
          `Pod '${podName}' does not have a named port '${remoteStr}'`,
        );
      remote = p;
    }
    if (remote < 1 || remote > 65535)
      throw new CmdError(`Remote port must be > 0 and < 65536`);
    let local: number;
    if (localStr === "") local = remote;
    else if (/^\d+$/.test(localStr)) local = Number(localStr);
    else
      throw new CmdError(
        `Error parsing local port '${localStr}': strconv.ParseUint: parsing "${localStr}": invalid syntax`,
      );
    pairs.push({ local, remote });
  }
  const phase = ((pod.status ?? {}) as Obj).phase;
  if (phase !== "Running")
    throw new CmdError(
      `unable to forward port because pod is not running. Current status=${phase}`,
    );

  const listen = f.config.listen;
  if (!listen)
    throw new CmdError(
      "kubectl port-forward listens inside the playground; this host has no playground network to listen on",
    );
  const closers: { close(): void }[] = [];
  try {
    for (const { local, remote } of pairs) {
      const handler = async (req: ListenRequest): Promise<ListenResponse> => {
        ctx.out(`Handling connection for ${local}\n`);
        const { query } = splitUrl(req.path);
        const rest = req.path.split("?")[0];
        const path = `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace ?? namespace ?? "")}/pods/${encodeURIComponent(podName ?? "")}:${remote}/proxy${rest.startsWith("/") ? rest : "/" + rest}`;
        try {
          const res = await relay(f.client, req, path, query);
          if (res.status === 503 || res.status === 502) {
            ctx.err(
              `E0000 portforward.go:424] "Unhandled Error" err="an error occurred forwarding ${local} -> ${remote}: connection refused"\n`,
            );
          }
          return res;
        } catch (e) {
          return {
            status: 502,
            headers: {},
            body: `${(e as Error).message}\n`,
          };
        }
      };
      const l = listen(local, handler);
      if (typeof l === "string")
        throw new CmdError(
          `Unable to listen on port ${local}: Listeners failed to create with the following errors: [unable to create listener: Error ${l}]`,
        );
      closers.push(l);
      ctx.out(
        `Forwarding from 127.0.0.1:${local} -> ${remote}\nForwarding from [::1]:${local} -> ${remote}\n`,
      );
    }
    await untilAborted(ctx);
  } finally {
    for (const c of closers) c.close();
  }
  return 130;
}
