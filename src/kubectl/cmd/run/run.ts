// kubectl run NAME --image=IMAGE: builds a Pod (labels run=NAME, one container named NAME) and
// POSTs it with fieldManager=kubectl-run, or prints it (--dry-run=client).
import type { KubeObject } from '../../../api/types';
import type { CmdContext, CommandSpec } from '../../command';
import { CmdError } from '../../errors';
import { collectionPath } from '../../factory';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunQuery, dryRunStrategy, printOperation, type DryRun } from '../rollout/common';
import { printTypedJson } from './gostruct';
import { runAttached, type Created } from './attach';
import { POD_RUNNING_TIMEOUT_FLAG } from '../attach/waitpod';
import { applyMergePatch } from '../../../api/patch/mergepatch';
import { applyJsonPatch } from '../../../api/patch/jsonpatch';
import { applyStrategicMergePatch } from '../../../api/patch/strategic';
import { patchMetaForKind } from '../../../api/patch/mergekeys';

export const runCommand: CommandSpec = {
  name: 'run',
  group: 'Basic Commands (Beginner)',
  short: 'Run a particular image on the cluster',
  long: `Create and run a particular image in a pod.`,
  example: `  # Start a single nginx pod
  kubectl run nginx --image=nginx

  # Start a pod that exposes port 80 and sets two environment variables
  kubectl run web --image=nginx --port=80 --env="MODE=demo" --env="LEVEL=2"

  # Label the pod instead of the default run=NAME
  kubectl run web --image=nginx --labels="app=web,tier=front"

  # Print the pod as YAML without creating it
  kubectl run web --image=nginx --dry-run=client -o yaml

  # Pass arguments to the image's default command
  kubectl run web --image=nginx -- --verbose

  # Replace the image's command
  kubectl run shell --image=busybox --restart=Never --command -- sleep 3600`,
  usage: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    { name: 'image', type: 'string', usage: 'The image for the container to run.' },
    { name: 'port', type: 'string', usage: 'The port that this container exposes.' },
    { name: 'labels', shorthand: 'l', type: 'string', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
    { name: 'annotations', type: 'stringArray', usage: 'Annotations to apply to the pod.' },
    { name: 'command', type: 'bool', usage: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' },
    { name: 'restart', type: 'string', default: 'Always', usage: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]." },
    { name: 'rm', type: 'bool', usage: 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--stdin\'.' },
    { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'tty', shorthand: 't', type: 'bool', usage: 'Allocate a TTY for the container in the pod.' },
    { name: 'attach', type: 'bool', usage: "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned." },
    { name: 'leave-stdin-open', type: 'bool', usage: 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.' },
    POD_RUNNING_TIMEOUT_FLAG,
    { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' },
    // The delete flags (used by --rm) and the ignored -f, as kubectl run carries them.
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'to use to replace the resource.' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process a kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
    { name: 'privileged', type: 'bool', usage: 'If true, run the container in privileged mode.' },
    { name: 'expose', type: 'bool', usage: "If true, create a ClusterIP service associated with the pod.  Requires `--port`." },
    { name: 'overrides', type: 'string', usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' },
    { name: 'override-type', type: 'string', default: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-run', usage: 'Name of the manager used to track field ownership.' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'If true, suppress prompt messages.' },
  ],
  run: runRun,
};

function parsePairs(spec: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) throw new CmdError(`invalid ${what} spec: ${part}`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

export function buildPod(name: string, o: {
  image: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  port?: number;
  env?: { name: string; value: string }[];
  command: boolean;
  args: string[];
  restart: string;
  pullPolicy?: string;
  stdin?: boolean;
  tty?: boolean;
  serviceAccount?: string;
  privileged?: boolean;
}): KubeObject {
  const container: Record<string, unknown> = { name, image: o.image };
  if (o.args.length) container[o.command ? 'command' : 'args'] = o.args;
  if (o.env?.length) container.env = o.env;
  if (o.port !== undefined) container.ports = [{ containerPort: o.port }];
  container.resources = {};
  if (o.pullPolicy) container.imagePullPolicy = o.pullPolicy;
  if (o.privileged) container.securityContext = { privileged: true };
  if (o.stdin) container.stdin = true;
  if (o.stdin) container.stdinOnce = true;
  if (o.tty) container.tty = true;
  const metadata: Record<string, unknown> = { name, creationTimestamp: null, labels: o.labels ?? { run: name } };
  if (o.annotations && Object.keys(o.annotations).length) metadata.annotations = o.annotations;
  const spec: Record<string, unknown> = { containers: [container], restartPolicy: o.restart, dnsPolicy: 'ClusterFirst' };
  if (o.serviceAccount) spec.serviceAccountName = o.serviceAccount;
  return { kind: 'Pod', apiVersion: 'v1', metadata, spec, status: {} } as unknown as KubeObject;
}

/** cmdutil.OverrideOptions.Apply: the --overrides JSON applied to the generated object. */
export function applyOverrides(obj: KubeObject, overrides: string, type: string): KubeObject {
  if (!['json', 'merge', 'strategic'].includes(type)) throw new CmdError(`invalid override type: ${type}`);
  if (!overrides) return obj;
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch {
    throw new CmdError('Invalid JSON Patch');
  }
  try {
    if (type === 'json') return applyJsonPatch(obj, patch) as KubeObject;
    if (type === 'strategic') return applyStrategicMergePatch(obj, patch, patchMetaForKind('', obj.kind ?? 'Pod')) as KubeObject;
    return applyMergePatch(obj, patch) as KubeObject;
  } catch (e) {
    throw new CmdError(e instanceof Error ? e.message : String(e));
  }
}

async function runRun(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  if (!flags.changed('image') || !flags.str('image')) throw new CmdError(`required flag(s) "image" not set`);
  const dashAt = flags.argsLenAtDash;
  const positional = dashAt >= 0 ? ctx.args.slice(0, dashAt) : ctx.args;
  const extra = dashAt >= 0 ? ctx.args.slice(dashAt) : ctx.args.slice(1);
  const name = positional[0];
  if (!name) throw new CmdError(`NAME is required for run`);
  const dry = dryRunStrategy(ctx);
  const restart = flags.str('restart') || (flags.bool('stdin') ? 'OnFailure' : 'Always');
  const usage = (msg: string) => new CmdError(`${msg}\nSee 'kubectl run -h' for help and examples`);
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw usage(`invalid restart policy: ${restart}`);
  // --attach defaults to true with -i.
  const attach = flags.changed('attach') ? flags.bool('attach') : flags.bool('stdin');
  if (flags.bool('tty') && !flags.bool('stdin')) throw usage('-i/--stdin is required for containers with -t/--tty=true');
  if (flags.bool('expose') && !flags.str('port')) throw usage(`--port must be set when exposing a service`);
  if (flags.bool('rm') && !attach) throw usage(`--rm should only be used for attached containers`);
  if (attach && dry !== 'none') throw usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  let port: number | undefined;
  if (flags.str('port')) {
    if (!/^-?\d+$/.test(flags.str('port'))) throw new CmdError(`strconv.Atoi: parsing "${flags.str('port')}": invalid syntax`);
    port = Number(flags.str('port'));
  }
  const env = flags.list('env').map((e) => {
    const i = e.indexOf('=');
    if (i < 0) throw new CmdError(`invalid env: ${e}`);
    return { name: e.slice(0, i), value: e.slice(i + 1) };
  });
  const annotations: Record<string, string> = {};
  for (const a of flags.list('annotations')) Object.assign(annotations, parsePairs(a, 'annotation'));
  const overrideType = flags.str('override-type') || 'merge';
  const built = buildPod(name, {
    image: flags.str('image'),
    labels: flags.str('labels') ? parsePairs(flags.str('labels'), 'label') : undefined,
    annotations,
    port,
    env,
    command: flags.bool('command'),
    args: extra,
    restart,
    pullPolicy: flags.str('image-pull-policy') || undefined,
    stdin: flags.bool('stdin'),
    tty: flags.bool('tty'),
    privileged: flags.bool('privileged'),
  });
  const pod = applyOverrides(built, flags.str('overrides'), overrideType);
  const podsRes = await f.discovery.resolve('pods');
  if (ctx.explicitNamespace && dry === 'client') (pod.metadata as { namespace?: string }).namespace = ctx.namespace;

  let svcCreated: Created | undefined;
  if (flags.bool('expose')) {
    const svcRes = await f.discovery.resolve('services');
    const svc = {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name, creationTimestamp: null },
      spec: { ports: [{ protocol: 'TCP', port, targetPort: port }], selector: (pod.metadata as { labels: Record<string, string> }).labels },
      status: { loadBalancer: {} },
    } as unknown as KubeObject;
    svcCreated = { r: svcRes, obj: await create(ctx, svcRes, svc, dry, 'kubectl-run') };
  }
  const podCreated: Created = { r: podsRes, obj: await create(ctx, podsRes, pod, dry, flags.str('field-manager')) };
  // kubectl v1.32 creates (and prints) the service first.
  const created: Created[] = svcCreated ? [svcCreated, podCreated] : [podCreated];
  if (attach) {
    return runAttached(ctx, podCreated.obj, created, {
      container: '',
      stdin: flags.bool('stdin'),
      tty: flags.bool('tty'),
      quiet: flags.bool('quiet'),
      remove: flags.bool('rm'),
      restart,
      leaveStdinOpen: flags.bool('leave-stdin-open'),
      timeout: flags.int('pod-running-timeout'),
    });
  }
  for (const c of created) print(ctx, c, dry);
  return 0;
}

async function create(ctx: CmdContext, r: Created['r'], obj: KubeObject, dry: DryRun, fieldManager: string): Promise<KubeObject> {
  if (dry === 'client') return obj;
  const res = await ctx.f.request({
    verb: 'POST',
    path: collectionPath(r, ctx.namespace),
    query: { ...dryRunQuery(dry), fieldManager },
    body: obj,
    contentType: 'application/json',
  });
  return res.body as KubeObject;
}

function print(ctx: CmdContext, c: Created, dry: DryRun): void {
  if (ctx.flags.str('output') === 'json') ctx.out(printTypedJson(c.obj, c.obj.kind ?? (c.r.kind)));
  else printOperation(ctx, c.r, c.obj, 'created', dry);
}
