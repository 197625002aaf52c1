// Pods: v1 defaulting, the mutating admission a v1.32 kube-apiserver runs on pod create
// (ServiceAccount, DefaultTolerationSeconds, Priority), the pod strategy (initial status, QoS)
// and ValidatePodCreate / ValidatePodUpdate.
import type { KubeObject } from '../../../../api/types';
import { forbidden, type FieldError } from '../../../../api/status';
import type { Strategy, StrategyContext } from '../types';
import { defaultPod } from './podspec-defaults';
import { validatePodSpec, validateTolerations } from './podspec-validation';
import { computePodQOS } from './qos';
import { arr, asObj, clone, forbiddenErr, invalidErr, isObj, required, semanticEqual, str, type Obj } from './util';

const POD_GR = { group: '', resource: 'pods' };
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const MAX_INT32 = 2147483647;

function specOf(pod: KubeObject): Obj {
  if (!isObj(pod.spec)) pod.spec = {};
  return pod.spec as Obj;
}

/** The projected volume the ServiceAccount admission plugin adds (TokenVolumeSource). */
export function tokenVolumeSource(): Obj {
  return {
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
    defaultMode: 420,
  };
}

/** plugin/pkg/admission/serviceaccount on create. */
export function admitServiceAccount(pod: KubeObject, ctx: StrategyContext): void {
  const spec = specOf(pod);
  const ns = pod.metadata.namespace ?? '';
  // Mirror pods (static pods from a kubelet) are left alone.
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const saName = str(spec.serviceAccountName);
  const sa = ctx.get('serviceaccounts', ns, saName);
  // The simulated cluster may run without service accounts at all; only insist on one when the
  // namespace has some (the token controller's world).
  if (!sa && ctx.list('serviceaccounts', ns).length > 0) {
    throw forbidden(POD_GR, pod.metadata.name ?? '', `error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`);
  }
  if (arr(spec.ephemeralContainers).length > 0) return;
  let automount = true;
  if (typeof spec.automountServiceAccountToken === 'boolean') automount = spec.automountServiceAccountToken;
  else if (sa && typeof sa.automountServiceAccountToken === 'boolean') automount = sa.automountServiceAccountToken;
  if (!automount) return;

  const volumes = arr(spec.volumes);
  let volumeName = '';
  let hasVolume = false;
  for (const v of volumes) {
    if (str(v.name).startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX)) {
      volumeName = str(v.name);
      hasVolume = true;
      break;
    }
  }
  if (!volumeName) volumeName = SERVICE_ACCOUNT_VOLUME_PREFIX + ctx.rand.nameSuffix(5);
  let needsVolume = false;
  for (const list of [spec.initContainers, spec.containers]) {
    for (const c of arr(list)) {
      const mounts = arr(c.volumeMounts);
      if (mounts.some((m) => m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
      c.volumeMounts = [...mounts, { name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH }];
      needsVolume = true;
    }
  }
  if (!hasVolume && needsVolume) spec.volumes = [...volumes, { name: volumeName, projected: tokenVolumeSource() }];
}

/** plugin/pkg/admission/defaulttolerationseconds. */
export function admitDefaultTolerationSeconds(pod: KubeObject): void {
  const spec = specOf(pod);
  const tolerations = arr(spec.tolerations);
  let notReady = false;
  let unreachable = false;
  for (const t of tolerations) {
    const key = str(t.key);
    const noExec = t.effect === 'NoExecute' || !str(t.effect);
    if ((key === 'node.kubernetes.io/not-ready' || !key) && noExec) notReady = true;
    if ((key === 'node.kubernetes.io/unreachable' || !key) && noExec) unreachable = true;
  }
  const out = [...tolerations];
  if (!notReady) out.push({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (!unreachable) out.push({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  spec.tolerations = out;
}

const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** plugin/pkg/admission/priority on pod create. */
export function admitPriority(pod: KubeObject, ctx: StrategyContext): void {
  const spec = specOf(pod);
  const name = str(spec.priorityClassName);
  let priority = 0;
  let policy: string | undefined;
  if (!name) {
    const def = ctx
      .list('priorityclasses.scheduling.k8s.io')
      .filter((pc) => (pc as Obj).globalDefault === true)
      .sort((a, b) => Number((a as Obj).value ?? 0) - Number((b as Obj).value ?? 0))[0];
    if (def) {
      spec.priorityClassName = def.metadata.name;
      priority = Number((def as Obj).value ?? 0);
      policy = str((def as Obj).preemptionPolicy) || undefined;
    }
  } else {
    const pc = ctx.get('priorityclasses.scheduling.k8s.io', '', name);
    if (pc) {
      priority = Number((pc as Obj).value ?? 0);
      policy = str((pc as Obj).preemptionPolicy) || undefined;
    } else if (name in SYSTEM_PRIORITY_CLASSES) {
      priority = SYSTEM_PRIORITY_CLASSES[name];
    } else {
      throw forbidden(POD_GR, pod.metadata.name ?? '', `no PriorityClass with name ${name} was found`);
    }
  }
  if (typeof spec.priority === 'number' && spec.priority !== priority) {
    throw forbidden(
      POD_GR,
      pod.metadata.name ?? '',
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (spec.preemptionPolicy === undefined || spec.preemptionPolicy === null) spec.preemptionPolicy = policy ?? 'PreemptLowerPriority';
}

/** Pod strategy PrepareForCreate: the initial status. */
export function initialPodStatus(pod: KubeObject): Obj {
  const spec = asObj(pod.spec);
  const status: Obj = { phase: 'Pending', qosClass: computePodQOS(spec) };
  if (arr(spec.schedulingGates).length > 0) {
    status.conditions = [
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' },
    ];
  }
  return status;
}

/** ValidatePodCreate. */
export function validatePod(pod: KubeObject): FieldError[] {
  const spec = asObj(pod.spec);
  const errs = validatePodSpec(spec, 'spec');
  if (arr(spec.ephemeralContainers).length > 0) errs.push(forbiddenErr('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) && arr(spec.schedulingGates).length > 0) {
    errs.push(forbiddenErr('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

const GO_FIELD_NAMES: Record<string, string> = {
  serviceAccount: 'DeprecatedServiceAccount',
  hostPID: 'HostPID',
  hostIPC: 'HostIPC',
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  os: 'OS',
};

function goFieldName(k: string): string {
  return GO_FIELD_NAMES[k] ?? k.charAt(0).toUpperCase() + k.slice(1);
}

function goish(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  return JSON.stringify(v);
}

/**
 * An approximation of the cmp.Diff kube-apiserver appends (go-cmp's output is deliberately
 * unstable, so no client can depend on its exact text): the changed top-level PodSpec fields.
 */
export function podSpecDiff(oldSpec: Obj, newSpec: Obj): string {
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])];
  const lines = ['  core.PodSpec{'];
  let same = 0;
  for (const k of keys) {
    if (semanticEqual(oldSpec[k], newSpec[k])) {
      same++;
      continue;
    }
    if (same) lines.push(`  \t... // ${same} identical fields`);
    same = 0;
    const name = goFieldName(k);
    if (oldSpec[k] !== undefined) lines.push(`- \t${name}: ${goish(oldSpec[k])},`);
    if (newSpec[k] !== undefined) lines.push(`+ \t${name}: ${goish(newSpec[k])},`);
  }
  if (same) lines.push(`  \t... // ${same} identical fields`);
  lines.push('  }');
  return lines.join('\n') + '\n';
}

function validateContainerUpdates(next: unknown, prev: unknown, path: string): { errs: FieldError[]; stop: boolean } {
  const a = arr(next);
  const b = arr(prev);
  if (a.length !== b.length) return { errs: [forbiddenErr(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  a.forEach((c, i) => {
    const image = str(c.image);
    if (!image) errs.push(required(`${path}[${i}].image`));
    if (image.trim().length !== image.length) errs.push(invalidErr(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(next: unknown, prev: unknown, path: string): FieldError[] {
  const nt = arr(next);
  for (const old of arr(prev)) {
    const found = nt.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbiddenErr(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(nt, path);
}

/** ValidatePodUpdate (after the metadata checks the generic layer does). */
export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const spec = asObj(pod.spec);
  const errs = validatePodSpec(spec, 'spec');
  const oldSpec = asObj(old.spec);
  for (const [f] of [['containers'], ['initContainers']]) {
    const r = validateContainerUpdates(spec[f], oldSpec[f], `spec.${f}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(invalidErr('spec.activeDeadlineSeconds', ads, `must be between 0 and ${MAX_INT32}, inclusive`));
      return errs;
    }
    if (typeof oldSpec.activeDeadlineSeconds === 'number' && oldSpec.activeDeadlineSeconds < ads) {
      errs.push(invalidErr('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (typeof oldSpec.activeDeadlineSeconds === 'number') {
    errs.push(invalidErr('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, 'spec.tolerations'));
  const oldGates = arr(oldSpec.schedulingGates).map((g) => str(g.name));
  for (const g of arr(spec.schedulingGates)) {
    if (!oldGates.includes(str(g.name))) {
      errs.push(forbiddenErr('spec.schedulingGates', 'only deletion is allowed, but found new scheduling gate \'' + str(g.name) + "'"));
      break;
    }
  }
  if (semanticEqual(spec, oldSpec)) return errs;
  const munged = clone(spec);
  const mungeImages = (f: string) => {
    const list = arr(munged[f]);
    list.forEach((c, i) => {
      c.image = arr(oldSpec[f])[i]?.image;
    });
  };
  mungeImages('containers');
  mungeImages('initContainers');
  if (oldSpec.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  else munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  if (oldSpec.schedulingGates === undefined) delete munged.schedulingGates;
  else munged.schedulingGates = clone(oldSpec.schedulingGates);
  if (oldSpec.tolerations === undefined) delete munged.tolerations;
  else munged.tolerations = clone(oldSpec.tolerations);
  const oldTgps = oldSpec.terminationGracePeriodSeconds;
  if (typeof oldTgps === 'number' && oldTgps < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldTgps;
  if (oldGates.length > 0) {
    // Gated pods may gain nodeSelector entries and affinity terms; accept those changes here.
    munged.nodeSelector = clone(oldSpec.nodeSelector);
    munged.affinity = clone(oldSpec.affinity);
    if (munged.nodeSelector === undefined) delete munged.nodeSelector;
    if (munged.affinity === undefined) delete munged.affinity;
  }
  if (!semanticEqual(munged, oldSpec)) {
    errs.push(forbiddenErr('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${podSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}

export const podStrategy: Strategy = {
  defaults(obj) {
    defaultPod(obj as Obj as KubeObject & Obj);
  },
  prepareForCreate(obj, ctx) {
    // Mutating admission first (as the handler runs it before BeforeCreate), then the strategy.
    admitServiceAccount(obj, ctx);
    admitDefaultTolerationSeconds(obj);
    admitPriority(obj, ctx);
    const spec = specOf(obj);
    // A negative grace period is stored as 1 (pod strategy's mutation on create).
    if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0) spec.terminationGracePeriodSeconds = 1;
    obj.status = initialPodStatus(obj);
    delete obj.metadata.generation;
  },
  prepareForUpdate(obj, old) {
    obj.status = old.status === undefined ? {} : clone(old.status);
    delete obj.metadata.generation;
  },
  validate(obj) {
    return validatePod(obj);
  },
  validateUpdate(obj, old) {
    return validatePodUpdate(obj, old);
  },
  prepareForStatusUpdate(obj, old) {
    // The stored (immutable) values themselves: nothing after this point writes to them, and the
    // store then shares them with the new version instead of copying and comparing them.
    obj.spec = old.spec;
    if (old.metadata.ownerReferences === undefined) delete obj.metadata.ownerReferences;
    else obj.metadata.ownerReferences = old.metadata.ownerReferences;
    if (obj.status === undefined) obj.status = {};
  },
  validateStatusUpdate(obj) {
    const errs: FieldError[] = [];
    const s = asObj(obj.status);
    if (s.nominatedNodeName) {
      for (const e of validatePodSpec({ ...asObj(obj.spec), nodeName: s.nominatedNodeName }, 'status').filter((x) => x.field === 'status.nodeName')) {
        errs.push({ ...e, field: 'status.nominatedNodeName' });
      }
    }
    return errs;
  },
  hasGeneration: false,
  statusSubresource: true,
  gracefulDeletion: true,
};
