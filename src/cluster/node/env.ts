// A container's environment as the kubelet and containerd build it: the image's PATH, HOSTNAME,
// the spec's env/envFrom, service links (KUBERNETES_SERVICE_HOST...), the rest of the image ENV,
// HOME. ConfigMap/Secret references are read through the API.
import type { KubeObject } from '../../api/types';
import type { ClusterClient } from '../machinery/client';
import type { ImageDef } from './images/types';

type Obj = Record<string, any>;

export class EnvError extends Error {}

function b64decode(s: string): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0;
  let acc = 0;
  const bytes: number[] = [];
  for (const ch of s.replace(/[^A-Za-z0-9+/]/g, '')) {
    acc = (acc << 6) | abc.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i++];
    if (b < 0x80) out += String.fromCharCode(b);
    else if (b < 0xe0) out += String.fromCharCode(((b & 0x1f) << 6) | (bytes[i++] & 0x3f));
    else out += String.fromCharCode(((b & 0x0f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f));
  }
  return out;
}

/** Stored Services never change: their variables are worked out once per version. */
const serviceEnvs = new WeakMap<KubeObject, [string, string][]>();

/** Service link variables (envvars.FromServices) for one service. */
export function serviceEnv(svc: KubeObject): [string, string][] {
  if (!Object.isFrozen(svc)) return computeServiceEnv(svc);
  let env = serviceEnvs.get(svc);
  if (!env) serviceEnvs.set(svc, (env = computeServiceEnv(svc)));
  return env;
}

function computeServiceEnv(svc: KubeObject): [string, string][] {
  const spec = (svc.spec ?? {}) as Obj;
  const ip = spec.clusterIP;
  if (!ip || ip === 'None') return [];
  const prefix = String(svc.metadata.name).toUpperCase().replace(/-/g, '_');
  const ports = (spec.ports ?? []) as Obj[];
  if (!ports.length) return [];
  const out: [string, string][] = [];
  for (const p of ports) {
    const proto = String(p.protocol ?? 'TCP');
    const base = `${prefix}_PORT_${p.port}_${proto}`;
    out.push([`${base}_PROTO`, proto.toLowerCase()], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
  }
  out.push([`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(ports[0].port)]);
  for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${String(p.name).toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
  const first = ports[0];
  out.push([`${prefix}_PORT`, `${String(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`]);
  for (const p of ports) out.push([`${prefix}_PORT_${p.port}_${p.protocol ?? 'TCP'}`, `${String(p.protocol ?? 'TCP').toLowerCase()}://${ip}:${p.port}`]);
  return out;
}

export interface EnvInput {
  pod: KubeObject;
  container: Obj;
  image: ImageDef;
  podIP: string;
  hostIP: string;
  nodeName: string;
  services: KubeObject[];
  client: ClusterClient;
}

function fieldRef(pod: KubeObject, path: string, podIP: string, hostIP: string): string {
  const m = pod.metadata;
  const spec = (pod.spec ?? {}) as Obj;
  const lbl = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (lbl) return (m[lbl[1] as 'labels'] ?? {})[lbl[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return m.name ?? '';
    case 'metadata.namespace':
      return m.namespace ?? '';
    case 'metadata.uid':
      return m.uid ?? '';
    case 'spec.nodeName':
      return spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return spec.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return podIP;
    case 'status.hostIP':
    case 'status.hostIPs':
      return hostIP;
  }
  return '';
}

function expandRefs(v: string, vars: Map<string, string>): string {
  return v.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name) => (all === '$$' ? '$' : vars.has(name) ? vars.get(name)! : all));
}

/**
 * Whether the container's environment reads ConfigMaps or Secrets (through the API, and may fail
 * with CreateContainerConfigError); without such references it is a pure function of the start's
 * inputs and can be worked out when first needed.
 */
export function envReadsApi(container: Obj): boolean {
  if (((container.envFrom ?? []) as Obj[]).length) return true;
  for (const e of (container.env ?? []) as Obj[]) if (e.valueFrom?.configMapKeyRef || e.valueFrom?.secretKeyRef) return true;
  return false;
}

export function containerEnv(input: EnvInput): [string, string][] {
  const { pod, container, image, client } = input;
  const ns = pod.metadata.namespace ?? 'default';
  const specVars = new Map<string, string>();
  const readKey = (kind: 'configmaps' | 'secrets', ref: Obj): string | undefined => {
    const obj = client.get(kind, ns, ref.name) as Obj | undefined;
    const label = kind === 'configmaps' ? 'configmap' : 'secret';
    if (!obj) {
      if (ref.optional) return undefined;
      throw new EnvError(`${label} "${ref.name}" not found`);
    }
    const raw = kind === 'secrets' ? obj.data?.[ref.key] : (obj.data?.[ref.key] ?? obj.binaryData?.[ref.key]);
    if (raw === undefined) {
      if (ref.optional) return undefined;
      throw new EnvError(`couldn't find key ${ref.key} in ${kind === 'configmaps' ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name}`);
    }
    return kind === 'secrets' ? b64decode(String(raw)) : String(raw);
  };
  for (const from of (container.envFrom ?? []) as Obj[]) {
    const kind = from.configMapRef ? 'configmaps' : 'secrets';
    const ref = from.configMapRef ?? from.secretRef;
    const obj = client.get(kind, ns, ref.name) as Obj | undefined;
    if (!obj) {
      if (ref.optional) continue;
      throw new EnvError(`${kind === 'configmaps' ? 'configmap' : 'secret'} "${ref.name}" not found`);
    }
    for (const [k, v] of Object.entries((obj.data ?? {}) as Record<string, string>)) specVars.set((from.prefix ?? '') + k, kind === 'secrets' ? b64decode(v) : v);
  }
  for (const e of (container.env ?? []) as Obj[]) {
    let v: string | undefined;
    if (e.valueFrom?.fieldRef) v = fieldRef(pod, e.valueFrom.fieldRef.fieldPath, input.podIP, input.hostIP);
    else if (e.valueFrom?.configMapKeyRef) v = readKey('configmaps', e.valueFrom.configMapKeyRef);
    else if (e.valueFrom?.secretKeyRef) v = readKey('secrets', e.valueFrom.secretKeyRef);
    else if (e.valueFrom?.resourceFieldRef) v = '0';
    else v = expandRefs(String(e.value ?? ''), specVars);
    if (v !== undefined) specVars.set(e.name, v);
  }
  const out = new Map<string, string>();
  const imgPath = image.env.find(([k]) => k === 'PATH');
  if (imgPath) out.set('PATH', imgPath[1]);
  out.set('HOSTNAME', pod.metadata.name ?? '');
  for (const [k, v] of specVars) out.set(k, v);
  {
    // The master service's variables are always injected; others only with enableServiceLinks.
    const svcs = input.services
      .filter((s) => s.metadata.namespace === ns || (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes'))
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const linksOn = ((pod.spec ?? {}) as Obj).enableServiceLinks !== false;
    for (const s of svcs) {
      if (!linksOn && s.metadata.name !== 'kubernetes') continue;
      for (const [k, v] of serviceEnv(s)) if (!out.has(k)) out.set(k, v);
    }
  }
  for (const [k, v] of image.env) if (!out.has(k)) out.set(k, v);
  if (!out.has('HOME')) out.set('HOME', '/root');
  return [...out];
}
