// kubectl config: the playground has one kubeconfig with one cluster, context and user, all
// named `kubeplay`; view prints it, set-context --current --namespace changes the namespace.
import type { CmdContext, CommandSpec } from "../../command";
import { F } from "../../command";
import type { KubectlConfig } from "../../io";
import { CmdError } from "../../errors";
import { parseOutputFormat, writeObjects } from "../../output";
import { tabify } from "../../printers/tabwriter";
import type { KubeObject } from "../../../api/types";

function names(c: KubectlConfig) {
  return {
    context: c.context ?? "kubeplay",
    cluster: c.cluster ?? "kubeplay",
    user: c.user ?? "kubeplay",
  };
}

/** The kubeconfig as `kubectl config view` shows it (fields in Go's struct order, YAML sorts them). */
export function kubeconfigOf(
  c: KubectlConfig,
  namespace: string,
): Record<string, unknown> {
  const n = names(c);
  const context: Record<string, string> = { cluster: n.cluster, user: n.user };
  if (namespace) context.namespace = namespace;
  return {
    kind: "Config",
    apiVersion: "v1",
    preferences: {},
    clusters: [{ name: n.cluster, cluster: { server: c.server } }],
    users: [{ name: n.user, user: {} }],
    contexts: [{ name: n.context, context }],
    "current-context": n.context,
  };
}

function usageError(path: string, msg: string): CmdError {
  return new CmdError(`${msg}\nSee 'kubectl ${path} -h' for help and examples`);
}

const viewCommand: CommandSpec = {
  name: "view",
  short: "Display merged kubeconfig settings or a specified kubeconfig file",
  long: "Show the kubeconfig in use. The playground has a single cluster, context and user.",
  example: `  # Show the kubeconfig
  kubectl config view

  # The name of the first user
  kubectl config view -o jsonpath='{.users[0].name}'`,
  usage: "config view [flags] [options]",
  flags: [
    F.allowMissingTemplateKeys,
    {
      name: "flatten",
      type: "bool",
      usage:
        "Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)",
    },
    {
      name: "merge",
      type: "bool",
      default: true,
      usage: "Merge the full hierarchy of kubeconfig files",
    },
    {
      name: "minify",
      type: "bool",
      usage:
        "Remove all information not used by current-context from the output",
    },
    {
      ...F.output,
      usage:
        "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
    },
    {
      name: "raw",
      type: "bool",
      usage: "Display raw byte data and sensitive data",
    },
    F.showManagedFields,
    F.template,
  ],
  async run(ctx) {
    if (ctx.args.length)
      throw usageError(ctx.path, `unexpected arguments: [${ctx.args.join(" ")}]`);
    const o = ctx.flags.str("output") || "yaml";
    const format = parseOutputFormat(o, ctx.flags.str("template"));
    if (format.kind === "table")
      throw new CmdError(
        `unable to match a printer suitable for the output format "${o}", allowed formats are: json,yaml,name,go-template,go-template-file,template,templatefile,jsonpath,jsonpath-as-json,jsonpath-file`,
      );
    if (format.kind === "name") {
      // A Config has no name: kubectl's name printer says so.
      ctx.out("config/<unknown>\n");
      return 0;
    }
    const cfg = kubeconfigOf(ctx.f.config, currentNamespace(ctx));
    if (format.kind === "json") {
      // A typed struct in kubectl: its fields keep their declaration order.
      ctx.out(JSON.stringify(cfg, null, 4) + "\n");
      return 0;
    }
    writeObjects(ctx.out, format, [cfg as unknown as KubeObject], {
      single: true,
      noHeaders: false,
      allowMissingKeys: ctx.flags.bool("allow-missing-template-keys"),
      showManagedFields: true,
      prefixOf: () => "config",
      readFile: (p) => ctx.io.readFile(p),
    });
    return 0;
  },
};

function currentNamespace(ctx: CmdContext): string {
  return ctx.f.config.namespace || "default";
}

