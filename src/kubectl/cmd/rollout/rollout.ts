// kubectl rollout status|history|undo|restart|pause|resume, with the polymorphic helpers' texts
// (status viewers, history viewer, rollbacker, pauser/resumer/restarter).
import type { KubeObject } from '../../../api/types';
import type { CmdContext, CommandSpec } from '../../command';
import { F } from '../../command';
import { CmdError, ServerError, formatError } from '../../errors';
import { collectionPath, objectPath } from '../../factory';
import { groupResource, type ApiResource } from '../../discovery';
import { kindPrefix } from '../../resources';
import { formatLabelSelector } from '../../../api/labels';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunQuery, dryRunStrategy, printOperation, visitInfos, watchOne, type DryRun, type Info } from './common';
import { describePodTemplate } from './podtemplate';
import { historyOf, type History } from './history';
import { marshalTyped } from '../run/gostruct';
import { parseOutputFormat, printObjects } from '../../output';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FILE_FLAGS = [F.filename, F.recursive];

// ---- status -------------------------------------------------------------------------------

/** The status viewers: [text, done]; throws for a failed rollout. */
export function rolloutStatus(o: Any, revision: number): [string, boolean] {
  const name = o.metadata?.name;
  const st = o.status ?? {};
  const gen = o.metadata?.generation ?? 0;
  switch (o.kind) {
    case 'Deployment': {
      if (revision > 0) {
        const cur = Number(o.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 'NaN');
        if (Number.isNaN(cur)) throw new CmdError(`cannot get the revision of deployment "${name}": revision not found`);
        if (cur !== revision) throw new CmdError(`desired revision (${revision}) is different from the running revision (${cur})`);
      }
      if (gen <= (st.observedGeneration ?? 0)) {
        const cond = (st.conditions ?? []).find((c: Any) => c.type === 'Progressing');
        if (cond?.reason === 'ProgressDeadlineExceeded') throw new CmdError(`deployment "${name}" exceeded its progress deadline`);
        const want = o.spec?.replicas;
        const updated = st.updatedReplicas ?? 0;
        if (want !== undefined && updated < want) return [`Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, false];
        if ((st.replicas ?? 0) > updated) return [`Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, false];
        if ((st.availableReplicas ?? 0) < updated) return [`Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, false];
        return [`deployment "${name}" successfully rolled out\n`, true];
      }
      return [`Waiting for deployment spec update to be observed...\n`, false];
    }
    case 'DaemonSet': {
      if (o.spec?.updateStrategy?.type && o.spec.updateStrategy.type !== 'RollingUpdate') throw new CmdError('rollout status is only available for RollingUpdate strategy type');
      if (gen <= (st.observedGeneration ?? 0)) {
        const want = st.desiredNumberScheduled ?? 0;
        if ((st.updatedNumberScheduled ?? 0) < want) return [`Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${want} new pods have been updated...\n`, false];
        if ((st.numberAvailable ?? 0) < want) return [`Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${want} updated pods are available...\n`, false];
        return [`daemon set "${name}" successfully rolled out\n`, true];
      }
      return [`Waiting for daemon set spec update to be observed...\n`, false];
    }
    case 'StatefulSet': {
      if (o.spec?.updateStrategy?.type && o.spec.updateStrategy.type !== 'RollingUpdate') throw new CmdError('rollout status is only available for RollingUpdate strategy type');
      if (st.observedGeneration === undefined || gen > st.observedGeneration) return [`Waiting for statefulset spec update to be observed...\n`, false];
      const want = o.spec?.replicas ?? 1;
      if ((st.readyReplicas ?? 0) < want) return [`Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...\n`, false];
      const part = o.spec?.updateStrategy?.rollingUpdate?.partition;
      if (part !== undefined && part > 0) {
        if ((st.updatedReplicas ?? 0) < want - part) return [`Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - part} new pods have been updated...\n`, false];
        return [`partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, true];
      }
      if (st.updateRevision !== st.currentRevision) return [`waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, false];
      return [`statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, true];
    }
  }
  throw new CmdError(`no status viewer has been implemented for ${o.kind}`);
}

