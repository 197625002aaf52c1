// kubectl describe: resolve what the arguments name (TYPE [NAME_PREFIX], TYPE/NAME, -f, -l, -A)
// as the resource builder does, then run each kind's describer. A name that is not found falls
// back to every object whose name starts with it.
import type { KubeList, KubeObject } from '../../api/types';
import { F, type CmdContext, type CommandSpec } from '../command';
import { CmdError, ServerError, formatError } from '../errors';
import { collectionPath, objectPath } from '../factory';
import { selectFromArgs, selectFromFiles, type Target } from '../resources';
import { describerFor, type DescribeContext } from '../describe';
import type { ApiResource } from '../discovery';

const NEED_TYPE = 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n';

export const describeCommand: CommandSpec = {
  name: 'describe',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Show details of a specific resource or group of resources',
  long: `Show details of a specific resource or group of resources.

 Prints a readable report on the chosen objects: their settings and state, and the things related to them, such as their events or the controller that owns them. Pick one object by name, every object of a type, the objects whose names start with a prefix, or those matching a label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX

 looks for an object of TYPE named exactly NAME_PREFIX first; when there is none, it describes every object of TYPE whose name begins with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # Show a node in detail
  kubectl describe nodes minikube
  
  # Show one pod
  kubectl describe pods/web-7c5ddbdf54-2xkqn
  
  # Show the pod named in "pod.yaml"
  kubectl describe -f pod.yaml
  
  # Show every pod in the namespace
  kubectl describe pods
  
  # Show the pods labelled app=web
  kubectl describe po -l app=web
  
  # Show every pod whose name starts with "web" (the pods of the web deployment)
  kubectl describe pods web`,
  usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [
    F.allNamespaces,
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { ...F.filename, usage: 'Filename, directory, or URL to files containing the resource to describe' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    F.recursive,
    { ...F.selector, usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
  ],
  run: runDescribe,
};

interface Info {
  resource: ApiResource;
  namespace: string;
  name: string;
}

/** The builder's visit: a GET per name, a LIST per type (with -l and --chunk-size), in order. */
async function visit(ctx: CmdContext, targets: Target[], query: Record<string, string>, chunk: number, errors: unknown[]): Promise<Info[]> {
  const infos: Info[] = [];
  for (const t of targets) {
    try {
      if (t.name !== undefined) {
        const o = (await ctx.f.request({ verb: 'GET', path: objectPath(t.resource, t.name, t.namespace) })).body as KubeObject;
        infos.push({ resource: t.resource, namespace: o.metadata?.namespace ?? t.namespace ?? '', name: o.metadata?.name ?? t.name });
      } else {
        for (const o of await listAllObjects(ctx, collectionPath(t.resource, t.namespace), query, chunk)) {
          infos.push({ resource: t.resource, namespace: o.metadata?.namespace ?? '', name: o.metadata.name ?? '' });
        }
      }
    } catch (e) {
      errors.push(e);
    }
  }
  return infos;
}

async function listAllObjects(ctx: CmdContext, path: string, query: Record<string, string>, chunk: number): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  let cont: string | undefined;
  do {
    const q: Record<string, string> = { ...query };
    if (chunk > 0) q.limit = String(chunk);
    if (cont) q.continue = cont;
    const list = (await ctx.f.request({ verb: 'GET', path, query: q })).body as KubeList;
    out.push(...(list.items ?? []));
    cont = list.metadata?.continue || undefined;
  } while (cont);
  return out;
}

const isNotFound = (e: unknown) => e instanceof ServerError && e.status.code === 404;

async function runDescribe(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  const files = flags.list('filename');
  const kustomize = flags.str('kustomize');
  if (!ctx.args.length && !files.length && !kustomize) throw new CmdError(NEED_TYPE);
  if (kustomize) {
    // No kustomize in the playground: every directory is one it cannot build.
    if (ctx.args.length) throw new CmdError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    throw new CmdError(`must build at directory: not a valid directory: evalsymlink failure on '${kustomize}' : lstat ${kustomize}: no such file or directory`, true);
  }
  const all = flags.bool('all-namespaces');
  const chunk = flags.int('chunk-size');
  const dctx: DescribeContext = { f, settings: { showEvents: flags.bool('show-events'), chunkSize: chunk }, now: ctx.io.now() };
  const query: Record<string, string> = {};
  if (flags.str('selector')) query.labelSelector = flags.str('selector');

  const targets = files.length ? await selectFromFiles(f, files, ctx.namespace, ctx.explicitNamespace, flags.bool('recursive')) : (await selectFromArgs(f, ctx.args, all ? undefined : ctx.namespace)).targets;
  if (query.labelSelector && !files.length && targets.some((t) => t.name !== undefined)) {
    // The builder words it by how the name was given: TYPE/NAME or TYPE NAME.
    if (ctx.args.some((a) => a.includes('/'))) throw new CmdError('selectors and the all flag cannot be used when passing resource/name arguments');
    throw new CmdError('name cannot be provided when a selector is specified');
  }
  const errors: unknown[] = [];
  const infos = await visit(ctx, targets, query, chunk, errors);

  // `describe TYPE PREFIX`: no object by that exact name, so every object whose name starts with it.
  if (!files.length && ctx.args.length === 2 && errors.length && errors.every(isNotFound) && !infos.length) {
    return describeMatching(ctx, dctx, targets[0].resource, ctx.args[1], errors[0]);
  }

  let first = true;
  const seen = new Set<string>();
  for (const info of infos) {
    try {
      const s = await describerFor(info.resource)(dctx, info.namespace, info.name);
      ctx.out(first ? s : `\n\n${s}`);
      first = false;
    } catch (e) {
      const text = formatError(e);
      if (!seen.has(text)) {
        seen.add(text);
        errors.push(e);
      }
    }
  }
  if (!infos.length && !errors.length) {
    ctx.err(all ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
  }
  for (const e of errors) ctx.err(formatError(e) + '\n');
  return errors.length ? 1 : 0;
}

async function describeMatching(ctx: CmdContext, dctx: DescribeContext, r: ApiResource, prefix: string, original: unknown): Promise<number> {
  const ns = r.namespaced ? ctx.namespace : undefined;
  const objects = await listAllObjects(ctx, collectionPath(r, ns), {}, dctx.settings.chunkSize);
  const describe = describerFor(r);
  let found = false;
  for (const o of objects) {
    const name = o.metadata?.name ?? '';
    if (!name.startsWith(prefix)) continue;
    found = true;
    ctx.out(`${await describe(dctx, o.metadata?.namespace ?? '', name)}\n`);
  }
  if (!found) throw original;
  return 0;
}
