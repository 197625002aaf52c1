// kubectl logs: GET pods/NAME/log (text/plain) for one container, every container, or every pod
// a selector matches; -f streams it until the stream ends or Ctrl-C.
import type { KubeObject } from "../../../api/types";
import type { ApiRequest, StreamHandle } from "../../../api/client";
import type { CmdContext, CommandSpec } from "../../command";
import { F } from "../../command";
import { CmdError, ServerError } from "../../errors";
import { collectionPath } from "../../factory";
import { parseGoDuration } from "../../flags";
import {
  containersOf,
  defaultContainer,
  getTarget,
  hasContainer,
  podsFor,
  sortForLogging,
} from "./pods";

const USAGE_ERR = `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command`;

function usageError(msg: string): CmdError {
  return new CmdError(`${msg}\nSee 'kubectl logs -h' for help and examples`);
}

export const logsCommand: CommandSpec = {
  name: "logs",
  group: "Troubleshooting and Debugging Commands",
  short: "Print the logs for a container in a pod",
  long: "Print the logs of a container in a pod or of another resource. A pod with a single container needs no container name.",
  example: `  # Logs of the only container of pod web
  kubectl logs web

  # Logs of every container of pod web, each line prefixed with its source
  kubectl logs web --all-containers --prefix

  # The last 20 lines of container app in pod web
  kubectl logs web -c app --tail=20

  # Follow the logs of one pod of deployment web
  kubectl logs -f deployment/web

  # The last lines of every pod labelled app=web
  kubectl logs -l app=web

  # Logs of the previous, crashed instance of the container
  kubectl logs -p web

  # Only the lines of the last hour
  kubectl logs --since=1h web`,
  usage: "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
  flags: [
    {
      name: "all-containers",
      type: "bool",
      usage: "Get all containers' logs in the pod(s).",
    },
    {
      name: "all-pods",
      type: "bool",
      usage: "Get logs from all pod(s). Sets prefix to true.",
    },
    {
      name: "container",
      shorthand: "c",
      type: "string",
      usage: "Print the logs of this container",
    },
    {
      name: "follow",
      shorthand: "f",
      type: "bool",
      usage: "Specify if the logs should be streamed.",
    },
    {
      name: "ignore-errors",
      type: "bool",
      usage:
        "If watching / following pod logs, allow for any errors that occur to be non-fatal",
    },
    {
      name: "insecure-skip-tls-verify-backend",
      type: "bool",
      usage:
        "Skip verifying the identity of the kubelet that logs are requested from.",
    },
    {
      name: "limit-bytes",
      type: "int",
      default: 0,
      usage: "Maximum bytes of logs to return. Defaults to no limit.",
    },
    {
      name: "max-log-requests",
      type: "int",
      default: 5,
      usage:
        "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.",
    },
    {
      name: "pod-running-timeout",
      type: "duration",
      default: 20000,
      usage:
        "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running",
    },
    {
      name: "prefix",
      type: "bool",
      usage:
        "Prefix each log line with the log source (pod name and container name)",
    },
    {
      name: "previous",
      shorthand: "p",
      type: "bool",
      usage:
        "If true, print the logs for the previous instance of the container in a pod if it exists.",
    },
    {
      ...F.selector,
      usage:
        "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
    },
    {
      name: "since",
      type: "string",
      usage:
        "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.",
    },
    {
      name: "since-time",
      type: "string",
      usage:
        "Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.",
    },
    {
      name: "tail",
      type: "int",
      default: -1,
      usage:
        "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.",
    },
    {
      name: "timestamps",
      type: "bool",
      usage: "Include timestamps on each line in the log output",
    },
  ],
  run: runLogs,
};

interface Source {
  pod: KubeObject;
  container: string;
}

