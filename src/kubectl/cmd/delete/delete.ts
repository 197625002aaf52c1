// kubectl delete: by names, TYPE/NAME, -f manifests, -l or --all; DeleteOptions with the
// propagation policy; then (--wait, the default) waits until each object is gone: GET, then
// list + watch by name until its DELETED event, on the virtual clock.
import type { KubeObject } from '../../../api/types';
import { F, type CmdContext, type CommandSpec } from '../../command';
import { CmdError, ServerError } from '../../errors';
import { collectionPath, objectPath } from '../../factory';
import type { ApiResource } from '../../discovery';
import { kindPrefix, selectFromArgs, selectFromFiles, type Target } from '../../resources';
import { dryRunStrategy, resultPrinter, send, throwErrors, withSource } from '../../apply/common';
import { outputFlag } from '../create/flags';

const REQUIRE = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export const deleteCommand: CommandSpec = {
  name: 'delete',
  group: 'Basic Commands (Intermediate)',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 Give the objects as TYPE NAME..., TYPE/NAME, with -f files, or as TYPE with -l or --all. Pods get a grace period to stop (--grace-period, --now); --force removes the object from the API at once without waiting for the pod to stop. By default kubectl waits until each object is really gone (--wait=false returns right away). Dependents are removed in the background unless --cascade says otherwise.`,
  example: `  # Delete the pod named web-1
  kubectl delete pod web-1

  # Delete the objects described in a file
  kubectl delete -f ./app.yaml

  # Delete the pods and services labelled app=web
  kubectl delete pods,services -l app=web

  # Delete a pod right away, without the grace period
  kubectl delete pod web-1 --now

  # Delete every pod in the namespace
  kubectl delete pods --all`,
  usage: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: [
    { ...F.all, usage: 'Delete all resources, in the namespace of the specified resource types.' },
    F.allNamespaces,
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    F.dryRun,
    F.fieldSelector,
    { ...F.filename, usage: 'containing the resource to delete.' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'ignore-not-found', type: 'bool', usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    { name: 'interactive', shorthand: 'i', type: 'bool', usage: 'If true, delete resource only when user confirms.' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process a kustomization directory. This flag can\'t be used together with -f or -R.' },
    { name: 'now', type: 'bool', usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { ...outputFlag, usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    { name: 'raw', type: 'string', usage: 'Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.' },
    F.recursive,
    F.selector,
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run: runDelete,
};

interface Deleted {
  r: ApiResource;
  name: string;
  namespace?: string;
  uid?: string;
}

async function runDelete(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const files = flags.list('filename');
  const selector = flags.str('selector');
  const fieldSel = flags.str('field-selector');
  const all = flags.bool('all');
  const allNs = flags.bool('all-namespaces');
  const cascade = flags.str('cascade');
  const policy = ({ background: 'Background', foreground: 'Foreground', orphan: 'Orphan', true: 'Background', false: 'Orphan' } as Record<string, string>)[cascade];
  if (!policy) throw new CmdError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  let grace = flags.int('grace-period');
  const force = flags.bool('force');
  if (flags.bool('now')) {
    if (grace !== -1) throw new CmdError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (force && grace > 0) throw new CmdError('--force and --grace-period greater than 0 cannot be specified together');
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const dryRun = dryRunStrategy(ctx);
  const o = flags.str('output');
  if (o && o !== 'name') throw new CmdError(`unexpected -o output mode: ${o}. We only support '-o name'`);
  const printer = o ? resultPrinter(ctx) : undefined;
  // ignore-not-found defaults to true with --all.
  const ignoreNotFound = flags.changed('ignore-not-found') ? flags.bool('ignore-not-found') : all;

  let targets: Target[];
  if (files.length) {
    if (ctx.args.length) throw new CmdError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    targets = await selectFromFiles(ctx.f, files, ctx.namespace, ctx.explicitNamespace, flags.bool('recursive'));
  } else {
    if (!ctx.args.length) {
      if (all || selector || fieldSel) throw new CmdError('at least one resource must be specified to use a selector');
      throw new CmdError(REQUIRE);
    }
    const sel = await selectFromArgs(ctx.f, ctx.args, allNs ? undefined : ctx.namespace);
    if (sel.named && (all || selector || fieldSel)) throw new CmdError('name cannot be provided when a selector is specified');
    if (!sel.named && !all && !selector && !fieldSel) throw new CmdError('resource(s) were provided, but no name was specified');
    targets = sel.targets;
  }
  if (force) {
    ctx.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }

  const errs: unknown[] = [];
  const deleted: Deleted[] = [];
  let found = 0;
  const body: Record<string, unknown> = {};
  if (grace >= 0) body.gracePeriodSeconds = grace;
  body.propagationPolicy = policy;
  if (dryRun === 'server') body.dryRun = ['All'];

  const deleteOne = async (r: ApiResource, name: string, ns: string | undefined, source?: string) => {
    found++;
    if (dryRun === 'client') {
      report(r, name, dryRun);
      return;
    }
    try {
      const res = await send(ctx, { verb: 'DELETE', path: objectPath(r, name, ns), body: JSON.stringify(body), contentType: 'application/json' });
      const b = res.body as KubeObject & { details?: { uid?: string } };
      const uid = b?.kind === 'Status' ? b.details?.uid : b?.metadata?.uid;
      deleted.push({ r, name, namespace: ns, uid });
      report(r, name, dryRun);
    } catch (e) {
      if (ignoreNotFound && e instanceof ServerError && e.status.code === 404) {
        found--;
        return;
      }
      errs.push(withSource(e, 'deleting', source));
    }
  };
  const report = (r: ApiResource, name: string, d: typeof dryRun) => {
    if (printer) {
      ctx.out(`${kindPrefix(r)}/${name}\n`);
      return;
    }
    const suffix = d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
    ctx.out(`${kindPrefix(r)} "${name}" ${force ? 'force deleted' : 'deleted'}${suffix}\n`);
  };

  for (const t of targets) {
    if (t.name !== undefined) {
      await deleteOne(t.resource, t.name, t.namespace, t.source);
      continue;
    }
    // A collection: list with the selectors, then delete each item.
    const query: Record<string, string> = {};
    if (selector) query.labelSelector = selector;
    if (fieldSel) query.fieldSelector = fieldSel;
    try {
      const list = (await send(ctx, { verb: 'GET', path: collectionPath(t.resource, t.namespace), query })).body as { items?: KubeObject[] };
      for (const item of list.items ?? []) {
        await deleteOne(t.resource, item.metadata.name ?? '', t.resource.namespaced ? item.metadata.namespace : undefined);
      }
    } catch (e) {
      errs.push(e);
    }
  }
  if (!found && !errs.length && !files.length && !targets.some((t) => t.name !== undefined)) {
    ctx.out('No resources found\n');
  }
  if (flags.bool('wait') && dryRun === 'none' && deleted.length) {
    const timeout = flags.int('timeout');
    const deadline = ctx.io.now() + (timeout > 0 ? timeout : 7 * 24 * 3600 * 1000);
    for (const d of deleted) {
      const ok = await waitGone(ctx, d, deadline);
      if (!ok) {
        errs.push(new CmdError(`timed out waiting for the condition on ${d.r.resource}/${d.name}`));
        break;
      }
    }
  }
  throwErrors(errs);
  return 0;
}

/** Waits for the object to disappear (or be replaced by one with another uid). */
async function waitGone(ctx: CmdContext, d: Deleted, deadline: number): Promise<boolean> {
  const gone = async (): Promise<boolean> => {
    try {
      const o = (await ctx.f.request({ verb: 'GET', path: objectPath(d.r, d.name, d.namespace) })).body as KubeObject;
      return !!d.uid && o.metadata?.uid !== d.uid;
    } catch (e) {
      if (e instanceof ServerError && e.status.code === 404) return true;
      throw e;
    }
  };
  if (await gone()) return true;
  const coll = collectionPath(d.r, d.namespace);
  const list = (await ctx.f.request({ verb: 'GET', path: coll, query: { fieldSelector: `metadata.name=${d.name}`, limit: '500', resourceVersion: '0' } })).body as { metadata?: { resourceVersion?: string }; items?: KubeObject[] };
  if (!(list.items ?? []).some((o) => !d.uid || o.metadata?.uid === d.uid)) return true;
  const h = await ctx.f.watch(coll, { allowWatchBookmarks: 'true', fieldSelector: `metadata.name=${d.name}`, resourceVersion: list.metadata?.resourceVersion ?? '', timeoutSeconds: '600' });
  const it = h[Symbol.asyncIterator]();
  try {
    let next = it.next();
    for (;;) {
      if (ctx.io.signal.aborted) return true;
      if (ctx.io.now() >= deadline) return false;
      // Let virtual time pass while nothing arrives (the host moves its clock on sleep).
      const tick = ctx.io.sleep(Math.max(1, Math.min(1000, deadline - ctx.io.now()))).then(() => 'tick' as const);
      const r = await Promise.race([next, tick]);
      if (r === 'tick') continue;
      if (r.done) return gone();
      const ev = r.value as { type: string; object: KubeObject };
      if (ev.type === 'DELETED' && (!d.uid || ev.object?.metadata?.uid === d.uid)) return true;
      next = it.next();
    }
  } finally {
    h.close();
  }
}