async function runStatus(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const { infos, errors } = await visitInfos(ctx, ctx.args, { files: flags.list('filename'), recursive: flags.bool('recursive'), selector: flags.str('selector') });
  if (errors.length) throw errors[0];
  if (infos.length !== 1) throw new CmdError(`rollout status is only supported on individual resources and resource collections, but ${infos.length} resources were found`);
  const info = infos[0];
  const revision = flags.int('revision');
  if (revision < 0) throw new CmdError(`revision must be a positive integer: ${revision}`);
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(info.resource.kind)) throw new CmdError(`no status viewer has been implemented for ${info.resource.kind}`);
  if (!flags.bool('watch')) {
    const [text] = rolloutStatus(info.object, revision);
    ctx.out(text);
    return 0;
  }
  const result = await watchOne(ctx, info.resource, info.name, info.namespace, flags.int('timeout'), (type, obj) => {
    if (type === 'MISSING') throw new CmdError(`${groupResource(info.resource)} "${info.name}" not found`, false);
    if (type === 'DELETED') throw new CmdError('object has been deleted');
    const [text, done] = rolloutStatus(obj!, revision);
    ctx.out(text);
    return done;
  });
  if (result === 'timeout') throw new CmdError('timed out waiting for the condition');
  return result === 'aborted' ? 130 : 0;
}

// ---- history ------------------------------------------------------------------------------

function pad(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => (i < r.length - 1 ? r[i].length : 0))));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(w[i] + 2) : c)).join('') + '\n').join('');
}

