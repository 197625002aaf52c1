// kubectl auth can-i: a SelfSubjectAccessReview (or, with --list, a SelfSubjectRulesReview)
// POSTed as JSON; prints yes/no and exits 0/1.
import type { CmdContext, CommandSpec } from "../../command";
import { F } from "../../command";
import { CmdError } from "../../errors";
import { tabify } from "../../printers/tabwriter";

const USAGE =
  "you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.";

interface Rule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const goList = (l: string[] | undefined) => `[${(l ?? []).join(" ")}]`;

function combineResourceGroup(
  resources: string[] | undefined,
  groups: string[] | undefined,
): string {
  if (!resources?.length) return "";
  const [res, sub] = resources[0].split(/\/(.*)/s);
  let s = res;
  if (groups?.length && groups[0] !== "") s += `.${groups[0]}`;
  if (sub !== undefined) s += `/${sub}`;
  return s;
}

/** One row per group and resource, as kubectl breaks the rules down, sorted by the resource column. */
function breakdown(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  for (const r of rules) {
    if (!r.resources?.length) {
      out.push(r);
      continue;
    }
    for (const g of r.apiGroups?.length ? r.apiGroups : [""])
      for (const res of r.resources)
        out.push({ ...r, apiGroups: [g], resources: [res] });
  }
  return out;
}

async function runCanI(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  const quiet = flags.bool("quiet");
  const ns = flags.bool("all-namespaces") ? "" : ctx.namespace;
  if (flags.bool("list")) {
    if (ctx.args.length)
      throw new CmdError(
        "list option must be specified with no arguments",
        false,
      );
    const res = await f.request({
      verb: "POST",
      path: "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
      body: {
        kind: "SelfSubjectRulesReview",
        apiVersion: "authorization.k8s.io/v1",
        metadata: { creationTimestamp: null },
        spec: { namespace: ns },
        status: {
          resourceRules: null,
          nonResourceRules: null,
          incomplete: false,
        },
      },
      contentType: "application/json",
    });
    const st =
      (
        res.body as {
          status?: {
            resourceRules?: Rule[];
            nonResourceRules?: Rule[];
            evaluationError?: string;
          };
        }
      ).status ?? {};
    const rows = [
      ...breakdown(st.resourceRules ?? []),
      ...breakdown(st.nonResourceRules ?? []),
    ];
    rows.sort((a, b) => {
      const ka = combineResourceGroup(a.resources, a.apiGroups);
      const kb = combineResourceGroup(b.resources, b.apiGroups);
      return ka === kb ? 0 : ka === "" ? 1 : kb === "" ? -1 : ka < kb ? -1 : 1;
    });
    let text = flags.bool("no-headers")
      ? ""
      : "Resources\tNon-Resource URLs\tResource Names\tVerbs\n";
    for (const r of rows)
      text += `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`;
    ctx.out(tabify(text));
    return 0;
  }
  if (ctx.args.length !== 2) throw new CmdError(USAGE);
  const [verb, what] = ctx.args;
  let spec: Record<string, unknown>;
  if (what.startsWith("/")) {
    spec = { nonResourceAttributes: { path: what, verb } };
  } else {
    const slash = what.indexOf("/");
    const type = slash < 0 ? what : what.slice(0, slash);
    const name = slash < 0 ? "" : what.slice(slash + 1);
    let resource = type;
    let group = "";
    if (type !== "*") {
      const r = await f.discovery.tryResolve(type);
      if (r) {
        resource = r.resource;
        group = r.group;
      } else {
        const dot = type.indexOf(".");
        if (dot > 0) {
          resource = type.slice(0, dot);
          group = type.slice(dot + 1);
        }
        if (!quiet)
          ctx.err(
            `Warning: the server doesn't have a resource type '${type}'\n\n`,
          );
      }
    }
    const attrs: Record<string, string> = { namespace: ns, verb };
    if (group) attrs.group = group;
    attrs.resource = resource;
    const sub = flags.str("subresource");
    if (sub) attrs.subresource = sub;
    if (name) attrs.name = name;
    spec = { resourceAttributes: attrs };
  }
  const res = await f.request({
    verb: "POST",
    path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
    body: {
      kind: "SelfSubjectAccessReview",
      apiVersion: "authorization.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec,
      status: { allowed: false },
    },
    contentType: "application/json",
  });
  const st =
    (
      res.body as {
        status?: {
          allowed?: boolean;
          reason?: string;
          evaluationError?: string;
        };
      }
    ).status ?? {};
  if (st.allowed) {
    if (!quiet) ctx.out("yes\n");
    return 0;
  }
  if (!quiet) ctx.out(st.reason ? `no - ${st.reason}\n` : "no\n");
  return 1;
}

const canICommand: CommandSpec = {
  name: "can-i",
  short: "Check whether an action is allowed",
  long: "Ask the server whether the current user may perform an action (VERB on a resource, or on a non-resource URL starting with /).",
  example: `  # May I create pods in the current namespace?
  kubectl auth can-i create pods

  # May I list deployments in every namespace?
  kubectl auth can-i list deployments.apps -A

  # Everything I may do in namespace dev
  kubectl auth can-i --list --namespace=dev`,
  usage: "auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]",
  flags: [
    F.allNamespaces,
    {
      name: "list",
      type: "bool",
      usage: "If true, prints all allowed actions.",
    },
    {
      name: "no-headers",
      type: "bool",
      usage: "If true, prints allowed actions without headers",
    },
    {
      name: "quiet",
      shorthand: "q",
      type: "bool",
      usage: "If true, suppress output and just return the exit code.",
    },
    {
      name: "subresource",
      type: "string",
      usage: "SubResource such as pod/log or deployment/scale",
    },
  ],
  run: runCanI,
};

export const authCommand: CommandSpec = {
  name: "auth",
  group: "Troubleshooting and Debugging Commands",
  short: "Inspect authorization",
  long: "Inspect authorization.",
  usage: "auth [flags] [options]",
  subcommands: [canICommand],
};