const getContextsCommand: CommandSpec = {
  name: "get-contexts",
  short: "Describe one or many contexts",
  long: "List the contexts of the kubeconfig, or the ones named.",
  example: `  # All contexts
  kubectl config get-contexts

  # One context
  kubectl config get-contexts kubeplay`,
  usage: "config get-contexts [(-o|--output=)name)] [options]",
  flags: [
    {
      name: "no-headers",
      type: "bool",
      usage:
        "When using the default or custom-column output format, don't print headers (default print headers).",
    },
    {
      name: "output",
      shorthand: "o",
      type: "string",
      usage: "Output format. One of: (name).",
    },
  ],
  async run(ctx) {
    const o = ctx.flags.str("output");
    if (o && o !== "name")
      throw new CmdError(`output must be one of '' or 'name': ${o}`);
    const n = names(ctx.f.config);
    const missing = ctx.args.find((a) => a !== n.context);
    if (missing !== undefined) {
      if (o !== "name" && !ctx.flags.bool("no-headers"))
        ctx.out(tabify("CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n"));
      throw new CmdError(`context ${missing} not found`);
    }
    if (o === "name") {
      ctx.out(`${n.context}\n`);
      return 0;
    }
    let text = "";
    if (!ctx.flags.bool("no-headers"))
      text += "CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n";
    text += `*\t${n.context}\t${n.cluster}\t${n.user}\t${currentNamespace(ctx)}\n`;
    ctx.out(tabify(text));
    return 0;
  },
};

const currentContextCommand: CommandSpec = {
  name: "current-context",
  short: "Display the current-context",
  long: "Print the name of the current context.",
  example: `  # The current context
  kubectl config current-context`,
  usage: "config current-context [options]",
  async run(ctx) {
    ctx.out(`${names(ctx.f.config).context}\n`);
    return 0;
  },
};

const setContextCommand: CommandSpec = {
  name: "set-context",
  short: "Set a context entry in kubeconfig",
  long: "Change a context of the kubeconfig. In the playground: the namespace of the current context.",
  example: `  # Work in namespace dev from now on
  kubectl config set-context --current --namespace=dev`,
  usage:
    "config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]",
  flags: [
    { name: "current", type: "bool", usage: "Modify the current context" },
  ],
  async run(ctx) {
    const n = names(ctx.f.config);
    const cur = ctx.flags.bool("current");
    if (cur && ctx.args.length)
      throw new CmdError(
        "you cannot specify both a context name and --current",
      );
    if (!cur && ctx.args.length !== 1)
      throw usageError(
        ctx.path,
        "unexpected args: []".replace("[]", `[${ctx.args.join(" ")}]`),
      );
    const name = cur ? n.context : ctx.args[0];
    if (name !== n.context)
      throw new CmdError(
        `the playground has a single context; use "kubectl config set-context --current"`,
      );
    for (const flag of ["cluster", "user"]) {
      if (
        ctx.flags.changed(flag) &&
        ctx.flags.str(flag) !== (flag === "cluster" ? n.cluster : n.user)
      ) {
        throw new CmdError(
          `the playground has a single ${flag === "cluster" ? "cluster" : "user"}: ${flag === "cluster" ? n.cluster : n.user}`,
        );
      }
    }
    if (ctx.flags.changed("namespace")) {
      const ns = ctx.flags.str("namespace");
      ctx.f.config.setNamespace?.(ns);
      ctx.f.config.namespace = ns;
    }
    ctx.out(`Context "${name}" modified.\n`);
    return 0;
  },
};

const useContextCommand: CommandSpec = {
  name: "use-context",
  aliases: ["use"],
  short: "Set the current-context in a kubeconfig file",
  long: "Switch to another context. The playground has one: kubeplay.",
  example: `  # Use the context kubeplay
  kubectl config use-context kubeplay`,
  usage: "config use-context CONTEXT_NAME [options]",
  async run(ctx) {
    if (ctx.args.length !== 1)
      throw usageError(ctx.path, `Unexpected args: [${ctx.args.join(" ")}]`);
    const name = ctx.args[0];
    if (name !== names(ctx.f.config).context)
      throw new CmdError(`no context exists with the name: "${name}"`);
    ctx.out(`Switched to context "${name}".\n`);
    return 0;
  },
};

const getClustersCommand: CommandSpec = {
  name: "get-clusters",
  short: "Display clusters defined in the kubeconfig",
  long: "List the clusters of the kubeconfig.",
  usage: "config get-clusters [options]",
  async run(ctx) {
    ctx.out(`NAME\n${names(ctx.f.config).cluster}\n`);
    return 0;
  },
};

const getUsersCommand: CommandSpec = {
  name: "get-users",
  short: "Display users defined in the kubeconfig",
  long: "List the users of the kubeconfig.",
  usage: "config get-users [options]",
  async run(ctx) {
    ctx.out(`NAME\n${names(ctx.f.config).user}\n`);
    return 0;
  },
};

export const configCommand: CommandSpec = {
  name: "config",
  group: "Settings Commands",
  short: "Modify kubeconfig files",
  long: "Look at or change the kubeconfig: the clusters, users and contexts kubectl talks to.",
  usage: "config SUBCOMMAND [options]",
  subcommands: [
    currentContextCommand,
    getClustersCommand,
    getContextsCommand,
    getUsersCommand,
    setContextCommand,
    useContextCommand,
    viewCommand,
  ],
};
