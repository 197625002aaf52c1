// HorizontalPodAutoscalers (autoscaling/v2): SetDefaults_HorizontalPodAutoscaler and a light
// ValidateHorizontalPodAutoscaler (replica bounds, scaleTargetRef, metric types and targets).
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { isValidPathSegmentName } from '../../../../api/names';
import type { Strategy } from '../types';
import { arr, clone, ensureObj, invalidErr, isObj, notSupported, num, required, spec, str, type Obj } from './generic';

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELD: Record<string, string> = {
  ContainerResource: 'containerResource',
  External: 'external',
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
};

function scalingRules(from: unknown, defaults: Obj): Obj {
  const r: Obj = isObj(from) ? from : {};
  for (const [k, v] of Object.entries(defaults)) if (r[k] === undefined || r[k] === null) r[k] = clone(v);
  return r;
}

export function defaultHPA(obj: KubeObject): void {
  const s = spec(obj);
  if (s.minReplicas === undefined || s.minReplicas === null) s.minReplicas = 1;
  if (!arr(s.metrics).length) {
    s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  if (isObj(s.behavior)) {
    const b = s.behavior;
    b.scaleUp = scalingRules(b.scaleUp, {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    });
    b.scaleDown = scalingRules(b.scaleDown, { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
  }
}

function validateTarget(t: unknown, path: string): FieldError[] {
  if (!isObj(t)) return [required(path, 'must specify a metric target')];
  const errs: FieldError[] = [];
  const type = str(t.type);
  if (!type) errs.push(required(`${path}.type`, 'must specify a metric target type'));
  if (type && !['Utilization', 'Value', 'AverageValue'].includes(type)) {
    errs.push(invalidErr(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  }
  if (typeof t.averageUtilization === 'number' && t.averageUtilization < 1) {
    errs.push(invalidErr(`${path}.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateMetric(m: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(m.type);
  if (!type) errs.push(required(`${path}.type`, 'must specify a metric source type'));
  if (!METRIC_TYPES.includes(type)) errs.push(notSupported(`${path}.type`, type, METRIC_TYPES));
  const set = Object.entries(SOURCE_FIELD).filter(([, f]) => isObj(m[f]));
  const want = SOURCE_FIELD[type];
  if (set.some(([t]) => t !== type)) errs.push(invalidErr(path, m, 'must populate the given metric source only', 'autoscaling.MetricSpec{...}'));
  if (want && !isObj(m[want])) errs.push(required(`${path}.${want}`, 'must populate information for the given metric source'));
  if ((type === 'Resource' || type === 'ContainerResource') && isObj(m[want])) {
    const src = m[want] as Obj;
    if (!str(src.name)) errs.push(required(`${path}.${want}.name`, 'must specify a resource name'));
    if (type === 'ContainerResource' && !str(src.container)) errs.push(required(`${path}.${want}.container`, 'must specify a container'));
    errs.push(...validateTarget(src.target, `${path}.${want}.target`));
  }
  return errs;
}

export function validateHPA(obj: KubeObject): FieldError[] {
  const s = spec(obj);
  const errs: FieldError[] = [];
  const min = s.minReplicas;
  const max = num(s.maxReplicas);
  if (typeof min === 'number' && min < 1) errs.push(invalidErr('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(invalidErr('spec.maxReplicas', max, 'must be greater than 0'));
  if (typeof min === 'number' && max < min) errs.push(invalidErr('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  const ref = isObj(s.scaleTargetRef) ? s.scaleTargetRef : {};
  for (const f of ['kind', 'name']) {
    const v = str(ref[f]);
    if (!v) errs.push(required(`spec.scaleTargetRef.${f}`));
    else errs.push(...isValidPathSegmentName(v).map((m) => invalidErr(`spec.scaleTargetRef.${f}`, v, m)));
  }
  arr(s.metrics).forEach((m, i) => errs.push(...validateMetric(m, `spec.metrics[${i}]`)));
  return errs;
}

export const hpaStrategy: Strategy = {
  hasGeneration: true,
  statusSubresource: true,
  allowCreateOnUpdate: false,
  defaults(obj) {
    defaultHPA(obj);
  },
  prepareForCreate(obj) {
    obj.status = { currentMetrics: null, desiredReplicas: 0 };
    ensureObj(obj as Obj, 'spec');
  },
  validate(obj) {
    return validateHPA(obj);
  },
  validateUpdate(obj) {
    return validateHPA(obj);
  },
};