async function runHistory(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const revision = flags.int('revision');
  if (revision < 0) throw new CmdError(`revision must be a positive integer: ${revision}`);
  const { infos, errors } = await visitInfos(ctx, ctx.args, { files: flags.list('filename'), recursive: flags.bool('recursive'), selector: flags.str('selector') });
  let printedCount = 0;
  for (const info of infos) {
    const history = await historyOf(ctx, info, 'history viewer');
    const { byRevision } = history;
    const revs = [...byRevision.keys()].sort((a, b) => a - b);
    if (flags.str('output')) {
      const format = parseOutputFormat(flags.str('output'), flags.str('template'));
      let list = revs.map((r) => byRevision.get(r)!);
      if (revision > 0) {
        if (!byRevision.has(revision)) throw new CmdError(`unable to find the specified revision`);
        list = [byRevision.get(revision)!];
      }
      for (const rev of list) {
        // One YAML printer serves the whole command: it separates the documents after the first.
        if (printedCount++ > 0 && format.kind === 'yaml') ctx.out('---\n');
        const printed = history.printed(rev);
        const prefix = `${String(printed.kind).toLowerCase()}.apps`;
        ctx.out(printObjects(format, [printed as KubeObject], { single: true, noHeaders: false, allowMissingKeys: flags.bool('allow-missing-template-keys'), showManagedFields: flags.bool('show-managed-fields'), prefixOf: () => prefix, readFile: (p) => ctx.io.readFile(p) }));
      }
      continue;
    }
    let text: string;
    if (!revs.length) text = 'No rollout history found.';
    else if (revision > 0) {
      const rev = byRevision.get(revision);
      if (!rev) throw new CmdError(`unable to find the specified revision`);
      text = describePodTemplate(history.template(rev));
    } else {
      const rows = [['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r), history.changeCause(byRevision.get(r)!) || '<none>'])];
      text = pad(rows);
    }
    ctx.out(`${kindPrefix(info.resource)}/${info.name} ${revision > 0 ? `with revision #${revision}` : ''}\n${text}\n`);
  }
  if (errors.length) throw errors[0];
  return 0;
}

// ---- undo ---------------------------------------------------------------------------------

const SKIP_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** Semantic equality: null, absent, empty maps, lists and strings are alike, as typed structs see them. */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalise) : undefined;
  if (v && typeof v === 'object') {
    const out: Any = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalise((v as Any)[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (v === null || v === '') return undefined;
  return v;
}

/** DeploymentRollbacker: JSON-patches the template and annotations of the chosen ReplicaSet in. */
async function rollbackDeployment(ctx: CmdContext, info: Info, history: History, toRevision: number, dry: DryRun): Promise<string> {
  const { object: deployment, byRevision } = history;
  let rs: Any | undefined;
  if (toRevision > 0) {
    rs = byRevision.get(toRevision);
    if (!rs) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
  } else {
    const revs = [...byRevision.keys()].sort((a, b) => b - a);
    if (revs.length < 2) throw new CmdError(`no rollout history found for deployment "${info.name}"`);
    rs = byRevision.get(revs[1]);
  }
  const rsRevision = Number(rs!.metadata.annotations['deployment.kubernetes.io/revision']);
  const template = JSON.parse(JSON.stringify(rs!.spec?.template ?? {})) as Any;
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  template.metadata = { creationTimestamp: null, ...(template.metadata ?? {}) };
  if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
  if (dry === 'client') return describePodTemplate(rs!.spec?.template);
  if (deployment.spec?.paused) throw new CmdError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
  if (sameTemplate(template, deployment.spec?.template)) return `skipped rollback (current template already matches revision ${rsRevision})`;
  const annotations: Record<string, string> = {};
  for (const k of Object.keys(deployment.metadata?.annotations ?? {})) if (SKIP_ANNOTATIONS.has(k)) annotations[k] = deployment.metadata.annotations[k];
  for (const [k, v] of Object.entries((rs!.metadata?.annotations ?? {}) as Record<string, string>)) if (!SKIP_ANNOTATIONS.has(k)) annotations[k] = v;
  const body = `[{"op":"replace","path":"/spec/template","value":${marshalTyped(template, 'PodTemplateSpec')}},{"op":"replace","path":"/metadata/annotations","value":${marshalTyped(annotations, 'map')}}]`;
  await ctx.f.request({ verb: 'PATCH', path: objectPath(info.resource, info.name, info.namespace), query: dryRunQuery(dry), body: JSON.parse(body), contentType: 'application/json-patch+json' });
  return 'rolled back';
}

/**
 * DaemonSetRollbacker / StatefulSetRollbacker: the chosen ControllerRevision's data (a strategic
 * merge patch replacing spec.template) is sent as it is.
 */
async function rollbackFromRevision(ctx: CmdContext, info: Info, history: History, toRevision: number, dry: DryRun): Promise<string> {
  const { byRevision } = history;
  if (toRevision < 0) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
  if (toRevision === 0 && byRevision.size <= 1) throw new CmdError('no last revision to roll back to');
  const rev = toRevision === 0 ? byRevision.get([...byRevision.keys()].sort((a, b) => a - b).at(-2)!) : byRevision.get(toRevision);
  if (!rev) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
  if (dry === 'client') return `will roll back to ${describePodTemplate(history.template(rev))}`;
  if (sameTemplate(history.template(rev), history.object.spec?.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  try {
    await ctx.f.request({ verb: 'PATCH', path: objectPath(info.resource, info.name, info.namespace), query: dryRunQuery(dry), body: rev.data, contentType: 'application/strategic-merge-patch+json' });
  } catch (e) {
    throw new CmdError(`failed restoring revision ${toRevision}: ${e instanceof ServerError ? e.status.message : String(e)}`);
  }
  return 'rolled back';
}

function sameTemplate(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

async function runUndo(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const toRevision = flags.int('to-revision');
  const dry = dryRunStrategy(ctx);
  const { infos, errors } = await visitInfos(ctx, ctx.args, { files: flags.list('filename'), recursive: flags.bool('recursive'), selector: flags.str('selector') });
  let failed: unknown;
  for (const info of infos) {
    try {
      const history = await historyOf(ctx, info, 'rollbacker');
      const op = info.resource.kind === 'Deployment' ? await rollbackDeployment(ctx, info, history, toRevision, dry) : await rollbackFromRevision(ctx, info, history, toRevision, dry);
      printOperation(ctx, info.resource, history.object as KubeObject, op, dry);
    } catch (e) {
      if (failed) ctx.err(formatError(failed) + '\n');
      failed = e;
    }
  }
  for (const e of errors) {
    if (failed) ctx.err(formatError(failed) + '\n');
    failed = e;
  }
  if (failed) throw failed;
  return 0;
}

// ---- pause / resume / restart --------------------------------------------------------------

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

type Mutator = (info: Info, ctx: CmdContext) => Any;

function mutatorCommand(name: 'pause' | 'resume' | 'restart', op: string, mutate: Mutator, short: string, example: string): CommandSpec {
  return {
    name,
    short,
    long: short + '.',
    example,
    usage: `rollout ${name} RESOURCE`,
    flags: [...PRINT_FLAGS, ...FILE_FLAGS, F.selector, { name: 'field-manager', type: 'string', default: 'kubectl-rollout', usage: 'Name of the manager used to track field ownership.' }],
    async run(ctx: CmdContext): Promise<number> {
      const { flags, f } = ctx;
      const { infos, errors } = await visitInfos(ctx, ctx.args, { files: flags.list('filename'), recursive: flags.bool('recursive'), selector: flags.str('selector') });
      const all: unknown[] = [];
      for (const info of infos) {
        try {
          const patch = mutate(info, ctx);
          const res = await f.request({
            verb: 'PATCH',
            path: objectPath(info.resource, info.name, info.namespace),
            query: { fieldManager: flags.str('field-manager') },
            body: patch,
            contentType: 'application/strategic-merge-patch+json',
          });
          printOperation(ctx, info.resource, res.body as KubeObject, op);
        } catch (e) {
          all.push(e);
        }
      }
      all.push(...errors);
      if (!all.length) return 0;
      for (const e of all.slice(0, -1)) ctx.err(formatError(e) + '\n');
      throw all[all.length - 1];
    },
  };
}

const gr = (info: Info) => `${groupResource(info.resource)} "${info.name}"`;

const pauseCommand = mutatorCommand(
  'pause',
  'paused',
  (info) => {
    if (info.resource.kind !== 'Deployment') throw new CmdError(`${gr(info)} pausing is not supported`);
    if ((info.object as Any).spec?.paused) throw new CmdError(`${gr(info)} is already paused`);
    return { spec: { paused: true } };
  },
  'Mark the provided resource as paused',
  `  # Stop the deployment web from rolling out template changes until it is resumed
  kubectl rollout pause deployment/web`,
);

const resumeCommand = mutatorCommand(
  'resume',
  'resumed',
  (info) => {
    if (info.resource.kind !== 'Deployment') throw new CmdError(`${gr(info)} resuming is not supported`);
    if (!(info.object as Any).spec?.paused) throw new CmdError(`${gr(info)} is not paused`);
    return { spec: { paused: null } };
  },
  'Resume a paused resource',
  `  # Let the paused deployment web roll out again
  kubectl rollout resume deployment/web`,
);

const restartCommand = mutatorCommand(
  'restart',
  'restarted',
  (info, ctx) => {
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(info.resource.kind)) throw new CmdError(`${gr(info)} restarting is not supported`);
    const now = rfc3339(ctx.io.now());
    const cur = (info.object as Any).spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];
    if (cur === now) throw new CmdError(`failed to create patch for ${info.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
    return { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now } } } } };
  },
  'Restart a resource',
  `  # Replace every pod of the deployment web by a rolling restart
  kubectl rollout restart deployment/web`,
);

// ---- the group ------------------------------------------------------------------------------

const statusCommand: CommandSpec = {
  name: 'status',
  short: 'Show the status of the rollout',
  long: `Show the status of the rollout.

 By default it watches the rollout until it is done, printing a line each time the object changes. Use --watch=false to print the current status once and exit; use --timeout to give up after a while.`,
  example: `  # Follow the rollout of the deployment web until it completes
  kubectl rollout status deployment/web

  # Print the current state once
  kubectl rollout status deployment/web --watch=false`,
  usage: 'rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [
    ...FILE_FLAGS,
    F.selector,
    { name: 'revision', type: 'int', usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
    { name: 'watch', shorthand: 'w', type: 'bool', default: true, usage: 'Watch the status of the rollout until it\'s done.' },
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
  ],
  run: runStatus,
};

const historyCommand: CommandSpec = {
  name: 'history',
  short: 'View rollout history',
  long: 'View previous rollout revisions and configurations.',
  example: `  # List the revisions of the deployment web
  kubectl rollout history deployment/web

  # Show the pod template of revision 3
  kubectl rollout history deployment/web --revision=3`,
  usage: 'rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [...PRINT_FLAGS, ...FILE_FLAGS, F.selector, { name: 'revision', type: 'int', usage: 'See the details, including podTemplate of the revision specified' }],
  run: runHistory,
};

const undoCommand: CommandSpec = {
  name: 'undo',
  short: 'Undo a previous rollout',
  long: 'Roll back to a previous rollout.',
  example: `  # Go back to the previous revision of the deployment web
  kubectl rollout undo deployment/web

  # Go back to revision 3
  kubectl rollout undo deployment/web --to-revision=3

  # Show the template revision 3 would restore, without changing anything
  kubectl rollout undo deployment/web --to-revision=3 --dry-run=client`,
  usage: 'rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [...PRINT_FLAGS, DRY_RUN_FLAG, ...FILE_FLAGS, F.selector, { name: 'to-revision', type: 'int', usage: 'The revision to rollback to. Default to 0 (last revision).' }],
  run: runUndo,
};

export const rolloutCommand: CommandSpec = {
  name: 'rollout',
  group: 'Deploy Commands',
  short: 'Manage the rollout of a resource',
  long: `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets`,
  example: `  # Undo the last rollout of the deployment web
  kubectl rollout undo deployment/web

  # Wait until the daemon set agent has rolled out
  kubectl rollout status daemonset/agent`,
  usage: 'rollout SUBCOMMAND [options]',
  subcommands: [historyCommand, pauseCommand, restartCommand, resumeCommand, statusCommand, undoCommand],
};

export type { ApiResource };
