// The v1 defaulting functions for PodSpec and everything under it (k/k pkg/apis/core/v1/defaults.go),
// plus the few that only apply to a Pod (SetDefaults_Pod) and to pod templates (the
// `creationTimestamp: null` a Go ObjectMeta serialises to).
import { arr, asObj, isObj, str, type Obj } from './util';

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const PATH_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const DOMAIN_RE = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$|^\[[0-9a-fA-F:.]+\](?::[0-9]+)?$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/**
 * parsers.ParseImageName's tag: the tag when given, "latest" when neither tag nor digest is given,
 * undefined when the reference does not parse (then the policy defaults to IfNotPresent).
 */
export function imageTag(image: string): string | undefined {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) return undefined;
  }
  let tag = '';
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) return undefined;
  }
  if (!rest) return undefined;
  const first = rest.indexOf('/');
  let path = rest;
  if (first >= 0) {
    const domain = rest.slice(0, first);
    if (domain.includes('.') || domain.includes(':') || domain === 'localhost' || domain !== domain.toLowerCase()) {
      if (!DOMAIN_RE.test(domain)) return undefined;
      path = rest.slice(first + 1);
    }
  }
  if (!PATH_RE.test(path) || rest.length > 255) return undefined;
  if (!tag && !digest) return 'latest';
  return tag;
}

export function defaultImagePullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  return imageTag(str(image)) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHandler(h: unknown): void {
  if (!isObj(h)) return;
  const get = h.httpGet;
  if (isObj(get)) {
    if (!get.path) get.path = '/';
    if (!get.scheme) get.scheme = 'HTTP';
  }
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  defaultHandler(p);
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
}

function defaultFieldRef(ref: unknown): void {
  if (isObj(ref) && !ref.apiVersion) ref.apiVersion = 'v1';
}

function defaultResourceFieldRef(ref: unknown): void {
  // Divisor is a non-pointer resource.Quantity: its zero value serialises as "0".
  if (isObj(ref) && (ref.divisor === undefined || ref.divisor === null)) ref.divisor = '0';
}

/** SetDefaults_Container (also used for init and ephemeral containers). */
export function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultImagePullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  // ResourceRequirements is a struct, never omitted.
  if (!isObj(c.resources)) c.resources = {};
  for (const p of arr(c.ports)) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  for (const e of arr(c.env)) {
    if (!isObj(e) || !isObj(e.valueFrom)) continue;
    defaultFieldRef(e.valueFrom.fieldRef);
    defaultResourceFieldRef(e.valueFrom.resourceFieldRef);
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObj(c.lifecycle)) {
    defaultHandler(c.lifecycle.postStart);
    defaultHandler(c.lifecycle.preStop);
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];
export { VOLUME_SOURCES };

function defaultItems(items: unknown): void {
  for (const it of arr(items)) if (isObj(it)) defaultFieldRef(it.fieldRef), defaultResourceFieldRef(it.resourceFieldRef);
}

/** SetDefaults_Volume and the volume source defaults under it. */
export function defaultVolume(v: Obj): void {
  if (!VOLUME_SOURCES.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  const mode420 = (s: unknown) => {
    if (isObj(s) && (s.defaultMode === undefined || s.defaultMode === null)) s.defaultMode = 420;
  };
  mode420(v.secret);
  mode420(v.configMap);
  if (isObj(v.downwardAPI)) {
    mode420(v.downwardAPI);
    defaultItems(v.downwardAPI.items);
  }
  if (isObj(v.projected)) {
    mode420(v.projected);
    for (const s of arr(v.projected.sources)) {
      if (!isObj(s)) continue;
      if (isObj(s.serviceAccountToken) && !s.serviceAccountToken.expirationSeconds) s.serviceAccountToken.expirationSeconds = 3600;
      if (isObj(s.downwardAPI)) defaultItems(s.downwardAPI.items);
    }
  }
  if (isObj(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = '';
  if (isObj(v.ephemeral) && isObj(v.ephemeral.volumeClaimTemplate)) {
    const t = v.ephemeral.volumeClaimTemplate;
    if (!isObj(t.spec)) t.spec = {};
    defaultPVCSpec(t.spec as Obj);
    if (!isObj(t.metadata)) t.metadata = {};
    (t.metadata as Obj).creationTimestamp ??= null;
  }
  if (isObj(v.iscsi)) {
    if (!v.iscsi.iscsiInterface) v.iscsi.iscsiInterface = 'default';
  }
  if (isObj(v.azureDisk)) {
    if (!v.azureDisk.cachingMode) v.azureDisk.cachingMode = 'ReadWrite';
    if (!v.azureDisk.fsType) v.azureDisk.fsType = 'ext4';
    if (v.azureDisk.readOnly === undefined) v.azureDisk.readOnly = false;
    if (!v.azureDisk.kind) v.azureDisk.kind = 'Shared';
  }
}

/** SetDefaults_PersistentVolumeClaimSpec. */
export function defaultPVCSpec(spec: Obj): void {
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
}

/** SetDefaults_PodSpec and the defaulters of the types inside it. Applies to pods and templates. */
export function defaultPodSpec(spec: Obj): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  // v1 conversion keeps the deprecated serviceAccount in step with serviceAccountName.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const c of arr(spec.containers)) if (isObj(c)) defaultContainer(c);
  for (const c of arr(spec.initContainers)) if (isObj(c)) defaultContainer(c);
  for (const c of arr(spec.ephemeralContainers)) if (isObj(c)) defaultContainer(c);
  for (const v of arr(spec.volumes)) if (isObj(v)) defaultVolume(v);
  for (const t of arr(spec.tolerations)) {
    // Nothing to default in v1.32; kept for symmetry with the Go defaulters.
    void t;
  }
}

function copyLimitsToRequests(c: Obj): void {
  const res = asObj(c.resources);
  if (!isObj(res.limits)) return;
  if (!isObj(res.requests)) res.requests = {};
  const req = res.requests as Obj;
  for (const [k, v] of Object.entries(res.limits)) if (!(k in req)) req[k] = v;
  c.resources = res;
}

function defaultHostNetworkPorts(containers: unknown): void {
  for (const c of arr(containers)) {
    for (const p of arr(c.ports)) if (isObj(p) && !p.hostPort && p.containerPort) p.hostPort = p.containerPort;
  }
}

/** SetDefaults_Pod: only on Pod objects, never on templates. */
export function defaultPod(pod: Obj): void {
  if (!isObj(pod.spec)) pod.spec = {};
  const spec = pod.spec as Obj;
  defaultPodSpec(spec);
  for (const c of arr(spec.containers)) if (isObj(c)) copyLimitsToRequests(c);
  for (const c of arr(spec.initContainers)) if (isObj(c)) copyLimitsToRequests(c);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    defaultHostNetworkPorts(spec.containers);
    defaultHostNetworkPorts(spec.initContainers);
  }
  if (!isObj(pod.status)) pod.status = {};
}

/** A PodTemplateSpec inside a workload: ObjectMeta's zero creationTimestamp plus the spec defaults. */
export function defaultPodTemplate(tmpl: unknown): void {
  if (!isObj(tmpl)) return;
  if (!isObj(tmpl.metadata)) tmpl.metadata = {};
  const m = tmpl.metadata as Obj;
  if (m.creationTimestamp === undefined) m.creationTimestamp = null;
  if (!isObj(tmpl.spec)) tmpl.spec = {};
  defaultPodSpec(tmpl.spec as Obj);
}
