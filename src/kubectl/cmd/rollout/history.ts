// The revisions a workload keeps (polymorphichelpers history.go): a Deployment's ReplicaSets by
// their `deployment.kubernetes.io/revision` annotation, a DaemonSet's or StatefulSet's
// ControllerRevisions (controlled by it, found through its selector) by their `revision` field.
import type { CmdContext } from '../../command';
import { CmdError } from '../../errors';
import { collectionPath } from '../../factory';
import type { ApiResource } from '../../discovery';
import { formatLabelSelector } from '../../../api/labels';
import type { Info } from './common';
import { marshalTyped } from '../run/gostruct';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export interface History {
  /** The workload as read now. */
  object: Any;
  /** ReplicaSets or ControllerRevisions (with their type meta), by revision. */
  byRevision: Map<number, Any>;
  /** The pod template a revision holds, as `--revision N` describes it. */
  template(rev: Any): Any;
  /** The change cause the REVISION/CHANGE-CAUSE table shows. */
  changeCause(rev: Any): string;
  /** What `-o` prints for a revision (GetHistory): the ReplicaSet, or the workload with the revision applied. */
  printed(rev: Any): Any;
}

/** schema.GroupKind's String(): `Kind.group`, or `Kind` for the core group. */
export function groupKind(r: ApiResource): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

const HISTORY_KINDS = new Set(['apps/Deployment', 'apps/DaemonSet', 'apps/StatefulSet']);

export function hasHistory(r: ApiResource): boolean {
  return HISTORY_KINDS.has(`${r.group}/${r.kind}`);
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v ?? {}));
}

async function controlled(ctx: CmdContext, resource: string, owner: Any, namespace: string | undefined): Promise<Any[]> {
  const r = await ctx.f.discovery.resolve(resource);
  const list = await ctx.f.request({ verb: 'GET', path: collectionPath(r, namespace), query: { labelSelector: formatLabelSelector(owner.spec?.selector) } });
  return (((list.body as Any).items ?? []) as Any[]).filter((o) => (o.metadata?.ownerReferences ?? []).some((ref: Any) => ref.controller && ref.uid === owner.metadata?.uid));
}

async function deploymentHistory(ctx: CmdContext, info: Info): Promise<History> {
  const object = (await ctx.f.get(info.resource, info.name, info.namespace)) as Any;
  const byRevision = new Map<number, Any>();
  for (const rs of await controlled(ctx, 'replicasets.apps', object, info.namespace)) {
    const v = Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision']);
    if (!Number.isInteger(v)) continue;
    byRevision.set(v, { apiVersion: 'apps/v1', kind: 'ReplicaSet', ...rs });
  }
  const changeCause = (rs: Any) => rs.metadata?.annotations?.[CHANGE_CAUSE] ?? '';
  return {
    object,
    byRevision,
    changeCause,
    printed: (rs) => rs,
    // The viewer copies the ReplicaSet's change cause into the template's annotations.
    template(rs) {
      const t = clone(rs.spec?.template);
      const cause = changeCause(rs);
      if (cause) t.metadata = { ...(t.metadata ?? {}), annotations: { ...(t.metadata?.annotations ?? {}), [CHANGE_CAUSE]: cause } };
      return t;
    },
  };
}

async function revisionHistory(ctx: CmdContext, info: Info): Promise<History> {
  const object = (await ctx.f.get(info.resource, info.name, info.namespace)) as Any;
  const byRevision = new Map<number, Any>();
  for (const cr of await controlled(ctx, 'controllerrevisions.apps', object, info.namespace)) byRevision.set(Number(cr.revision ?? 0), cr);
  // The revision's data is a patch whose template carries `$patch: replace`; applied, it is the
  // template as the typed struct reads it back.
  const template = (cr: Any) => {
    const t = clone(cr.data?.spec?.template);
    delete t.$patch;
    return JSON.parse(marshalTyped(t, 'PodTemplateSpec'));
  };
  return {
    object,
    byRevision,
    changeCause: (cr) => cr.metadata?.annotations?.[CHANGE_CAUSE] ?? '',
    template,
    printed: (cr) => ({ kind: info.resource.kind, apiVersion: 'apps/v1', ...object, spec: { ...object.spec, template: template(cr) } }),
  };
}

export async function historyOf(ctx: CmdContext, info: Info, what: 'history viewer' | 'rollbacker'): Promise<History> {
  if (!hasHistory(info.resource)) throw new CmdError(`no ${what} has been implemented for "${groupKind(info.resource)}"`);
  return info.resource.kind === 'Deployment' ? deploymentHistory(ctx, info) : revisionHistory(ctx, info);
}
