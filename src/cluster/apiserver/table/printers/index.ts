// Which printer serves which resource (group/resource, as in the registry).
import type { ResourceInfo } from '../../../../api/registry';
import type { Printer } from '../printer';
import { cronJobPrinter, jobPrinter } from './batch';
import { leasePrinter, namespacePrinter, nodePrinter } from './cluster';
import { configMapPrinter, secretPrinter, serviceAccountPrinter } from './config';
import { defaultPrinter } from './default';
import { eventPrinter } from './events';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './network';
import { podPrinter } from './pods';
import { hpaPrinter, pdbPrinter } from './policy';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads';

const PRINTERS: Record<string, Printer> = {
  '/pods': podPrinter,
  '/replicationcontrollers': replicationControllerPrinter,
  '/services': servicePrinter,
  '/endpoints': endpointsPrinter,
  '/nodes': nodePrinter,
  '/namespaces': namespacePrinter,
  '/events': eventPrinter,
  '/configmaps': configMapPrinter,
  '/secrets': secretPrinter,
  '/serviceaccounts': serviceAccountPrinter,
  'apps/deployments': deploymentPrinter,
  'apps/replicasets': replicaSetPrinter,
  'apps/daemonsets': daemonSetPrinter,
  'apps/statefulsets': statefulSetPrinter,
  'apps/controllerrevisions': controllerRevisionPrinter,
  'batch/jobs': jobPrinter,
  'batch/cronjobs': cronJobPrinter,
  'autoscaling/horizontalpodautoscalers': hpaPrinter,
  'policy/poddisruptionbudgets': pdbPrinter,
  'coordination.k8s.io/leases': leasePrinter,
  'discovery.k8s.io/endpointslices': endpointSlicePrinter,
  // events.k8s.io serves the core events storage, and so its table.
  'events.k8s.io/events': eventPrinter,
};

/** The printer kube-apiserver uses for a resource; the default (Name, Created At) otherwise. */
export function printerFor(resource: Pick<ResourceInfo, 'group' | 'resource'>): Printer {
  return PRINTERS[`${resource.group}/${resource.resource}`] ?? defaultPrinter;
}
