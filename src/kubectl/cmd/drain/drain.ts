// kubectl cordon / uncordon / drain NODE: spec.unschedulable by strategic merge patch, then (drain)
// the node's pods filtered as pkg/drain does, evicted through pods/eviction, and waited for.
import type { KubeObject } from '../../../api/types';
import type { CmdContext, CommandSpec } from '../../command';
import { F } from '../../command';
import { CmdError, ServerError, formatError } from '../../errors';
import { collectionPath, objectPath } from '../../factory';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix, visitInfos, type DryRun, type Info } from '../rollout/common';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const nodeFlags = [DRY_RUN_FLAG, { ...F.selector, usage: 'Selector (label query) to filter on' }];

/** Cordons or uncordons one node; prints `node/N cordoned` or `already cordoned`. */
async function setUnschedulable(ctx: CmdContext, info: Info, desired: boolean, dry: DryRun): Promise<void> {
  const word = desired ? 'cordoned' : 'uncordoned';
  const cur = !!(info.object as Any).spec?.unschedulable;
  if (cur === desired) {
    ctx.out(`node/${info.name} already ${word}${dryRunSuffix(dry)}\n`);
    return;
  }
  if (dry !== 'client') {
    await ctx.f.request({
      verb: 'PATCH',
      path: objectPath(info.resource, info.name),
      query: dry === 'server' ? { dryRun: 'All' } : {},
      body: { spec: { unschedulable: desired ? true : null } },
      contentType: 'application/strategic-merge-patch+json',
    });
  }
  ctx.out(`node/${info.name} ${word}${dryRunSuffix(dry)}\n`);
}

async function nodes(ctx: CmdContext): Promise<Info[]> {
  const sel = ctx.flags.str('selector');
  if (!ctx.args.length && !sel) throw new CmdError(`USAGE: ${ctx.path} NODE [flags]\nSee '${'kubectl'} ${ctx.path} -h' for help and examples`);
  const args = ctx.args.length ? ['nodes', ...ctx.args] : ['nodes'];
  const { infos, errors } = await visitInfos(ctx, args, { selector: sel });
  if (errors.length) throw errors[0];
  return infos;
}

function cordonCommand(name: 'cordon' | 'uncordon', desired: boolean, short: string, example: string): CommandSpec {
  return {
    name,
    group: 'Cluster Management Commands',
    short,
    long: `${short}.`,
    example,
    usage: `${name} NODE`,
    flags: nodeFlags,
    async run(ctx) {
      const dry = dryRunStrategy(ctx);
      for (const info of await nodes(ctx)) await setUnschedulable(ctx, info, desired, dry);
      return 0;
    },
  };
}

export const cordonCommandSpec = cordonCommand('cordon', true, 'Mark node as unschedulable', `  # Stop the scheduler from placing new pods on node01
  kubectl cordon node01`);
export const uncordonCommandSpec = cordonCommand('uncordon', false, 'Mark node as schedulable', `  # Let the scheduler use node01 again
  kubectl uncordon node01`);

// ---- drain --------------------------------------------------------------------------------

const DS_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DS_WARN = 'ignoring DaemonSet-managed Pods';
const LOCAL_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_WARN = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARN = 'deleting Pods that declare no controller';

interface PodDelete {
  pod: Any;
  delete: boolean;
  /** 'warning' or 'error' with its message. */
  reason?: 'warning' | 'error' | 'skip';
  message?: string;
}

