// Workload describers: Deployment (with its old and new ReplicaSets), ReplicaSet and
// ReplicationController (pod counts by phase), DaemonSet, StatefulSet, Job, CronJob.
import { formatLabelSelector, formatLabels, labelSelectorAsSelector, selectorString, selectorFromSet } from '../../api/labels';
import { humanDuration } from '../../api/duration';
import { apiPath, getObject, listAll, type DescribeContext } from './context';
import { describePodTemplate } from './containers';
import { describeEvents, eventsFor, refOf } from './events';
import { goLess, intOrString, printAnnotationsMultiline, printController, printLabelsMultiline, printLabelsMultilineWithIndent, rfc1123z, type J } from './format';
import { LEVEL_0, LEVEL_1, PrefixWriter, type Writer } from './writer';

/** labels.Selector.String() of a LabelSelector (`""` for everything, as kubectl prints it). */
function selectorText(ls: J): string {
  try {
    return selectorString(labelSelectorAsSelector(ls));
  } catch (e) {
    return `<error: ${(e as Error).message}>`;
  }
}

/** getPodStatusForController: the selector's pods this controller owns, counted by phase. */
async function podStatusFor(ctx: DescribeContext, namespace: string, selector: string, uid: string): Promise<[number, number, number, number]> {
  const pods = await listAll(ctx, apiPath('v1', 'pods', namespace), { labelSelector: selector });
  const counts: [number, number, number, number] = [0, 0, 0, 0];
  for (const p of pods) {
    const ref = (p.metadata?.ownerReferences ?? []).find((r: J) => r.controller === true);
    // Orphans and pods of other controllers that happen to match do not count.
    if (!ref || ref.uid !== uid) continue;
    const i = ['Running', 'Pending', 'Succeeded', 'Failed'].indexOf(p.status?.phase);
    if (i >= 0) counts[i]++;
  }
  return counts;
}

function conditionsTable(w: Writer, conditions: J[] | undefined): void {
  if (!conditions?.length) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

// ---- Deployment ----

/** Drops what Go's typed decoding cannot tell from absent (null, '', empty lists and maps). */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalise) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalise((v as Record<string, unknown>)[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (v === null || v === '') return undefined;
  return v;
}

/** EqualIgnoreHash: the templates equal once the pod-template-hash label is ignored. */
export function equalIgnoreHash(a: J, b: J): boolean {
  const strip = (t: J) => {
    const c = JSON.parse(JSON.stringify(t ?? {}));
    if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
    return JSON.stringify(normalise(c) ?? null);
  };
  return strip(a) === strip(b);
}

const byCreation = (a: J, b: J) => {
  const ta = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
  return ta - tb || goLess(a.metadata?.name ?? '', b.metadata?.name ?? '');
};

/** deploymentutil.GetAllReplicaSetsInChunks: owned ReplicaSets split into all old ones and the new one. */
export function splitReplicaSets(d: J, rsList: J[]): { old: J[]; newRS?: J } {
  const owned = rsList.filter((rs) => (rs.metadata?.ownerReferences ?? []).some((r: J) => r.controller === true && r.uid === d.metadata?.uid)).sort(byCreation);
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  return { old: owned.filter((rs) => rs !== newRS), newRS };
}

function printReplicaSets(list: J[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return s || '<none>';
}

export async function describeDeploymentByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const d = await getObject(ctx, apiPath('apps/v1', 'deployments', namespace, name));
  const events = await eventsFor(ctx, refOf(d, 'Deployment'));
  let split: { old: J[]; newRS?: J } | undefined;
  try {
    const rsList = await listAll(ctx, apiPath('apps/v1', 'replicasets', namespace), { labelSelector: selectorText(d.spec?.selector) });
    split = splitReplicaSets(d, rsList);
  } catch {
    split = undefined;
  }
  return describeDeployment(d, split?.old ?? [], split?.newRS ? [split.newRS] : [], events, ctx.now);
}

export function describeDeployment(d: J, oldRSs: J[], newRSs: J[], events: J[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorText(spec.selector)}\n`);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
  describePodTemplate(spec.template, w, formatLabelSelector);
  conditionsTable(w, st.conditions);
  if (oldRSs.length || newRSs.length) {
    w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSets(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSets(newRSs)}\n`);
  }
  if (events) describeEvents(events, w, now);
  return w.toString();
}

// ---- ReplicaSet / ReplicationController ----

export async function describeReplicaSetByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const rs = await getObject(ctx, apiPath('apps/v1', 'replicasets', namespace, name));
  let counts: [number, number, number, number] | undefined;
  let podErr: string | undefined;
  try {
    counts = await podStatusFor(ctx, namespace, selectorText(rs.spec?.selector), rs.metadata.uid);
  } catch (e) {
    podErr = (e as Error).message;
  }
  const events = await eventsFor(ctx, refOf(rs, 'ReplicaSet'));
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const controlledBy = printController(rs);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, 'Pods Status:\t');
  if (podErr !== undefined || !counts) w.write(LEVEL_0, `error in fetching pods: ${podErr}\n`);
  else w.write(LEVEL_0, `${counts[0]} Running / ${counts[1]} Waiting / ${counts[2]} Succeeded / ${counts[3]} Failed\n`);
  describePodTemplate(rs.spec?.template, w, formatLabelSelector);
  conditionsTable(w, rs.status?.conditions);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

