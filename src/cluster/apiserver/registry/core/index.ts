// The core kinds' strategies (and a few small API-group kinds), keyed by `resource[.group]`.
import type { StrategyTable } from '../types';
import { serviceStrategy } from './service';
import { namespaceStrategy } from './namespace';
import { nodeStrategy } from './node';
import { configMapStrategy } from './configmap';
import { secretStrategy } from './secret';
import { serviceAccountStrategy } from './serviceaccount';
import { endpointsStrategy } from './endpoints';
import { endpointSliceStrategy } from './endpointslice';
import { eventStrategy, eventsV1Strategy } from './event';
import { leaseStrategy } from './lease';
import { controllerRevisionStrategy } from './controllerrevision';
import { hpaStrategy } from './autoscaling';
import { pdbStrategy } from './policy';
import { genericStrategy } from './generic';

export const coreStrategies: StrategyTable = {
  services: serviceStrategy,
  namespaces: namespaceStrategy,
  nodes: nodeStrategy,
  configmaps: configMapStrategy,
  secrets: secretStrategy,
  serviceaccounts: serviceAccountStrategy,
  endpoints: endpointsStrategy,
  'endpointslices.discovery.k8s.io': endpointSliceStrategy,
  events: eventStrategy,
  'events.events.k8s.io': eventsV1Strategy,
  'leases.coordination.k8s.io': leaseStrategy,
  'controllerrevisions.apps': controllerRevisionStrategy,
  'horizontalpodautoscalers.autoscaling': hpaStrategy,
  'poddisruptionbudgets.policy': pdbStrategy,
};

export { genericStrategy };
export { namespaceStrategy, namespaceDelete, type NamespaceDeleteAction, type NamespaceHooks } from './namespace';
export { serviceStrategy } from './service';
export { SERVICE_CIDR, NODE_PORT_RANGE_STRING } from './service-alloc';
export { base64Decode, base64Encode, base64EncodeString } from './generic';
