// apps workloads and the ReplicationController: deployments, replicasets, replicationcontrollers,
// daemonsets, statefulsets, controllerrevisions.
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { ReplicationController } from 'kubernetes-types/core/v1';
import { formatLabels, formatLabelSelector, labelSelectorAsSelector, selectorString } from '../../../../api/labels';
import { parseApiVersion } from '../../../../api/registry';
import { DOC } from '../descriptions';
import {
  age,
  AGE_COLUMN,
  as,
  col,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  layoutContainerCells,
  NAME_COLUMN,
  nameOf,
  type Printer,
} from '../printer';

/**
 * spec.replicas as the internal object has it. Objects are decoded from storage with defaulting,
 * which sets a missing replicas to 1 for all four replicated kinds.
 */
function replicas(spec: { replicas?: number } | undefined): number {
  return spec?.replicas ?? 1;
}

export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', DOC.DeploymentStatus_updatedReplicas),
    col('Available', 'string', DOC.DeploymentStatus_availableReplicas),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.DeploymentSpec_selector, 1),
  ],
  print(obj, ctx) {
    const d = as<Deployment>(obj);
    const status = d.status ?? {};
    // printDeployment uses selector.String() itself: "" for an empty selector, <invalid> on error.
    let selector: string;
    try {
      selector = selectorString(labelSelectorAsSelector(d.spec?.selector));
    } catch {
      selector = '<invalid>';
    }
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(obj),
        `${status.readyReplicas ?? 0}/${replicas(d.spec)}`,
        status.updatedReplicas ?? 0,
        status.availableReplicas ?? 0,
        age(obj, ctx),
        names,
        images,
        selector,
      ],
    };
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Desired', 'integer', DOC.ReplicaSetSpec_replicas),
    col('Current', 'integer', DOC.ReplicaSetStatus_replicas),
    col('Ready', 'integer', DOC.ReplicaSetStatus_readyReplicas),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.ReplicaSetSpec_selector, 1),
  ],
  print(obj, ctx) {
    const rs = as<ReplicaSet>(obj);
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(obj),
        replicas(rs.spec),
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        age(obj, ctx),
        names,
        images,
        formatLabelSelector(rs.spec?.selector),
      ],
    };
  },
};

export const replicationControllerPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Desired', 'integer', DOC.ReplicationControllerSpec_replicas),
    col('Current', 'integer', DOC.ReplicationControllerStatus_replicas),
    col('Ready', 'integer', DOC.ReplicationControllerStatus_readyReplicas),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.ReplicationControllerSpec_selector, 1),
  ],
  print(obj, ctx) {
    const rc = as<ReplicationController>(obj);
    const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(obj),
        replicas(rc.spec),
        rc.status?.replicas ?? 0,
        rc.status?.readyReplicas ?? 0,
        age(obj, ctx),
        names,
        images,
        formatLabels(rc.spec?.selector),
      ],
    };
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Desired', 'integer', DOC.DaemonSetStatus_desiredNumberScheduled),
    col('Current', 'integer', DOC.DaemonSetStatus_currentNumberScheduled),
    col('Ready', 'integer', DOC.DaemonSetStatus_numberReady),
    col('Up-to-date', 'integer', DOC.DaemonSetStatus_updatedNumberScheduled),
    col('Available', 'integer', DOC.DaemonSetStatus_numberAvailable),
    col('Node Selector', 'string', DOC.PodSpec_nodeSelector),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.DaemonSetSpec_selector, 1),
  ],
  print(obj, ctx) {
    const ds = as<DaemonSet>(obj);
    const s = ds.status;
    const [names, images] = layoutContainerCells(ds.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(obj),
        s?.desiredNumberScheduled ?? 0,
        s?.currentNumberScheduled ?? 0,
        s?.numberReady ?? 0,
        s?.updatedNumberScheduled ?? 0,
        s?.numberAvailable ?? 0,
        formatLabels(ds.spec?.template?.spec?.nodeSelector),
        age(obj, ctx),
        names,
        images,
        formatLabelSelector(ds.spec?.selector),
      ],
    };
  },
};

export const statefulSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Ready', 'string', 'Number of the pod with ready state'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
  ],
  print(obj, ctx) {
    const sts = as<StatefulSet>(obj);
    const [names, images] = layoutContainerCells(sts.spec?.template?.spec?.containers);
    return {
      cells: [nameOf(obj), `${sts.status?.readyReplicas ?? 0}/${replicas(sts.spec)}`, age(obj, ctx), names, images],
    };
  },
};

/** formatResourceName(GroupKind, name, true): `statefulset.apps/web`, `pod/x` for the core group. */
function formatResourceName(apiVersion: string, kind: string, name: string): string {
  const { group } = parseApiVersion(apiVersion);
  if (!kind && !group) return name;
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${name}`;
}

export const controllerRevisionPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Controller', 'string', 'Controller of the object'),
    col('Revision', 'string', DOC.ControllerRevision_revision),
    AGE_COLUMN,
  ],
  print(obj, ctx) {
    const cr = as<ControllerRevision>(obj);
    const ref = (cr.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
    const controller = ref ? formatResourceName(ref.apiVersion, ref.kind, ref.name) : '<none>';
    return { cells: [nameOf(obj), controller, cr.revision ?? 0, age(obj, ctx)] };
  },
};
