// Nodes (cluster-scoped): podCIDR/podCIDRs kept in step, taints validated, podCIDRs and
// providerID immutable once set (ValidateNode / ValidateNodeUpdate, v1.32).
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { isQualifiedName, isValidLabelValue } from '../../../../api/names';
import type { Strategy } from '../types';
import { arr, asObj, clone, duplicate, forbidden, invalidErr, isIPv6String, isObj, notSupported, required, str, strs, validCIDR, type Obj } from './generic';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** The v1 <-> internal conversion keeps podCIDR equal to podCIDRs[0]. */
export function defaultNode(obj: KubeObject): void {
  if (!isObj(obj.spec)) return;
  const s = obj.spec;
  const cidrs = strs(s.podCIDRs);
  if (s.podCIDR && !cidrs.length) s.podCIDRs = [str(s.podCIDR)];
  else if (cidrs.length && s.podCIDR !== cidrs[0]) s.podCIDR = cidrs[0];
  // SetDefaults_NodeStatus: allocatable defaults to capacity.
  if (isObj(obj.status) && isObj(obj.status.capacity) && obj.status.allocatable === undefined) {
    obj.status.allocatable = clone(obj.status.capacity);
  }
}

function goTaint(t: Obj): string {
  const added = t.timeAdded ? `time.Date(${str(t.timeAdded)})` : '<nil>';
  return `core.Taint{Key:${JSON.stringify(str(t.key))}, Value:${JSON.stringify(str(t.value))}, Effect:${JSON.stringify(str(t.effect))}, TimeAdded:${added}}`;
}

/** validateNodeTaints. The path is `metadata.taints`, as ValidateNode passes it. */
export function validateNodeTaints(taints: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const idx = `${path}[${i}]`;
    const key = str(t.key);
    errs.push(...isQualifiedName(key).map((m) => invalidErr(`${idx}.key`, key, m)));
    const value = str(t.value);
    const vErrs = isValidLabelValue(value);
    if (vErrs.length) errs.push(invalidErr(`${idx}.value`, value, vErrs.join(';')));
    const effect = str(t.effect);
    if (!effect) errs.push(required(`${idx}.effect`));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(`${idx}.effect`, effect, TAINT_EFFECTS));
    const seen = unique.get(effect);
    if (seen?.has(key)) {
      errs.push({ ...duplicate(idx, t, goTaint(t)), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    if (!seen) unique.set(effect, new Set([key]));
    else seen.add(key);
  });
  return errs;
}

export function validateNode(obj: KubeObject): FieldError[] {
  const s = asObj(obj.spec);
  const errs: FieldError[] = [];
  const taints = arr(s.taints);
  if (taints.length) errs.push(...validateNodeTaints(taints, 'metadata.taints'));
  const cidrs = strs(s.podCIDRs);
  if (cidrs.length) {
    cidrs.forEach((c, i) => errs.push(...validCIDR(c, `spec.podCIDRs[${i}]`)));
    if (cidrs.length > 1) {
      const v6 = cidrs.map((c) => isIPv6String(c.split('/')[0]));
      const dual = cidrs.length === 2 && v6[0] !== v6[1];
      if (!dual) {
        errs.push(invalidErr('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family', `[]string{${cidrs.map((c) => JSON.stringify(c)).join(', ')}}`));
      }
      const seen = new Set<string>();
      cidrs.forEach((c, i) => {
        if (seen.has(c)) errs.push(duplicate(`spec.podCIDRs[${i}]`, c));
        seen.add(c);
      });
    }
  }
  return errs;
}

const PODCIDR_FORBIDDEN = 'node updates may not change podCIDR except from "" to valid';

export function validateNodeUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const s = asObj(obj.spec);
  const o = asObj(old.spec);
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(isObj(obj.status) ? obj.status.addresses : undefined).forEach((a, i) => {
    const key = `${str(a.type)}/${str(a.address)}`;
    if (seen.has(key)) {
      errs.push(duplicate(`status.addresses[${i}]`, a, `core.NodeAddress{Type:${JSON.stringify(str(a.type))}, Address:${JSON.stringify(str(a.address))}}`));
    }
    seen.add(key);
  });
  const oldCidrs = strs(o.podCIDRs);
  const cidrs = strs(s.podCIDRs);
  if (oldCidrs.length) {
    if (oldCidrs.length !== cidrs.length) errs.push(forbidden('spec.podCIDRs', PODCIDR_FORBIDDEN));
    else oldCidrs.forEach((c, i) => {
      if (c !== cidrs[i]) errs.push(forbidden('spec.podCIDRs', PODCIDR_FORBIDDEN));
    });
  }
  if (str(o.providerID) && str(o.providerID) !== str(s.providerID)) {
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  if (str(o.externalID) !== str(s.externalID)) errs.push(forbidden('spec.externalID', 'may not be updated'));
  const taints = arr(s.taints);
  if (taints.length) errs.push(...validateNodeTaints(taints, 'metadata.taints'));
  return errs;
}

export const nodeStrategy: Strategy = {
  statusSubresource: true,
  allowCreateOnUpdate: false,
  defaults(obj) {
    defaultNode(obj);
  },
  validate(obj) {
    return validateNode(obj);
  },
  validateUpdate(obj, old) {
    // ValidateNodeUpdate checks the podCIDRs of the new object only through the immutability rule.
    return validateNodeUpdate(obj, old);
  },
  validateStatusUpdate(obj, old) {
    return validateNodeUpdate(obj, old);
  },
};