export async function describeReplicationControllerByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const rc = await getObject(ctx, apiPath('v1', 'replicationcontrollers', namespace, name));
  const counts = await podStatusFor(ctx, namespace, selectorString(selectorFromSet(rc.spec?.selector)), rc.metadata.uid);
  const events = await eventsFor(ctx, refOf(rc, 'ReplicationController'));
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${rc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rc.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rc.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${counts[0]} Running / ${counts[1]} Waiting / ${counts[2]} Succeeded / ${counts[3]} Failed\n`);
  describePodTemplate(rc.spec?.template, w, formatLabelSelector);
  conditionsTable(w, rc.status?.conditions);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

// ---- DaemonSet / StatefulSet ----

export async function describeDaemonSetByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const ds = await getObject(ctx, apiPath('apps/v1', 'daemonsets', namespace, name));
  const selector = selectorText(ds.spec?.selector);
  const counts = await podStatusFor(ctx, namespace, selector, ds.metadata.uid);
  const events = await eventsFor(ctx, refOf(ds, 'DaemonSet'));
  const st = ds.status ?? {};
  const w = new PrefixWriter();
  // kubectl v1.32 prints no Namespace line for a DaemonSet (later versions add one).
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${counts[0]} Running / ${counts[1]} Waiting / ${counts[2]} Succeeded / ${counts[3]} Failed\n`);
  describePodTemplate(ds.spec?.template, w, formatLabelSelector);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

export async function describeStatefulSetByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const ss = await getObject(ctx, apiPath('apps/v1', 'statefulsets', namespace, name));
  const selector = selectorText(ss.spec?.selector);
  const counts = await podStatusFor(ctx, namespace, selector, ss.metadata.uid);
  const events = await eventsFor(ctx, refOf(ss, 'StatefulSet'));
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ss.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ss.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  printLabelsMultiline(w, 'Labels', ss.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ss.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${ss.spec?.replicas ?? 0} desired | ${ss.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${ss.spec?.updateStrategy?.type ?? ''}\n`);
  const ru = ss.spec?.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined && ru.partition !== null) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${counts[0]} Running / ${counts[1]} Waiting / ${counts[2]} Succeeded / ${counts[3]} Failed\n`);
  describePodTemplate(ss.spec?.template, w, formatLabelSelector);
  const vcts: J[] = ss.spec?.volumeClaimTemplates ?? [];
  if (!vcts.length) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
  else {
    w.write(LEVEL_0, 'Volume Claims:\n');
    for (const pvc of vcts) {
      w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      const sc = pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
      w.write(LEVEL_1, `StorageClass:\t${sc}\n`);
      printLabelsMultilineWithIndent(w, '  ', 'Labels', '\t', pvc.metadata?.labels);
      printLabelsMultilineWithIndent(w, '  ', 'Annotations', '\t', pvc.metadata?.annotations);
      const cap = pvc.spec?.resources?.requests?.storage;
      w.write(LEVEL_1, `Capacity:\t${cap !== undefined ? cap : '<default>'}\n`);
      w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

// ---- Job / CronJob ----

function jobBody(w: Writer, job: J, now: number): void {
  void now;
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  if (spec.parallelism !== undefined && spec.parallelism !== null) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  if (spec.completions !== undefined && spec.completions !== null) w.write(LEVEL_0, `Completions:\t${spec.completions}\n`);
  else w.write(LEVEL_0, 'Completions:\t<unset>\n');
  if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined && spec.suspend !== null) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined && spec.backoffLimit !== null) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined && spec.ttlSecondsAfterFinished !== null) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (st.ready === undefined || st.ready === null) w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') {
    const idx = String(st.completedIndexes ?? '');
    let shown = '<none>';
    if (idx) {
      let ix = 50;
      while (ix < idx.length && idx[ix] !== ',') ix++;
      shown = ix >= idx.length ? idx : idx.slice(0, ix + 1) + '...';
    }
    w.write(LEVEL_0, `Completed Indexes:\t${shown}\n`);
  }
  describePodTemplate(spec.template, w, formatLabelSelector);
}

export async function describeJobByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const job = await getObject(ctx, apiPath('batch/v1', 'jobs', namespace, name));
  const events = await eventsFor(ctx, refOf(job, 'Job'));
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorText(job.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const controlledBy = printController(job);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  jobBody(w, job, ctx.now);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

export async function describeCronJobByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const cj = await getObject(ctx, apiPath('batch/v1', 'cronjobs', namespace, name));
  const events = await eventsFor(ctx, refOf(cj, 'CronJob'));
  const spec = cj.spec ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${spec.suspend === undefined || spec.suspend === null ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
  const opt = (v: unknown, suffix = '') => (v === undefined || v === null ? '<unset>' : `${v}${suffix}`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${opt(spec.successfulJobsHistoryLimit)}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${opt(spec.failedJobsHistoryLimit)}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${opt(spec.startingDeadlineSeconds, 's')}\n`);
  const jt = spec.jobTemplate?.spec ?? {};
  w.write(LEVEL_0, `Selector:\t${jt.selector ? selectorText(jt.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${opt(jt.parallelism)}\n`);
  w.write(LEVEL_0, `Completions:\t${opt(jt.completions)}\n`);
  if (jt.activeDeadlineSeconds !== undefined && jt.activeDeadlineSeconds !== null) w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(jt.template, w, formatLabelSelector);
  w.write(LEVEL_0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`);
  const active: J[] = cj.status?.active ?? [];
  w.write(LEVEL_0, 'Active Jobs:\t');
  if (!active.length) w.writeLine('<none>');
  else {
    active.forEach((j, i) => {
      if (i !== 0) w.write(LEVEL_0, ', ');
      w.write(LEVEL_0, j.name ?? '');
    });
    w.writeLine('');
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
