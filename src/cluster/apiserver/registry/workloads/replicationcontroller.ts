// ReplicationControllers (core/v1): the v1 defaulting that copies template labels into the
// selector and the object's labels, ValidateReplicationController, the strategy.
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { selectorFromSet } from '../../../../api/labels';
import type { Strategy } from '../types';
import { defaultPodTemplate } from './podspec-defaults';
import { validateControllerTemplate } from './replicaset';
import { validateReplicaSetStatus } from './replicaset';
import { keepSpecAndLabels, keepStatusBumpGeneration, resetStatus } from './common';
import { asObj, clone, isObj, labelsOf, nonNegative, required, type Obj } from './util';

export function defaultReplicationController(obj: KubeObject): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec as Obj;
  const tmpl = isObj(spec.template) ? spec.template : undefined;
  const labels = tmpl && isObj(asObj(tmpl.metadata).labels) ? (asObj(tmpl.metadata).labels as Record<string, string>) : undefined;
  if (labels) {
    if (!isObj(spec.selector) || Object.keys(spec.selector).length === 0) spec.selector = clone(labels);
    if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = clone(labels);
  }
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (tmpl) defaultPodTemplate(tmpl);
}

export function validateReplicationControllerSpec(spec0: unknown, path = 'spec'): FieldError[] {
  const spec = asObj(spec0);
  const errs = [...nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`)];
  const selMap = labelsOf(spec.selector);
  if (Object.keys(selMap).length === 0) errs.push(required(`${path}.selector`));
  errs.push(...nonNegative(spec.replicas, `${path}.replicas`));
  errs.push(...validateControllerTemplate(spec.template, selectorFromSet(selMap), `${path}.template`, 'ReplicationController'));
  return errs;
}

export const replicationControllerStrategy: Strategy = {
  defaults: defaultReplicationController,
  prepareForCreate(obj) {
    resetStatus(obj);
    obj.metadata.generation = 1;
  },
  prepareForUpdate(obj, old) {
    keepStatusBumpGeneration(obj, old);
  },
  validate(obj) {
    return validateReplicationControllerSpec(obj.spec);
  },
  validateUpdate(obj) {
    return validateReplicationControllerSpec(obj.spec);
  },
  prepareForStatusUpdate: keepSpecAndLabels,
  validateStatusUpdate(obj) {
    return validateReplicaSetStatus(obj.status);
  },
  hasGeneration: true,
  statusSubresource: true,
};
