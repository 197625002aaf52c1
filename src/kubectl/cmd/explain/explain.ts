// kubectl explain TYPE[.FIELD...]: GET /openapi/v3, then the resource's group-version document,
// rendered as kubectl v1.32's plaintext explain.
import type { CmdContext, CommandSpec } from "../../command";
import { CmdError } from "../../errors";
import type { ApiResource } from "../../discovery";
import { renderExplain } from "../../explain/render";

export const explainCommand: CommandSpec = {
  name: "explain",
  group: "Basic Commands (Intermediate)",
  short: "Get documentation for a resource",
  long: `Describe the fields of a resource type, from the server's OpenAPI schema. Fields are named with a dotted path:

  <type>.<fieldName>[.<fieldName>]

 With --recursive all nested fields are listed, without their descriptions.

 Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # What a pod is, and its top-level fields
  kubectl explain pods

  # Every field of a deployment, nested
  kubectl explain deployment --recursive

  # The containers of a pod spec
  kubectl explain pods.spec.containers

  # A resource of a given group and version
  kubectl explain deployments --api-version=apps/v1`,
  usage:
    "explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]",
  flags: [
    {
      name: "api-version",
      type: "string",
      usage: "Use given api-version (group/version) of the resource.",
    },
    {
      name: "output",
      shorthand: "o",
      type: "string",
      default: "plaintext",
      usage:
        "Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).",
    },
    {
      name: "recursive",
      type: "bool",
      usage:
        "When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.",
    },
  ],
  run: runExplain,
};

function usageError(msg: string): CmdError {
  return new CmdError(`${msg}\nSee 'kubectl explain -h' for help and examples`);
}

async function runExplain(ctx: CmdContext): Promise<number> {
  const { f, flags, args } = ctx;
  if (args.length === 0) {
    throw usageError(
      'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
  }
  if (args.length > 1)
    throw usageError("We accept only this format: explain RESOURCE");
  const output = flags.str("output");
  if (output !== "plaintext" && output !== "plaintext-openapiv2")
    throw new CmdError(`unsupported output format: ${output}`);
  const [typeArg, ...fieldPath] = args[0].split(".");
  const apiVersion = flags.str("api-version");
  let resource: ApiResource | undefined;
  if (apiVersion) {
    const slash = apiVersion.indexOf("/");
    const group = slash < 0 ? "" : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const base = await f.discovery.tryResolve(typeArg);
    if (base)
      resource = (await f.discovery.all()).find(
        (r) =>
          r.group === group &&
          r.version === version &&
          r.resource === base.resource,
      );
    if (!resource)
      throw new CmdError(
        `couldn't find resource for "${base ? (base.group ? `${base.group}/${version}, Resource=${base.resource}` : `${version}, Resource=${base.resource}`) : typeArg}"`,
      );
  } else {
    resource = await f.discovery.tryResolve(typeArg);
    // The real kubectl prints this one without its "error: " prefix.
    if (!resource)
      throw new CmdError(
        `the server doesn't have a resource type "${typeArg}"`,
        true,
      );
  }
  const gvPath = resource.group
    ? `apis/${resource.group}/${resource.version}`
    : `api/${resource.version}`;
  const root = (await f.request({ verb: "GET", path: "/openapi/v3" })).body as {
    paths?: Record<string, { serverRelativeURL?: string }>;
  };
  const url = root.paths?.[gvPath]?.serverRelativeURL;
  if (!url)
    throw new CmdError(
      `couldn't find resource for "${resource.group ? resource.group + "/" : ""}${resource.version}, Resource=${resource.resource}"`,
    );
  const q = url.indexOf("?");
  const query: Record<string, string> = {};
  if (q >= 0)
    for (const [k, v] of new URLSearchParams(url.slice(q + 1))) query[k] = v;
  const doc = (
    await f.request({ verb: "GET", path: q < 0 ? url : url.slice(0, q), query })
  ).body as object;
  const { text, error } = renderExplain(
    doc,
    {
      group: resource.group,
      version: resource.version,
      resource: resource.resource,
    },
    fieldPath,
    flags.bool("recursive"),
  );
  ctx.out(text);
  if (error) throw new CmdError(error, true);
  return 0;
}
