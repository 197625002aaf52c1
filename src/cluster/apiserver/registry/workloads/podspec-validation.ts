// ValidatePodSpec, ValidatePodTemplateSpec and the validators under them, with the field paths
// and messages of k/k pkg/apis/core/validation (v1.32). Fields left unchecked are listed in the
// registry's report; everything checked here reports what kube-apiserver reports.
import type { FieldError } from '../../../../api/status';
import {
  inclusiveRangeError,
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
} from '../../../../api/names';
import { labelSelectorAsSelector } from '../../../../api/labels';
import { validateAnnotations, validateLabels } from '../../meta';
import { parseQuantityValue, quantityString, QUANTITY_FORMAT_ERROR } from './quantity';
import { VOLUME_SOURCES } from './podspec-defaults';
import {
  arr,
  asObj,
  duplicate,
  forbiddenErr,
  goLabelSelector,
  invalidErr,
  isObj,
  nonNegative,
  notFoundErr,
  notSupported,
  required,
  str,
  type Obj,
} from './util';

const MAX_INT32 = 2147483647;

export function dns1123Label(value: string, field: string): FieldError[] {
  return isDNS1123Label(value).map((m) => invalidErr(field, value, m));
}

export function dns1123Subdomain(value: string, field: string): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => invalidErr(field, value, m));
}

/** unversioned ValidateLabelSelector (strict label values). */
export function validateLabelSelector(sel: unknown, path: string): FieldError[] {
  if (!isObj(sel)) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  arr(sel.matchExpressions).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = Array.isArray(e.values) ? (e.values as unknown[]) : [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbiddenErr(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalidErr(`${p}.operator`, str(e.operator), 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(str(e.key))) errs.push(invalidErr(`${p}.key`, str(e.key), m));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(str(v))) errs.push(invalidErr(`${p}.values[${j}]`, str(v), m));
    });
  });
  return errs;
}

/** metav1.LabelSelectorAsSelector as a validation step: "invalid label selector" when it fails. */
export function selectorOrError(sel: unknown, path: string, detail = 'invalid label selector'): { selector?: ReturnType<typeof labelSelectorAsSelector>; errs: FieldError[] } {
  try {
    return { selector: labelSelectorAsSelector(sel as Parameters<typeof labelSelectorAsSelector>[0]), errs: [] };
  } catch {
    return { errs: [invalidErr(path, sel, detail, goLabelSelector(sel))] };
  }
}

// ---------------------------------------------------------------------------------------------
// Volumes