async function podsForDeletion(ctx: CmdContext, node: string): Promise<PodDelete[]> {
  const { f, flags } = ctx;
  const podsRes = await f.discovery.resolve('pods');
  const fieldSelector = [`spec.nodeName=${node}`, flags.str('pod-selector') ? '' : ''].filter(Boolean).join(',');
  const q: Record<string, string> = { fieldSelector, limit: '500' };
  if (flags.str('pod-selector')) q.labelSelector = flags.str('pod-selector');
  const list = (await f.request({ verb: 'GET', path: collectionPath(podsRes), query: q })).body as { items: Any[] };
  const out: PodDelete[] = [];
  for (const pod of list.items ?? []) {
    const d: PodDelete = { pod, delete: true };
    // skipDeletedFilter
    if (pod.metadata?.deletionTimestamp && flags.int('skip-wait-for-delete-timeout') > 0) {
      const age = ctx.io.now() - Date.parse(pod.metadata.deletionTimestamp);
      if (age > flags.int('skip-wait-for-delete-timeout') * 1000) {
        out.push({ pod, delete: false, reason: 'skip' });
        continue;
      }
    }
    const ctrl = (pod.metadata?.ownerReferences ?? []).find((r: Any) => r.controller);
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    // daemonSetFilter
    if (ctrl?.kind === 'DaemonSet') {
      if (pod.metadata?.deletionTimestamp) {
        out.push({ pod, delete: false, reason: 'skip' });
        continue;
      }
      let missing = false;
      try {
        await f.request({ verb: 'GET', path: `/apis/apps/v1/namespaces/${pod.metadata.namespace}/daemonsets/${ctrl.name}` });
      } catch (e) {
        if (!(e instanceof ServerError && e.status.code === 404 && flags.bool('force'))) throw e;
        missing = true;
      }
      if (!missing) {
        out.push(flags.bool('ignore-daemonsets') ? { pod, delete: false, reason: 'warning', message: DS_WARN } : { pod, delete: false, reason: 'error', message: DS_FATAL });
        continue;
      }
    }
    // mirrorPodFilter
    if (pod.metadata?.annotations?.['kubernetes.io/config.mirror']) {
      out.push({ pod, delete: false, reason: 'skip' });
      continue;
    }
    // localStorageFilter
    if (!finished && !pod.metadata?.deletionTimestamp && (pod.spec?.volumes ?? []).some((v: Any) => v.emptyDir)) {
      if (!flags.bool('delete-emptydir-data')) {
        out.push({ pod, delete: false, reason: 'error', message: LOCAL_FATAL });
        continue;
      }
      d.reason = 'warning';
      d.message = LOCAL_WARN;
    }
    // unreplicatedFilter
    if (!ctrl && !finished && !pod.metadata?.deletionTimestamp) {
      if (!flags.bool('force')) {
        out.push({ pod, delete: false, reason: 'error', message: UNMANAGED_FATAL });
        continue;
      }
      d.reason = 'warning';
      d.message = UNMANAGED_WARN;
    }
    out.push(d);
  }
  return out;
}

function grouped(list: PodDelete[], reason: 'warning' | 'error', order: string[]): [string, string[]][] {
  const m = new Map<string, string[]>();
  for (const msg of order) for (const d of list) if (d.reason === reason && d.message === msg) m.set(msg, [...(m.get(msg) ?? []), `${d.pod.metadata.namespace}/${d.pod.metadata.name}`]);
  return [...m.entries()];
}

