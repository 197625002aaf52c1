// kubectl exec: POST pods/NAME/exec?command=[...] runs a command in a container. Without -i the
// answer is {stdout, stderr, exitCode}; with -i (usually -it) a stream carries an interactive
// session: the lines the user types go to the container's shell until `exit`.
import type { CmdContext, CommandSpec } from "../../command";
import { CmdError, ServerError } from "../../errors";
import {
  defaultContainer,
  getTarget,
  podsFor,
  sortForLogging,
} from "../logs/pods";

export const execCommand: CommandSpec = {
  name: "exec",
  group: "Troubleshooting and Debugging Commands",
  short: "Execute a command in a container",
  long: "Execute a command in a container.",
  example: `  # Print the environment of the first container of pod web
  kubectl exec web -- env

  # Run a command in container app of pod web
  kubectl exec web -c app -- ls /

  # Open an interactive shell in pod web
  kubectl exec -it web -- sh

  # Run a command in the first pod of deployment web
  kubectl exec deploy/web -- date`,
  usage:
    "exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
  flags: [
    {
      name: "container",
      shorthand: "c",
      type: "string",
      usage:
        "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen",
    },
    {
      name: "filename",
      shorthand: "f",
      type: "stringSlice",
      usage: "to use to exec into the resource",
    },
    {
      name: "pod-running-timeout",
      type: "duration",
      default: 60000,
      usage:
        "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running",
    },
    {
      name: "quiet",
      shorthand: "q",
      type: "bool",
      usage: "Only print output from the remote session",
    },
    {
      name: "stdin",
      shorthand: "i",
      type: "bool",
      usage: "Pass stdin to the container",
    },
    { name: "tty", shorthand: "t", type: "bool", usage: "Stdin is a TTY" },
  ],
  run: runExec,
};

async function runExec(ctx: CmdContext): Promise<number> {
  const { flags, f, namespace } = ctx;
  const args = flags.args;
  const atDash = flags.argsLenAtDash;
  if (!args.length || atDash === 0 || args[0] === "")
    throw new CmdError("pod, type/name or --filename must be specified");
  const target = args[0];
  const command = args.slice(1);
  if (atDash === -1 ? command.length > 0 : atDash > 1) {
    ctx.err(
      "kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n",
    );
  }
  if (!command.length)
    throw new CmdError(
      "you must specify at least one command for the container",
    );

  const stdin = flags.bool("stdin");
  let tty = flags.bool("tty");
  const quiet = flags.bool("quiet");
  const interactive = ctx.io.interactive;
  if (tty && !stdin) {
    // kubectl's SetupTTY: without -i there is no terminal to give, and nothing is said.
    tty = false;
  } else if (tty && !interactive && !ctx.io.isTerminal) {
    if (!quiet)
      ctx.err(
        "Unable to use a TTY - input is not a terminal or the right kind of file\n",
      );
    tty = false;
  }

  const { resource, object } = await getTarget(f, target, namespace, false);
  let pod = object;
  if (resource.kind !== "Pod") {
    const pods = (await podsFor(f, resource, object, namespace)) ?? [];
    if (!pods.length)
      throw new CmdError(`cannot exec into a ${resource.kind.toLowerCase()}`);
    pod = sortForLogging(pods)[0];
  }
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === "Succeeded" || phase === "Failed")
    throw new CmdError(
      `cannot exec into a container in a completed pod; current phase is ${phase}`,
    );
  const container =
    flags.str("container") || defaultContainer(pod, ctx.err, quiet);

  const path = `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace ?? namespace ?? "")}/pods/${encodeURIComponent(pod.metadata.name ?? "")}/exec`;
  const query: Record<string, string> = {
    command: JSON.stringify(command),
    container,
    stdout: "true",
    stderr: String(!tty),
  };
  if (stdin) query.stdin = "true";
  if (tty) query.tty = "true";

  if (stdin && f.client.stream) {
    const h = await f.client.stream({ verb: "POST", path, query }, (chunk) =>
      ctx.out(chunk),
    );
    if ("done" in h) return session(ctx, h);
    return printResult(ctx, h.status, h.body, tty);
  }
  if (stdin) {
    // A transport that cannot stream input (plain HTTP): kube-apiserver wants an upgraded connection.
    throw new CmdError("Upgrade request required");
  }
  let res;
  try {
    res = await f.request({ verb: "POST", path, query });
  } catch (e) {
    throw streamError(e);
  }
  return printResult(ctx, res.status, res.body, tty);
}

/**
 * How an exec failure reads: a failed upgrade and the runtime's errors (500) are plain errors,
 * the apiserver's own answers (NotFound, BadRequest) are "Error from server".
 */
export function streamError(e: unknown): unknown {
  if (e instanceof ServerError) {
    const msg = e.status.message ?? "";
    if (e.status.code === 500 || msg.startsWith("unable to upgrade connection"))
      return new CmdError(msg);
  }
  return e;
}

function printResult(
  ctx: CmdContext,
  status: number,
  body: unknown,
  tty: boolean,
): number {
  if (status >= 400) {
    if (body && typeof body === "object" && "kind" in body)
      throw streamError(new ServerError(body as never));
    throw new CmdError(String(body));
  }
  const r = (body ?? {}) as {
    stdout?: string;
    stderr?: string;
    exitCode?: number;
  };
  if (r.stdout) ctx.out(tty ? r.stdout.replace(/\r?\n/g, "\r\n") : r.stdout);
  if (r.stderr) (tty ? ctx.out : ctx.err)(r.stderr);
  const code = r.exitCode ?? 0;
  if (code !== 0) {
    ctx.err(`command terminated with exit code ${code}\n`);
    return code;
  }
  return 0;
}

/** exec -i: what the user types goes to the container until the session ends or input does. */
export async function session(
  ctx: CmdContext,
  h: { done: Promise<void>; write(c: string): void; close(): void; readonly exitCode?: number },
): Promise<number> {
  const input = ctx.io.interactive;
  let ended = false;
  void h.done.then(() => (ended = true));
  const off = ctx.io.signal.onAbort(() => h.close());
  try {
    while (!ended) {
      if (!input) {
        // No terminal: standard input, whole, then end of input.
        const text = (await ctx.io.readStdin?.()) ?? "";
        if (text) h.write(text.endsWith("\n") ? text : text + "\n");
        break;
      }
      const line = await Promise.race([
        input.readLine(""),
        h.done.then(() => null),
      ]);
      if (ended) break;
      if (line === null) break;
      h.write(line + "\n");
      // Let the session's answer (and a possible end) arrive before the next prompt.
      await Promise.resolve();
    }
  } finally {
    off();
    h.close();
  }
  // Over a connection, the end of input reaches the server first: the output it still sends
  // (a piped script's) and the exit code arrive after.
  await h.done;
  const code = h.exitCode ?? 0;
  if (code !== 0) ctx.err(`command terminated with exit code ${code}\n`);
  return code;
}