function validateVolumeSource(v: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const k of VOLUME_SOURCES) {
    if (v[k] === undefined || v[k] === null) continue;
    if (n > 0) {
      errs.push(forbiddenErr(`${path}.${k}`, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    const s = asObj(v[k]);
    switch (k) {
      case 'configMap':
        if (!s.name) errs.push(required(`${path}.configMap.name`));
        break;
      case 'secret':
        if (!s.secretName) errs.push(required(`${path}.secret.secretName`));
        break;
      case 'persistentVolumeClaim':
        if (!s.claimName) errs.push(required(`${path}.persistentVolumeClaim.claimName`));
        break;
      case 'hostPath': {
        if (!s.path) errs.push(required(`${path}.hostPath.path`));
        const types = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
        if (s.type !== undefined && s.type !== null && !types.includes(str(s.type))) {
          errs.push(notSupported(`${path}.hostPath.type`, str(s.type), types));
        }
        break;
      }
      case 'nfs':
        if (!s.server) errs.push(required(`${path}.nfs.server`));
        if (!s.path) errs.push(required(`${path}.nfs.path`));
        break;
      case 'emptyDir':
        if (s.medium !== undefined && s.medium !== null && !['', 'Memory', 'HugePages'].includes(str(s.medium)) && !str(s.medium).startsWith('HugePages-')) {
          errs.push(notSupported(`${path}.emptyDir.medium`, str(s.medium), ['', 'Memory', 'HugePages']));
        }
        break;
      default:
        break;
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: the valid volumes by name, and the errors. */
export function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  arr(volumes).forEach((v, i) => {
    const p = `${path}[${i}]`;
    const el = validateVolumeSource(asObj(v), p);
    const name = str(asObj(v).name);
    if (!name) el.push(required(`${p}.name`));
    else el.push(...dns1123Label(name, `${p}.name`));
    if (names.has(name)) el.push(duplicate(`${p}.name`, name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

// ---------------------------------------------------------------------------------------------
// Containers

const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
].sort();
const CONVERTIBLE_FIELD_LABELS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs', 'spec.host',
]);

function validateObjectFieldSelector(fs: Obj, path: string): FieldError[] {
  const apiVersion = str(fs.apiVersion);
  const fieldPath = str(fs.fieldPath);
  if (!apiVersion) return [required(`${path}.apiVersion`)];
  if (!fieldPath) return [required(`${path}.fieldPath`)];
  if (apiVersion !== 'v1') return [invalidErr(`${path}.fieldPath`, fieldPath, `error converting fieldPath: unsupported pod version: ${apiVersion}`)];
  const sub = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fieldPath) ?? /^([^[]+)\[/.exec(fieldPath);
  if (sub) {
    if (sub[1] !== 'metadata.annotations' && sub[1] !== 'metadata.labels') {
      return [invalidErr(`${path}.fieldPath`, fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`)];
    }
    return [];
  }
  if (!CONVERTIBLE_FIELD_LABELS.has(fieldPath)) {
    return [invalidErr(`${path}.fieldPath`, fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)];
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!ENV_FIELD_PATHS.includes(internal)) return [notSupported(`${path}.fieldPath`, internal, ENV_FIELD_PATHS)];
  return [];
}

function validateKeySelector(s: Obj, path: string): FieldError[] {
  const errs: FieldError[] = dns1123Subdomain(str(s.name), `${path}.name`);
  if (!s.key) errs.push(required(`${path}.key`));
  else for (const m of isConfigMapKey(str(s.key))) errs.push(invalidErr(`${path}.key`, str(s.key), m));
  return errs;
}

export function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(env).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    const name = str(ev.name);
    if (!name) errs.push(required(`${p}.name`));
    for (const m of isRelaxedEnvVarName(name)) errs.push(invalidErr(`${p}.name`, name, m));
    if (!isObj(ev.valueFrom)) return;
    const vf = ev.valueFrom;
    const vp = `${p}.valueFrom`;
    let n = 0;
    if (isObj(vf.fieldRef)) {
      n++;
      errs.push(...validateObjectFieldSelector(vf.fieldRef, `${vp}.fieldRef`));
    }
    if (isObj(vf.resourceFieldRef)) {
      n++;
      const r = str(vf.resourceFieldRef.resource);
      if (!r) errs.push(required(`${vp}.resourceFieldRef.resource`));
    }
    if (isObj(vf.configMapKeyRef)) {
      n++;
      errs.push(...validateKeySelector(vf.configMapKeyRef, `${vp}.configMapKeyRef`));
    }
    if (isObj(vf.secretKeyRef)) {
      n++;
      errs.push(...validateKeySelector(vf.secretKeyRef, `${vp}.secretKeyRef`));
    }
    if (n === 0) errs.push(invalidErr(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (str(ev.value)) errs.push(invalidErr(vp, '', 'may not be specified when `value` is not empty'));
    else if (n > 1) errs.push(invalidErr(vp, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(envFrom).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    let n = 0;
    if (ev.prefix) for (const m of isRelaxedEnvVarName(str(ev.prefix))) errs.push(invalidErr(`${p}.prefix`, str(ev.prefix), m));
    if (isObj(ev.configMapRef)) {
      n++;
      errs.push(...dns1123Subdomain(str(ev.configMapRef.name), `${p}.configMapRef.name`));
    }
    if (isObj(ev.secretRef)) {
      n++;
      errs.push(...dns1123Subdomain(str(ev.secretRef.name), `${p}.secretRef.name`));
    }
    if (n === 0) errs.push(invalidErr(p, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalidErr(p, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(mounts).forEach((m, i) => {
    const p = `${path}[${i}]`;
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(required(`${p}.name`));
    if (!volumes.has(name)) errs.push(notFoundErr(`${p}.name`, name));
    if (!mountPath) errs.push(required(`${p}.mountPath`));
    if (seen.has(mountPath)) errs.push(invalidErr(`${p}.mountPath`, mountPath, 'must be unique'));
    seen.add(mountPath);
    const sub = str(m.subPath);
    if (sub) {
      if (sub.startsWith('/')) errs.push(invalidErr(`${path}.subPath`, sub, 'must be a relative path'));
      else if (sub.split('/').includes('..')) errs.push(invalidErr(`${path}.subPath`, sub, "must not contain '..'"));
    }
  });
  return errs;
}

function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalidErr(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalidErr(path, port, m));
  return [{ type: 'InternalError', field: path, detail: `unknown type: ${typeof port === 'undefined' ? 0 : typeof port}` }];
}

function validateHandler(h: Obj, path: string, what: 'probe' | 'lifecycle'): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const kinds = what === 'probe' ? ['exec', 'httpGet', 'tcpSocket', 'grpc'] : ['exec', 'httpGet', 'tcpSocket', 'sleep'];
  for (const k of kinds) {
    if (!isObj(h[k])) continue;
    if (n > 0) {
      errs.push(forbiddenErr(`${path}.${k}`, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const s = h[k] as Obj;
    const p = `${path}.${k}`;
    if (k === 'exec') {
      if (!Array.isArray(s.command) || s.command.length === 0) errs.push(required(`${p}.command`));
    } else if (k === 'httpGet') {
      if (!s.path) errs.push(required(`${p}.path`));
      errs.push(...validatePortNumOrName(s.port, `${p}.port`));
      if (s.scheme && s.scheme !== 'HTTP' && s.scheme !== 'HTTPS') errs.push(notSupported(`${p}.scheme`, str(s.scheme), ['HTTP', 'HTTPS']));
    } else if (k === 'tcpSocket') {
      errs.push(...validatePortNumOrName(s.port, `${p}.port`));
    } else if (k === 'grpc') {
      for (const m of isValidPortNum(Number(s.port ?? 0))) errs.push(invalidErr(`${p}.port`, Number(s.port ?? 0), m));
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: unknown, path: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, path, 'probe');
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[f], `${path}.${f}`));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(invalidErr(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  if (kind === 'readiness' && tgps !== undefined && tgps !== null) {
    errs.push(invalidErr(`${path}.terminationGracePeriodSeconds`, tgps, 'must not be set for readinessProbes'));
  }
  if (kind !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errs.push(invalidErr(`${path}.successThreshold`, probe.successThreshold, 'must be 1'));
  }
  return errs;
}

function validateLifecycle(lc: unknown, path: string): FieldError[] {
  if (!isObj(lc)) return [];
  const errs: FieldError[] = [];
  if (isObj(lc.postStart)) errs.push(...validateHandler(lc.postStart, `${path}.postStart`, 'lifecycle'));
  if (isObj(lc.preStop)) errs.push(...validateHandler(lc.preStop, `${path}.preStop`, 'lifecycle'));
  return errs;
}

function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((port, i) => {
    const p = `${path}[${i}]`;
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalidErr(`${p}.name`, name, m));
      else if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
      else names.add(name);
    }
    const cp = Number(port.containerPort ?? 0);
    if (cp === 0) errs.push(required(`${p}.containerPort`));
    else for (const m of isValidPortNum(cp)) errs.push(invalidErr(`${p}.containerPort`, cp, m));
    const hp = Number(port.hostPort ?? 0);
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(invalidErr(`${p}.hostPort`, hp, m));
    const proto = str(port.protocol);
    if (!proto) errs.push(required(`${p}.protocol`));
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(`${p}.protocol`, proto, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalidErr(path, name, m));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
      errs.push(invalidErr(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name)) {
    if (name.startsWith('requests.')) errs.push(invalidErr(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

function validateQuantity(name: string, q: unknown, path: string): { value?: number; errs: FieldError[] } {
  const value = parseQuantityValue(q);
  if (value === undefined) return { errs: [invalidErr(path, quantityString(q), QUANTITY_FORMAT_ERROR)] };
  const errs: FieldError[] = [];
  if (value < 0) errs.push(invalidErr(path, quantityString(q), 'must be greater than or equal to 0'));
  const integer = name.startsWith('hugepages-') ? false : !isNativeResource(name);
  if (integer && Math.round(value * 1000) % 1000 !== 0) errs.push(invalidErr(path, quantityString(q), 'must be an integer'));
  return { value, errs };
}

/** ValidateResourceRequirements for a container. */
export function validateResources(res: unknown, path: string): FieldError[] {
  const r = asObj(res);
  const errs: FieldError[] = [];
  const limits = asObj(r.limits);
  const requests = asObj(r.requests);
  const limPath = `${path}.limits`;
  const reqPath = `${path}.requests`;
  const limitValues: Record<string, number | undefined> = {};
  for (const [name, q] of Object.entries(limits)) {
    const p = `${limPath}[${name}]`;
    errs.push(...validateResourceName(name, p));
    const v = validateQuantity(name, q, p);
    errs.push(...v.errs);
    limitValues[name] = v.value;
  }
  for (const [name, q] of Object.entries(requests)) {
    const p = `${reqPath}[${name}]`;
    errs.push(...validateResourceName(name, p));
    const v = validateQuantity(name, q, p);
    errs.push(...v.errs);
    const overcommit = isNativeResource(name) && !name.startsWith('hugepages-');
    if (name in limits) {
      const lim = limitValues[name];
      if (v.value === undefined || lim === undefined) continue;
      if (!overcommit && v.value !== lim) {
        errs.push(invalidErr(reqPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(limits[name])}`));
      } else if (v.value > lim) {
        errs.push(invalidErr(reqPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(limits[name])}`));
      }
    } else if (!overcommit) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

function validateContainerCommon(c: Obj, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(`${path}.name`));
  else errs.push(...dns1123Label(name, `${path}.name`));
  if (!str(c.image)) errs.push(required(`${path}.image`));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(required(`${path}.terminationMessagePolicy`, "must be 'File' or 'FallbackToLogsOnError'"));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, `${path}.volumeMounts`));
  const pp = str(c.imagePullPolicy);
  if (!pp) errs.push(required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pp)) errs.push(notSupported(`${path}.imagePullPolicy`, pp, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResources(c.resources, `${path}.resources`));
  return errs;
}

function validateContainers(containers: unknown, volumes: Set<string>, path: string): FieldError[] {
  const list = arr(containers);
  if (list.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c0, i) => {
    const c = asObj(c0);
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else names.add(name);
    errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
    errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, 'readiness'));
    errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`, 'startup'));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) errs.push(forbiddenErr(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  // checkHostPortConflicts
  const seen = new Set<string>();
  list.forEach((c, ci) => {
    arr(c.ports).forEach((port, pi) => {
      const hp = Number(port.hostPort ?? 0);
      if (!hp) return;
      const key = `${str(port.protocol)}/${str(port.hostIP)}/${hp}`;
      if (seen.has(key)) errs.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateInitContainers(inits: unknown, containers: unknown, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(arr(containers).map((c) => str(c.name)));
  arr(inits).forEach((c0, i) => {
    const c = asObj(c0);
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else names.add(name);
    const rp = c.restartPolicy;
    if (rp !== undefined && rp !== null && rp !== 'Always') errs.push(notSupported(`${p}.restartPolicy`, str(rp), ['Always']));
    if (rp === 'Always') {
      errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
      errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`, 'startup'));
    } else {
      if (c.lifecycle) errs.push(forbiddenErr(`${p}.lifecycle`, 'may not be set for init containers without restartPolicy=Always'));
      if (c.livenessProbe) errs.push(forbiddenErr(`${p}.livenessProbe`, 'may not be set for init containers without restartPolicy=Always'));
      if (c.readinessProbe) errs.push(forbiddenErr(`${p}.readinessProbe`, 'may not be set for init containers without restartPolicy=Always'));
      if (c.startupProbe) errs.push(forbiddenErr(`${p}.startupProbe`, 'may not be set for init containers without restartPolicy=Always'));
    }
  });
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Tolerations

export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const key = str(t.key);
    const op = str(t.operator);
    if (key) for (const m of isQualifiedName(key)) errs.push(invalidErr(`${p}.key`, key, m));
    if (!key && op !== 'Exists') {
      errs.push(invalidErr(`${p}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalidErr(`${p}.effect`, str(t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal':
      case '':
        for (const m of isValidLabelValue(str(t.value))) errs.push(invalidErr(`${p}.operator`, str(t.value), m));
        break;
      case 'Exists':
        if (str(t.value)) {
          errs.push(invalidErr(`${p}.operator`, t, "value must be empty when `operator` is 'Exists'", `core.Toleration{Key:${JSON.stringify(key)}, Operator:"Exists", Value:${JSON.stringify(str(t.value))}, Effect:${JSON.stringify(str(t.effect))}, TolerationSeconds:(*int64)(nil)}`));
        }
        break;
      default:
        errs.push(notSupported(`${p}.operator`, op, ['Equal', 'Exists']));
    }
    const eff = str(t.effect);
    if (eff && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(eff)) {
      errs.push(notSupported(`${p}.effect`, eff, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
  });
  return errs;
}

// ---------------------------------------------------------------------------------------------
// PodSpec

/** ValidatePodSpec. */
export function validatePodSpec(spec0: unknown, path: string): FieldError[] {
  const spec = asObj(spec0);
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(required(`${path}.terminationGracePeriodSeconds`, 'must be set'));
  }
  const vols = validateVolumes(spec.volumes, `${path}.volumes`);
  errs.push(...vols.errs);
  errs.push(...validateContainers(spec.containers, vols.names, `${path}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, vols.names, `${path}.initContainers`));
  const rp = str(spec.restartPolicy);
  if (!rp) errs.push(required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(notSupported(`${path}.restartPolicy`, rp, ['Always', 'OnFailure', 'Never']));
  const dp = str(spec.dnsPolicy);
  if (!dp) errs.push(required(`${path}.dnsPolicy`));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dp)) {
    errs.push(notSupported(`${path}.dnsPolicy`, dp, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  }
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  if (dp === 'None') {
    if (!isObj(spec.dnsConfig)) errs.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if (arr(spec.dnsConfig.nameservers).length === 0) {
      errs.push(required(`${path}.dnsConfig.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
    }
  }
  const sa = str(spec.serviceAccountName);
  if (sa) errs.push(...dns1123Subdomain(sa, `${path}.serviceAccountName`));
  const node = str(spec.nodeName);
  if (node) errs.push(...dns1123Subdomain(node, `${path}.nodeName`));
  if (typeof spec.activeDeadlineSeconds === 'number') {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32) errs.push(invalidErr(`${path}.activeDeadlineSeconds`, v, inclusiveRangeError(1, MAX_INT32)));
  }
  if (str(spec.hostname)) errs.push(...dns1123Label(str(spec.hostname), `${path}.hostname`));
  if (str(spec.subdomain)) errs.push(...dns1123Label(str(spec.subdomain), `${path}.subdomain`));
  if (arr(spec.tolerations).length) errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  if (str(spec.priorityClassName)) errs.push(...dns1123Subdomain(str(spec.priorityClassName), `${path}.priorityClassName`));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && !['PreemptLowerPriority', 'Never'].includes(str(spec.preemptionPolicy))) {
    errs.push(notSupported(`${path}.preemptionPolicy`, str(spec.preemptionPolicy), ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: note the labels path is `<template>.labels`, as upstream reports it. */
export function validatePodTemplateSpec(tmpl0: unknown, path: string): FieldError[] {
  const tmpl = asObj(tmpl0);
  const meta = asObj(tmpl.metadata);
  const errs = [...validateLabels(meta.labels, `${path}.labels`), ...validateAnnotations(meta.annotations, `${path}.annotations`)];
  const spec = asObj(tmpl.spec);
  errs.push(...validatePodSpec(spec, `${path}.spec`));
  if (arr(spec.ephemeralContainers).length > 0) errs.push(forbiddenErr(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  return errs;
}
