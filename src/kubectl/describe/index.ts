// describe.DescriberFor: the describer of each kind kubectl has one for; any other kind the
// server serves gets the generic describer.
import type { ApiResource } from '../discovery';
import { objectPath } from '../factory';
import { describeConfigMapByName, describeNamespaceByName, describeSecretByName, describeServiceAccountByName } from './config';
import type { Describer } from './context';
import { describePodDisruptionBudgetByName, genericDescriber } from './generic';
import { describeHorizontalPodAutoscalerByName } from './hpa';
import { describeNodeByName } from './node';
import { describePodByName } from './pod';
import { describeEndpointSliceByName, describeEndpointsByName, describeServiceByName } from './service';
import {
  describeCronJobByName,
  describeDaemonSetByName,
  describeDeploymentByName,
  describeJobByName,
  describeReplicaSetByName,
  describeReplicationControllerByName,
  describeStatefulSetByName,
} from './workloads';

export type { DescribeContext, DescriberSettings, Describer } from './context';

const DESCRIBERS: Record<string, Describer> = {
  '/Pod': describePodByName,
  '/ReplicationController': describeReplicationControllerByName,
  '/Secret': describeSecretByName,
  '/Service': describeServiceByName,
  '/ServiceAccount': describeServiceAccountByName,
  '/Node': describeNodeByName,
  '/Namespace': describeNamespaceByName,
  '/Endpoints': describeEndpointsByName,
  '/ConfigMap': describeConfigMapByName,
  'discovery.k8s.io/EndpointSlice': describeEndpointSliceByName,
  'apps/Deployment': describeDeploymentByName,
  'apps/ReplicaSet': describeReplicaSetByName,
  'apps/DaemonSet': describeDaemonSetByName,
  'apps/StatefulSet': describeStatefulSetByName,
  'batch/Job': describeJobByName,
  'batch/CronJob': describeCronJobByName,
  'policy/PodDisruptionBudget': describePodDisruptionBudgetByName,
  'autoscaling/HorizontalPodAutoscaler': describeHorizontalPodAutoscalerByName,
};

export function describerFor(r: ApiResource): Describer {
  return DESCRIBERS[`${r.group}/${r.kind}`] ?? genericDescriber((ns, name) => objectPath(r, name, r.namespaced ? ns : undefined), r.kind);
}
