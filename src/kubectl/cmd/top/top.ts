// kubectl top: resource usage comes from the metrics.k8s.io API (metrics-server). The simulated
// cluster does not serve it, so, as on a real cluster without metrics-server, the answer is
// kubectl's own `error: Metrics API not available` (found out from discovery alone).
import type { CmdContext, CommandSpec } from "../../command";
import { F } from "../../command";
import { CmdError } from "../../errors";

async function metricsAvailable(ctx: CmdContext): Promise<boolean> {
  const all = await ctx.f.discovery.all();
  return all.some((r) => r.group === "metrics.k8s.io");
}

async function runTop(ctx: CmdContext): Promise<number> {
  if (!(await metricsAvailable(ctx)))
    throw new CmdError("Metrics API not available");
  throw new CmdError("Metrics API not available");
}

const common = [
  {
    name: "no-headers",
    type: "bool",
    usage: "If present, print output without headers.",
  },
  {
    name: "show-capacity",
    type: "bool",
    usage: "Print the capacity of the resources instead of their allocatable.",
  },
  {
    name: "sort-by",
    type: "string",
    usage:
      "If non-empty, sort the list using specified field. The field can be either 'cpu' or 'memory'.",
  },
  {
    name: "use-protocol-buffers",
    type: "bool",
    default: true,
    usage: "Enables using protocol-buffers to access Metrics API.",
  },
  F.selector,
] as const;

const topPod: CommandSpec = {
  name: "pod",
  aliases: ["pods", "po"],
  short: "Display resource (CPU/memory) usage of pods",
  long: "Show the CPU and memory the pods use. Needs metrics-server in the cluster.",
  example: `  # Usage of every pod in the namespace
  kubectl top pod

  # Usage of the containers of pod web
  kubectl top pod web --containers`,
  usage: "top pod [NAME | -l label] [options]",
  flags: [
    F.allNamespaces,
    {
      name: "containers",
      type: "bool",
      usage: "If present, print usage of containers within a pod.",
    },
    F.fieldSelector,
    ...common.filter((f) => f.name !== "show-capacity"),
    { name: "sum", type: "bool", usage: "Print the sum of the resource usage" },
  ] as CommandSpec["flags"],
  run: runTop,
};

const topNode: CommandSpec = {
  name: "node",
  aliases: ["nodes", "no"],
  short: "Display resource (CPU/memory) usage of nodes",
  long: "Show the CPU and memory the nodes use. Needs metrics-server in the cluster.",
  example: `  # Usage of every node
  kubectl top node`,
  usage: "top node [NAME | -l label] [options]",
  flags: [...common] as CommandSpec["flags"],
  run: runTop,
};

export const topCommand: CommandSpec = {
  name: "top",
  group: "Cluster Management Commands",
  short: "Display resource (CPU/memory) usage",
  long: "Show how much CPU and memory nodes or pods use. Needs metrics-server in the cluster.",
  usage: "top [flags] [options]",
  subcommands: [topNode, topPod],
};
