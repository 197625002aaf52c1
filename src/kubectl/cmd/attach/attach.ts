// kubectl attach POD: connects to the process a container is already running (pods/attach):
// its output, and with -i what the user types (a busybox started with `-it -- sh` answers with
// its prompt). `kubectl run -it` uses the same path once its pod runs.
import type { KubeObject } from '../../../api/types';
import type { CmdContext, CommandSpec } from '../../command';
import { CmdError, ServerError } from '../../errors';
import { defaultContainer, getTarget, hasContainer, podsFor, sortForLogging } from '../logs/pods';
import { session, streamError } from '../exec/exec';
import { POD_RUNNING_TIMEOUT_FLAG } from './waitpod';

type Obj = Record<string, any>;

export const attachCommand: CommandSpec = {
  name: 'attach',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Attach to a running container',
  long: 'Attach to a process that is already running inside an existing container.',
  example: `  # Show the output of the process of pod web (its first container, or the default-container annotation's)
  kubectl attach web

  # Show the output of container app of pod web
  kubectl attach web -c app

  # Type into the shell that container app of pod web runs, in terminal mode
  kubectl attach web -c app -i -t

  # Show the output of the first pod of replica set web
  kubectl attach rs/web`,
  usage: 'attach (POD | TYPE/NAME) -c CONTAINER [options]',
  flags: [
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    POD_RUNNING_TIMEOUT_FLAG,
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Only print output from the remote session' },
    { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', shorthand: 't', type: 'bool', usage: 'Stdin is a TTY' },
  ],
  run: runAttach,
};

async function runAttach(ctx: CmdContext): Promise<number> {
  const { flags, args } = ctx;
  if (!args.length) throw new CmdError('at least 1 argument is required for attach');
  if (args.length > 2) throw new CmdError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
  if (flags.int('pod-running-timeout') <= 0) throw new CmdError('--pod-running-timeout must be higher than zero');
  const target = args.length === 2 ? `${args[0]}/${args[1]}` : args[0];
  const { resource, object } = await getTarget(ctx.f, target, ctx.namespace, false);
  let pod = object;
  if (resource.kind !== 'Pod') {
    const pods = (await podsFor(ctx.f, resource, object, ctx.namespace)) ?? [];
    if (!pods.length) throw new CmdError('timed out waiting for the condition');
    pod = sortForLogging(pods)[0];
  }
  const phase = (pod.status as Obj | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  await attachToPod(ctx, pod, {
    container: flags.str('container'),
    stdin: flags.bool('stdin'),
    tty: flags.bool('tty'),
    quiet: flags.bool('quiet'),
  });
  return 0;
}

export interface AttachOptions {
  container: string;
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
}

/** podcmd.FindOrDefaultContainerByName: the named container, else the default one. */
function containerToAttach(ctx: CmdContext, pod: KubeObject, name: string, quiet: boolean): Obj {
  const containers = (((pod.spec ?? {}) as Obj).containers ?? []) as Obj[];
  const all = [...containers, ...((((pod.spec ?? {}) as Obj).initContainers ?? []) as Obj[]), ...((((pod.spec ?? {}) as Obj).ephemeralContainers ?? []) as Obj[])];
  if (name) {
    if (!hasContainer(pod, name)) throw new CmdError(`cannot attach to the container: container ${name} not found in pod ${pod.metadata.name}`);
    return all.find((c) => c.name === name) ?? { name };
  }
  if (!containers.length) throw new CmdError(`cannot attach to the container: pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const chosen = defaultContainer(pod, ctx.err, quiet);
  return all.find((c) => c.name === chosen) ?? containers[0];
}

/**
 * AttachOptions.Run once the pod is known: the terminal decisions and their notes, the stream,
 * and the "Session ended" hint for pods that restart. Throws the stream's error (kubectl run
 * falls back to the log then).
 */
export async function attachToPod(ctx: CmdContext, pod: KubeObject, o: AttachOptions): Promise<void> {
  const container = containerToAttach(ctx, pod, o.container, o.quiet);
  let tty = o.tty;
  if (tty && !container.tty) {
    tty = false;
    if (!o.quiet) ctx.err(`error: Unable to use a TTY - container ${container.name} did not allocate one\n`);
  } else if (!tty && container.tty) {
    // A container with a TTY only speaks the terminal protocol.
    tty = true;
  }
  // SetupTTY: no terminal without stdin; a terminal only when input is one.
  let raw = false;
  if (o.stdin && tty) {
    if (!ctx.io.interactive && !ctx.io.isTerminal) {
      if (!o.quiet) ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    } else raw = true;
  }
  if (!o.quiet) ctx.err("If you don't see a command prompt, try pressing enter.\n");

  const path = `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace ?? ctx.namespace)}/pods/${encodeURIComponent(pod.metadata.name ?? '')}/attach`;
  const query: Record<string, string> = { container: String(container.name), stdout: 'true', stderr: String(!raw) };
  if (o.stdin) query.stdin = 'true';
  if (raw) query.tty = 'true';
  if (!ctx.f.client.stream) throw new CmdError('Upgrade request required');
  let h;
  try {
    h = await ctx.f.client.stream({ verb: 'POST', path, query }, (chunk) => ctx.out(chunk));
  } catch (e) {
    throw streamError(e);
  }
  if (!('done' in h)) {
    if (h.status >= 400) {
      if (h.body && typeof h.body === 'object' && 'kind' in h.body) throw streamError(new ServerError(h.body as never));
      throw new CmdError(String(h.body));
    }
  } else if (o.stdin) {
    await session(ctx, h);
  } else {
    const off = ctx.io.signal.onAbort(() => h.close());
    await h.done;
    off();
  }
  const restart = ((pod.spec ?? {}) as Obj).restartPolicy;
  if (!o.quiet && o.stdin && raw && restart === 'Always') {
    ctx.out(`Session ended, resume using 'kubectl attach ${pod.metadata.name} -c ${container.name} -i -t' command when the pod is running\n`);
  }
}
