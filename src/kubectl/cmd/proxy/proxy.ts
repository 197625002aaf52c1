// kubectl proxy: serves the API at 127.0.0.1:8001 inside the playground (the host's listen())
// until Ctrl-C; every request goes to the apiserver through the same client kubectl uses.
import type { ApiClient, HttpVerb } from "../../../api/client";
import type { CmdContext, CommandSpec } from "../../command";
import { CmdError } from "../../errors";

export type ListenRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
};
export type ListenResponse = {
  status: number;
  headers: Record<string, string>;
  body: string;
};

const VERBS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

function header(h: Record<string, string>, name: string): string | undefined {
  const k = Object.keys(h).find((x) => x.toLowerCase() === name);
  return k === undefined ? undefined : h[k];
}

/** Splits `/path?a=b` into the path and its query. */
export function splitUrl(url: string): {
  path: string;
  query: Record<string, string>;
} {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const query: Record<string, string> = {};
  if (q >= 0)
    for (const [k, v] of new URLSearchParams(url.slice(q + 1)))
      if (!(k in query)) query[k] = v;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    /* left as sent */
  }
  return { path: decoded, query };
}

/** Sends one HTTP request to the API and shapes the answer as the apiserver writes it. */
export async function relay(
  client: ApiClient,
  req: ListenRequest,
  path: string,
  query: Record<string, string>,
): Promise<ListenResponse> {
  if (!VERBS.has(req.method.toUpperCase()))
    return {
      status: 405,
      headers: { "Content-Type": "text/plain" },
      body: "Method Not Allowed\n",
    };
  const contentType = header(req.headers, "content-type");
  const accept = header(req.headers, "accept");
  const res = await client.request({
    verb: req.method.toUpperCase() as HttpVerb,
    path,
    query,
    ...(req.body !== undefined && req.body !== ""
      ? { body: req.body, contentType: contentType ?? "application/json" }
      : {}),
    ...(accept ? { accept } : {}),
  });
  let body: string;
  if (typeof res.body === "string") body = res.body;
  else if (res.body === undefined || res.body === null) body = "";
  else {
    // kube-apiserver pretty-prints JSON for curl, wget and browsers, or with ?pretty=true.
    const ua = header(req.headers, "user-agent") ?? "";
    const pretty = query.pretty === "true" || /^(curl|Wget|Mozilla\/)/.test(ua);
    // Typed objects keep the server's field order; Go's encoder escapes <, > and & in strings.
    const text = pretty
      ? JSON.stringify(res.body, null, 2)
      : JSON.stringify(res.body);
    body =
      text.replace(
        /[<>&\u2028\u2029]/g,
        (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
      ) + "\n";
  }
  return {
    status: res.status,
    headers: { "Content-Type": res.contentType || "application/json" },
    body,
  };
}

/** Waits for Ctrl-C. */
export function untilAborted(ctx: CmdContext): Promise<void> {
  return new Promise<void>((resolve) => {
    if (ctx.io.signal.aborted) return resolve();
    ctx.io.signal.onAbort(() => resolve());
  });
}

const DEFAULT_REJECT_PATHS = "^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach";

export const proxyCommand: CommandSpec = {
  name: "proxy",
  group: "Advanced Commands",
  short: "Run a proxy to the Kubernetes API server",
  long: "Serve the Kubernetes API on a local address without authentication, until interrupted. In the playground the address is 127.0.0.1 inside the playground, for curl.",
  example: `  # Serve the API on port 8001, then, in another terminal:
  kubectl proxy
  curl http://localhost:8001/api/v1/namespaces/default/pods

  # Serve it on port 8011 under /k8s-api
  kubectl proxy --port=8011 --api-prefix=/k8s-api`,
  usage:
    "proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix] [options]",
  flags: [
    {
      name: "accept-hosts",
      type: "string",
      default: "^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$",
      usage: "Regular expression for hosts that the proxy should accept.",
    },
    {
      name: "accept-paths",
      type: "string",
      default: "^.*",
      usage: "Regular expression for paths that the proxy should accept.",
    },
    {
      name: "address",
      type: "string",
      default: "127.0.0.1",
      usage: "The IP address on which to serve on.",
    },
    {
      name: "api-prefix",
      type: "string",
      default: "/",
      usage: "Prefix to serve the proxied API under.",
    },
    {
      name: "append-server-path",
      type: "bool",
      usage:
        "If true, enables automatic path appending of the kube context server path to each request.",
    },
    {
      name: "disable-filter",
      type: "bool",
      usage:
        "If true, disable request filtering in the proxy. This is dangerous, and can leave you vulnerable to XSRF attacks, when used with an accessible port.",
    },
    {
      name: "keepalive",
      type: "duration",
      usage:
        "keepalive specifies the keep-alive period for an active network connection. Set to 0 to disable keepalive.",
    },
    {
      name: "port",
      shorthand: "p",
      type: "int",
      default: 8001,
      usage:
        "The port on which to run the proxy. Set to 0 to pick a random port.",
    },
    {
      name: "reject-methods",
      type: "string",
      default: "^$",
      usage:
        "Regular expression for HTTP methods that the proxy should reject (example --reject-methods='POST,PUT,PATCH'). ",
    },
    {
      name: "reject-paths",
      type: "string",
      default: DEFAULT_REJECT_PATHS,
      usage:
        "Regular expression for paths that the proxy should reject. Paths specified here will be rejected even accepted by --accept-paths.",
    },
    {
      name: "unix-socket",
      shorthand: "u",
      type: "string",
      usage: "Unix socket on which to run the proxy.",
    },
    {
      name: "www",
      shorthand: "w",
      type: "string",
      usage:
        "Also serve static files from the given directory under the specified prefix.",
    },
    {
      name: "www-prefix",
      shorthand: "P",
      type: "string",
      default: "/static/",
      usage:
        "Prefix to serve static files under, if static file directory is specified.",
    },
  ],
  run: runProxy,
};

async function runProxy(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const address = flags.str("address");
  let port = flags.int("port");
  if (port === 0) port = 37000;
  let prefix = flags.str("api-prefix") || "/";
  if (!prefix.startsWith("/")) prefix = "/" + prefix;
  if (!prefix.endsWith("/")) prefix += "/";
  const listen = ctx.f.config.listen;
  if (address !== "127.0.0.1" && address !== "localhost") {
    throw new CmdError(
      `listen tcp ${address}:${port}: bind: cannot assign requested address`,
    );
  }
  const filter = !flags.bool("disable-filter");
  const rejectPaths = flags
    .str("reject-paths")
    .split(",")
    .filter(Boolean)
    .map((r) => new RegExp(r));
  const rejectMethods = flags
    .str("reject-methods")
    .split(",")
    .filter(Boolean)
    .map((r) => new RegExp(r));
  if (!listen) {
    ctx.out(`Starting to serve on ${address}:${port}\n`);
    throw new CmdError(
      "kubectl proxy serves the API inside the playground; this host has no playground network to listen on",
    );
  }
  const client = ctx.f.client;
  const handler = async (req: ListenRequest): Promise<ListenResponse> => {
    const { path, query } = splitUrl(req.path);
    const pathPart = req.path.split("?")[0];
    if (
      !(pathPart + "/").startsWith(prefix) &&
      pathPart !== prefix.replace(/\/$/, "")
    ) {
      return {
        status: 404,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
        body: "404 page not found\n",
      };
    }
    const apiPath = "/" + path.slice(prefix.length);
    if (
      filter &&
      (rejectPaths.some((r) => r.test(apiPath)) ||
        rejectMethods.some((r) => r.test(req.method)))
    ) {
      return {
        status: 403,
        headers: { "Content-Type": "text/plain" },
        body: "Forbidden\n",
      };
    }
    try {
      return await relay(client, req, apiPath === "//" ? "/" : apiPath, query);
    } catch (e) {
      return {
        status: 502,
        headers: { "Content-Type": "text/plain" },
        body: `${(e as Error).message}\n`,
      };
    }
  };
  const l = listen(port, handler);
  if (typeof l === "string") throw new CmdError(l);
  ctx.out(`Starting to serve on ${address}:${port}\n`);
  try {
    await untilAborted(ctx);
  } finally {
    l.close();
  }
  return 130;
}