async function runLogs(ctx: CmdContext): Promise<number> {
  const { flags, f, args, namespace } = ctx;
  const selector = flags.str("selector");
  let container = flags.str("container");
  if (!selector && args.length === 0) throw usageError(USAGE_ERR);
  if (selector && args.length > 0)
    throw usageError("only a selector (-l) or a POD name is allowed");
  if (args.length > 2) throw usageError(USAGE_ERR);
  if (args.length === 2) container = args[1];
  const allContainers = flags.bool("all-containers");
  const prefix = flags.bool("prefix") || flags.bool("all-pods");
  const follow = flags.bool("follow");
  const query: Record<string, string> = {};
  const since = flags.str("since");
  const sinceTime = flags.str("since-time");
  if (since && sinceTime)
    throw new CmdError(
      "at most one of `sinceTime` or `sinceSeconds` may be specified",
    );
  if (since) {
    const ms = parseGoDuration(since);
    if (ms === undefined)
      throw new CmdError(
        `invalid argument "${since}" for "--since" flag: time: invalid duration "${since}"`,
      );
    query.sinceSeconds = String(Math.ceil(ms / 1000));
  }
  if (sinceTime) {
    if (Number.isNaN(Date.parse(sinceTime)))
      throw new CmdError(
        `parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`,
      );
    query.sinceTime = sinceTime;
  }
  let tail = flags.int("tail");
  if (flags.changed("limit-bytes") && flags.int("limit-bytes") < 1)
    throw new CmdError("--limit-bytes must be greater than 0");
  if (tail < -1)
    throw new CmdError("--tail must be greater than or equal to -1");
  if (allContainers && container)
    throw new CmdError(
      `--all-containers=true should not be specified with container name ${container}`,
    );
  if (selector && tail === -1) tail = 10;
  if (tail !== -1) query.tailLines = String(tail);
  if (flags.changed("limit-bytes"))
    query.limitBytes = String(flags.int("limit-bytes"));
  if (flags.bool("previous")) query.previous = "true";
  if (flags.bool("timestamps")) query.timestamps = "true";
  if (follow) query.follow = "true";

  // Which pods.
  let pods: KubeObject[];
  if (selector) {
    const podsRes = await f.discovery.resolve("pods");
    const list = (
      await f.request({
        verb: "GET",
        path: collectionPath(podsRes, namespace),
        query: { labelSelector: selector },
      })
    ).body as { items?: KubeObject[] };
    pods = list.items ?? [];
    if (!pods.length) {
      ctx.err(`No resources found in ${namespace} namespace.\n`);
      return 0;
    }
    if (follow && pods.length > flags.int("max-log-requests")) {
      throw new CmdError(
        `you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${flags.int("max-log-requests")}, use --max-log-requests to increase the limit`,
      );
    }
  } else {
    // `kubectl logs ""`: the builder names no resource.
    if (args[0] === "")
      throw new CmdError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    const { resource, object } = await getTarget(f, args[0], namespace);
    const found = await podsFor(f, resource, object, namespace);
    if (!found)
      throw new CmdError(
        `cannot get the logs from ${resource.kind.toLowerCase()}`,
      );
    pods = await waitForPods(
      ctx,
      found,
      async () => (await podsFor(f, resource, object, namespace)) ?? [],
    );
    if (resource.kind !== "Pod") {
      const sorted = sortForLogging(pods);
      if (sorted.length > 1)
        ctx.err(
          `Found ${sorted.length} pods, using pod/${sorted[0].metadata.name}\n`,
        );
      pods = [sorted[0]];
    }
  }

  // Which containers.
  const sources: Source[] = [];
  for (const pod of pods) {
    if (allContainers) {
      const c = containersOf(pod);
      for (const name of [...c.inits, ...c.containers, ...c.ephemerals])
        sources.push({ pod, container: name });
      continue;
    }
    const name = container || defaultContainer(pod, ctx.err);
    if (!hasContainer(pod, name))
      throw new CmdError(
        `container ${name} is not valid for pod ${pod.metadata.name}`,
      );
    sources.push({ pod, container: name });
  }

  const reqOf = (s: Source): ApiRequest => ({
    verb: "GET",
    path: `/api/v1/namespaces/${encodeURIComponent(s.pod.metadata.namespace ?? namespace ?? "")}/pods/${encodeURIComponent(s.pod.metadata.name ?? "")}/log`,
    query: { ...query, container: s.container },
  });
  const prefixer = (s: Source) => {
    if (!prefix) return (t: string) => t;
    const p = `[pod/${s.pod.metadata.name}/${s.container}] `;
    let atLineStart = true;
    return (t: string) => {
      let out = "";
      for (const line of t.split(/(?<=\n)/)) {
        if (!line) continue;
        out += (atLineStart ? p : "") + line;
        atLineStart = line.endsWith("\n");
      }
      return out;
    };
  };

  if (!follow) {
    for (const s of sources) {
      const res = await f.request(reqOf(s));
      const text =
        typeof res.body === "string" ? res.body : JSON.stringify(res.body);
      ctx.out(prefixer(s)(text));
    }
    return 0;
  }

  // -f: one stream per source, all at once, until each ends or Ctrl-C.
  const client = f.client;
  if (!client.stream)
    throw new CmdError("following logs needs a streaming connection");
  const handles: StreamHandle[] = [];
  try {
    for (const s of sources) {
      const fmt = prefixer(s);
      const h = await client.stream(reqOf(s), (chunk) => ctx.out(fmt(chunk)));
      if (!("done" in h)) {
        if (h.status >= 400 && h.body && typeof h.body === "object")
          throw new ServerError(h.body as never);
        if (typeof h.body === "string") ctx.out(fmt(h.body));
        continue;
      }
      handles.push(h);
    }
    if (handles.length) {
      let stop!: () => void;
      const aborted = new Promise<void>((r) => (stop = r));
      const off = ctx.io.signal.onAbort(() => stop());
      if (ctx.io.signal.aborted) stop();
      await Promise.race([Promise.all(handles.map((h) => h.done)), aborted]);
      off();
    }
  } finally {
    for (const h of handles) h.close();
  }
  return 0;
}

/** TYPE/NAME with no pod yet: waits (virtual time) up to --pod-running-timeout for one. */
async function waitForPods(
  ctx: CmdContext,
  first: KubeObject[],
  again: () => Promise<KubeObject[]>,
): Promise<KubeObject[]> {
  let pods = first;
  const limit = ctx.flags.int("pod-running-timeout");
  let waited = 0;
  while (!pods.length) {
    if (waited >= limit || ctx.io.signal.aborted)
      throw new CmdError("timed out waiting for the condition");
    await ctx.io.sleep(1000);
    waited += 1000;
    pods = await again();
  }
  return pods;
}