async function drainNode(ctx: CmdContext, info: Info, dry: DryRun): Promise<void> {
  const { f, flags, io } = ctx;
  const list = await podsForDeletion(ctx, info.name);
  const errs = grouped(list, 'error', [DS_FATAL, LOCAL_FATAL, UNMANAGED_FATAL]).map(([msg, pods]) => `cannot delete ${msg}: ${pods.join(', ')}`);
  if (errs.length) throw new AggregateErr(errs);
  const warns = grouped(list, 'warning', [DS_WARN, LOCAL_WARN, UNMANAGED_WARN]).map(([msg, pods]) => `${msg}: ${pods.join(', ')}`);
  if (warns.length) ctx.err(`Warning: ${warns.join('; ')}\n`);
  const pods = list.filter((d) => d.delete).map((d) => d.pod);
  if (dry === 'client') {
    for (const p of pods) ctx.out(`pod/${p.metadata.name} evicted (dry run)\n`);
    return;
  }
  const disableEviction = flags.bool('disable-eviction');
  if (!disableEviction) await f.request({ verb: 'GET', path: '/api/v1' });
  const grace = flags.int('grace-period');
  const started = io.now();
  const timeout = flags.int('timeout');
  const pending: Any[] = [];
  for (const p of pods) {
    const ns = p.metadata.namespace;
    const name = p.metadata.name;
    if (dry === 'server') {
      ctx.out(`evicting pod ${ns}/${name} (server dry run)\n`);
      continue;
    }
    ctx.out(`pod/${name} ${disableEviction ? 'deletion' : 'eviction'} started\n`);
    if (disableEviction) {
      ctx.out(`deleting pod ${ns}/${name}\n`);
      const body: Any = { propagationPolicy: 'Background' };
      if (grace >= 0) body.gracePeriodSeconds = grace;
      await f.request({ verb: 'DELETE', path: `/api/v1/namespaces/${ns}/pods/${name}`, body, contentType: 'application/json' });
    } else {
      ctx.out(`evicting pod ${ns}/${name}\n`);
      const deleteOptions: Any = {};
      if (grace >= 0) deleteOptions.gracePeriodSeconds = grace;
      for (;;) {
        try {
          await f.request({
            verb: 'POST',
            path: `/api/v1/namespaces/${ns}/pods/${name}/eviction`,
            body: { kind: 'Eviction', apiVersion: 'policy/v1', metadata: { name, namespace: ns }, deleteOptions },
            contentType: 'application/json',
          });
          break;
        } catch (e) {
          if (e instanceof ServerError && e.status.code === 404) break;
          if (e instanceof ServerError && e.status.code === 429) {
            ctx.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${formatError(e).replace(/^Error from server \([^)]*\): /, '')}\n`);
            if (timeout > 0 && io.now() - started >= timeout) throw new CmdError(`error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${timeout / 1000}s`, true);
            await io.sleep(5000);
            continue;
          }
          throw e;
        }
      }
    }
    pending.push(p);
  }
  // Wait for each pod to be gone (or replaced by a pod with another UID), polling every second.
  let left = pending;
  for (;;) {
    const still: Any[] = [];
    for (const p of left) {
      try {
        const cur = (await f.request({ verb: 'GET', path: `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}` })).body as Any;
        if (cur.metadata?.uid !== p.metadata.uid) ctx.out(`pod/${p.metadata.name} ${disableEviction ? 'deleted' : 'evicted'}\n`);
        else still.push(p);
      } catch (e) {
        if (e instanceof ServerError && e.status.code === 404) ctx.out(`pod/${p.metadata.name} ${disableEviction ? 'deleted' : 'evicted'}\n`);
        else throw e;
      }
    }
    left = still;
    if (!left.length) return;
    if (io.signal.aborted) throw new CmdError('interrupted', true, 130);
    if (timeout > 0 && io.now() - started >= timeout) {
      throw new CmdError(`drain did not complete within ${formatSeconds(timeout)}`);
    }
    await io.sleep(1000);
  }
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s >= 60 && s % 60 === 0) return `${s / 60}m0s`;
  return `${s}s`;
}

class AggregateErr extends Error {
  constructor(readonly errs: string[]) {
    super(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
  }
}

export const drainCommand: CommandSpec = {
  name: 'drain',
  group: 'Cluster Management Commands',
  short: 'Drain node in preparation for maintenance',
  long: `Drain a node in preparation for maintenance.

 The node is cordoned first, so that no new pods land on it. Then its pods are evicted through the eviction API (which respects PodDisruptionBudgets), and drain waits until they are gone. Pods that no controller would recreate, DaemonSet pods and pods with emptyDir data are refused unless --force, --ignore-daemonsets or --delete-emptydir-data says otherwise. When you are done with the node, make it schedulable again with kubectl uncordon.`,
  example: `  # Drain node01, leaving its DaemonSet pods where they are
  kubectl drain node01 --ignore-daemonsets

  # Drain node01 even if it runs pods without a controller (they are lost)
  kubectl drain node01 --ignore-daemonsets --force`,
  usage: 'drain NODE',
  flags: [
    DRY_RUN_FLAG,
    { ...F.selector, usage: 'Selector (label query) to filter on' },
    { name: 'force', type: 'bool', usage: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'ignore-daemonsets', type: 'bool', usage: 'Ignore DaemonSet-managed pods.' },
    { name: 'delete-emptydir-data', type: 'bool', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before giving up, zero means infinite' },
    { name: 'pod-selector', type: 'string', usage: 'Label selector to filter pods on the node' },
    { name: 'disable-eviction', type: 'bool', usage: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable.' },
  ],
  async run(ctx) {
    const dry = dryRunStrategy(ctx);
    const infos = await nodes(ctx);
    const remaining: string[] = [];
    let fatal: unknown;
    for (const info of infos) {
      await setUnschedulable(ctx, info, true, dry);
      try {
        await drainNode(ctx, info, dry);
        ctx.out(`node/${info.name} drained${dryRunSuffix(dry)}\n`);
      } catch (e) {
        const text = e instanceof AggregateErr ? e.message : formatError(e).replace(/^error: /, '');
        ctx.err(`error: unable to drain node "${info.name}" due to error: ${text}, continuing command...\n`);
        remaining.push(info.name);
        fatal = e;
      }
    }
    if (!remaining.length) return 0;
    ctx.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
    if (fatal instanceof AggregateErr) throw new CmdError(fatal.errs.join('\n'), true);
    throw fatal;
  },
};

export type { KubeObject };
