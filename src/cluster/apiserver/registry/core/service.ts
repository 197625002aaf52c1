// Services: v1 defaulting, the registry's ClusterIP/NodePort allocation (pkg/registry/core/service/
// storage alloc.go), the strategy's type-dependent field handling and ValidateService (v1.32).
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { internalError } from '../../../../api/status';
import { isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../../../api/names';
import { validateLabels } from '../../meta';
import type { Strategy, StrategyContext } from '../types';
import {
  arr,
  deepEqual,
  dns1123Label,
  duplicate,
  ensureObj,
  forbidden,
  goStringSlice,
  invalidErr,
  isIPv6String,
  isObj,
  nonSpecialIP,
  notSupported,
  num,
  qualifiedName,
  required,
  spec,
  str,
  strs,
  throwIfInvalid,
  validCIDR,
  validIP,
  type Obj,
} from './generic';
import { isIntOrString } from './intstr';
import { allocatedClusterIPs, allocatedNodePorts, allocateIP, allocateNextIP, allocateNextPort, allocatePort, type AllocResult } from './service-alloc';

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const DEFAULT_CLIENT_IP_TIMEOUT = 10800;
const MAX_CLIENT_IP_TIMEOUT = 86400;
/** The families this cluster serves (single-stack IPv4, as kubeplay's 10.96.0.0/12). */
const CLUSTER_FAMILIES = new Set(['IPv4']);

// ---- predicates (pkg/api/service, storage helpers) ----

const typeOf = (s: Obj) => str(s.type);
const isHeadless = (s: Obj) => {
  const ips = strs(s.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
};
const needsClusterIP = (s: Obj) => typeOf(s) !== 'ExternalName';
const needsNodePort = (s: Obj) => typeOf(s) === 'NodePort' || typeOf(s) === 'LoadBalancer';
const externallyAccessible = (s: Obj) =>
  typeOf(s) === 'LoadBalancer' || typeOf(s) === 'NodePort' || (typeOf(s) === 'ClusterIP' && strs(s.externalIPs).length > 0);
const needsHealthCheck = (s: Obj) => typeOf(s) === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
function shouldAllocateNodePorts(s: Obj): boolean {
  if (typeOf(s) === 'NodePort') return true;
  if (typeOf(s) === 'LoadBalancer') return s.allocateLoadBalancerNodePorts !== false;
  return false;
}
const hasSelector = (s: Obj) => isObj(s.selector) && Object.keys(s.selector).length > 0;
const policyOf = (s: Obj) => (s.ipFamilyPolicy === undefined || s.ipFamilyPolicy === null ? undefined : str(s.ipFamilyPolicy));

/** %#v of a []core.IPFamily. */
function goFamilies(v: unknown): string {
  const a = strs(v);
  return a.length ? `[]core.IPFamily{${a.map((x) => JSON.stringify(x)).join(', ')}}` : '[]core.IPFamily(nil)';
}

/** %#v of the (protocol, port) key ValidateService reports for a duplicate port. */
function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

// ---- defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service) ----

export function defaultService(obj: KubeObject): void {
  const s = spec(obj);
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'ClientIP') {
    const cip = ensureObj(ensureObj(s, 'sessionAffinityConfig'), 'clientIP');
    if (cip.timeoutSeconds === undefined || cip.timeoutSeconds === null) cip.timeoutSeconds = DEFAULT_CLIENT_IP_TIMEOUT;
  }
  if (!s.type) s.type = 'ClusterIP';
  for (const p of arr(s.ports)) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(s) && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if ((s.internalTrafficPolicy === undefined || s.internalTrafficPolicy === null) && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(typeOf(s))) {
    s.internalTrafficPolicy = 'Cluster';
  }
  if (typeOf(s) === 'LoadBalancer' && (s.allocateLoadBalancerNodePorts === undefined || s.allocateLoadBalancerNodePorts === null)) {
    s.allocateLoadBalancerNodePorts = true;
  }
}

// ---- clusterIP / clusterIPs / ipFamilies bookkeeping (strategy + alloc.go) ----

const sameClusterIPs = (a: Obj, b: Obj) => deepEqual(strs(a.clusterIPs), strs(b.clusterIPs));
const sameIPFamilies = (a: Obj, b: Obj) => deepEqual(strs(a.ipFamilies), strs(b.ipFamilies));

/** NormalizeClusterIPs: keeps clusterIP and clusterIPs in step for clients that set only one. */
export function normalizeClusterIPs(oldSpec: Obj | undefined, s: Obj): void {
  const ip = str(s.clusterIP);
  const ips = strs(s.clusterIPs);
  if (!oldSpec) {
    if (ip && !ips.length) s.clusterIPs = [ip];
    return;
  }
  const oldIP = str(oldSpec.clusterIP);
  if (strs(oldSpec.clusterIPs).length && !ips.length && oldIP === ip) {
    s.clusterIPs = strs(oldSpec.clusterIPs);
  }
  if (oldIP !== ip) {
    if (oldIP && !ip) {
      if (sameClusterIPs(oldSpec, s)) delete s.clusterIPs;
    } else if (sameClusterIPs(oldSpec, s)) {
      s.clusterIPs = [ip];
    }
  }
}

/** patchAllocatedValues: a PUT or patch that omits allocated values keeps them. */
export function patchAllocatedValues(s: Obj, oldSpec: Obj): void {
  if (needsClusterIP(oldSpec) && needsClusterIP(s)) {
    if (!s.clusterIP && oldSpec.clusterIP) s.clusterIP = oldSpec.clusterIP;
    if (!strs(s.clusterIPs).length && strs(oldSpec.clusterIPs).length) s.clusterIPs = strs(oldSpec.clusterIPs);
  }
  if (needsNodePort(oldSpec) && needsNodePort(s)) {
    const portsOf = (x: Obj) => new Set(arr(x.ports).map((p) => num(p.nodePort)).filter((n) => n));
    const newUsed = portsOf(s);
    const used = new Set([...portsOf(oldSpec)].filter((n) => newUsed.has(n)));
    const byName = new Map<string, number>();
    for (const p of arr(oldSpec.ports)) byName.set(str(p.name), num(p.nodePort));
    for (const p of arr(s.ports)) {
      if (!num(p.nodePort)) {
        const oldVal = byName.get(str(p.name)) ?? 0;
        if (oldVal && !used.has(oldVal)) p.nodePort = oldVal;
      }
    }
  }
  if (needsHealthCheck(oldSpec) && needsHealthCheck(s) && !num(s.healthCheckNodePort) && num(oldSpec.healthCheckNodePort)) {
    s.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
}

/** initIPFamilyFields: ipFamilyPolicy and ipFamilies for a single-stack IPv4 cluster. Throws Invalid. */
export function initIPFamilyFields(obj: KubeObject, oldSpec: Obj | undefined): void {
  const s = spec(obj);
  const name = obj.metadata.name ?? '';
  if (typeOf(s) === 'ExternalName') return;
  if (policyOf(s) === undefined) {
    if (oldSpec && policyOf(oldSpec) !== undefined) s.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
    else if (s.clusterIP === 'None' && !hasSelector(s)) s.ipFamilyPolicy = 'RequireDualStack';
    else s.ipFamilyPolicy = 'SingleStack';
  }
  throwIfInvalid('', 'Service', name, validateClusterIPsRelatedFields(s));
  const el: FieldError[] = [];
  const policy = policyOf(s);
  if (oldSpec) {
    if (policy === 'SingleStack') {
      if (sameClusterIPs(oldSpec, s) && strs(s.clusterIPs).length > 1) s.clusterIPs = strs(s.clusterIPs).slice(0, 1);
      if (sameIPFamilies(oldSpec, s) && strs(s.ipFamilies).length > 1) s.ipFamilies = strs(s.ipFamilies).slice(0, 1);
    } else {
      if (strs(s.clusterIPs).length < strs(oldSpec.clusterIPs).length) {
        el.push(invalidErr('spec.ipFamilyPolicy', policy, "must be 'SingleStack' to release the secondary cluster IP"));
      }
      if (strs(s.ipFamilies).length < strs(oldSpec.ipFamilies).length) {
        el.push(invalidErr('spec.ipFamilyPolicy', policy, "must be 'SingleStack' to release the secondary IP family"));
      }
    }
  }
  if (policy === 'SingleStack') {
    if (strs(s.clusterIPs).length === 2) {
      el.push(invalidErr('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if (strs(s.ipFamilies).length === 2) {
      el.push(invalidErr('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  const ips = strs(s.clusterIPs);
  const families = strs(s.ipFamilies);
  for (let i = 0; i < ips.length; i++) {
    if (ips[i] === 'None') break;
    const fam = isIPv6String(ips[i]) ? 'IPv6' : 'IPv4';
    if (i >= families.length) {
      if (!CLUSTER_FAMILIES.has(fam)) el.push(invalidErr(`spec.clusterIPs[${i}]`, ips, `${fam} is not configured on this cluster`, goStringSlice(ips)));
      else families.push(fam);
    }
  }
  s.ipFamilies = families;
  throwIfInvalid('', 'Service', name, el);
  if (s.clusterIP === 'None' && !hasSelector(s)) {
    if (!families.length) families.push('IPv4');
    if (families.length < 2 && policyOf(s) !== 'SingleStack') families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    s.ipFamilies = families;
    return;
  }
  if (policy === 'RequireDualStack') el.push(invalidErr('spec.ipFamilyPolicy', policy, 'this cluster is not configured for dual-stack services'));
  families.forEach((f, i) => {
    if (!CLUSTER_FAMILIES.has(f)) el.push(invalidErr(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
  });
  throwIfInvalid('', 'Service', name, el);
  if (!families.length) families.push('IPv4');
  s.ipFamilies = families;
}

/** dropTypeDependentFields: a type change wipes the values that no longer apply (if unchanged). */
export function dropTypeDependentFields(s: Obj, oldSpec: Obj): void {
  if (needsClusterIP(oldSpec) && !needsClusterIP(s)) {
    if (sameClusterIPs(oldSpec, s)) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (sameIPFamilies(oldSpec, s)) delete s.ipFamilies;
    if (policyOf(oldSpec) === policyOf(s)) delete s.ipFamilyPolicy;
  }
  if (needsNodePort(oldSpec) && !needsNodePort(s)) {
    const oldPorts = new Set(arr(oldSpec.ports).map((p) => num(p.nodePort)).filter((n) => n));
    const newPorts = arr(s.ports).map((p) => num(p.nodePort)).filter((n) => n);
    if (newPorts.every((n) => oldPorts.has(n))) for (const p of arr(s.ports)) delete p.nodePort;
    if (num(oldSpec.healthCheckNodePort) === num(s.healthCheckNodePort)) delete s.healthCheckNodePort;
  }
  if (oldSpec.type === 'LoadBalancer' && s.type !== 'LoadBalancer') {
    if (typeof s.allocateLoadBalancerNodePorts === 'boolean' && s.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) {
      delete s.allocateLoadBalancerNodePorts;
    }
    if (str(s.loadBalancerClass) === str(oldSpec.loadBalancerClass)) delete s.loadBalancerClass;
  }
  if (externallyAccessible(oldSpec) && !externallyAccessible(s)) {
    if (str(s.externalTrafficPolicy) === str(oldSpec.externalTrafficPolicy)) delete s.externalTrafficPolicy;
  }
  // updateHealthCheckNodePort case 2: the health-check port goes when it is no longer needed.
  if (needsHealthCheck(oldSpec) && !needsHealthCheck(s) && num(s.healthCheckNodePort) === num(oldSpec.healthCheckNodePort)) {
    delete s.healthCheckNodePort;
  }
}

// ---- validation (pkg/apis/core/validation ValidateService and friends) ----

/** ValidateServiceClusterIPsRelatedFields */
export function validateClusterIPsRelatedFields(s: Obj): FieldError[] {
  if (typeOf(s) === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = strs(s.clusterIPs);
  const ipsText = goStringSlice(s.clusterIPs);
  if (s.clusterIP) {
    if (!ips.length) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== s.clusterIP) errs.push(invalidErr('spec.clusterIPs', ips, 'first value must match `clusterIP`', ipsText));
  } else if (ips.length) {
    errs.push(invalidErr('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified', ipsText));
  }
  const seen = new Set<string>();
  strs(s.ipFamilies).forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(notSupported(`spec.ipFamilies[${i}]`, f, IP_FAMILIES));
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  const policy = policyOf(s);
  if (policy !== undefined && !IP_FAMILY_POLICIES.includes(policy)) errs.push(notSupported('spec.ipFamilyPolicy', policy, IP_FAMILY_POLICIES));
  let hasInvalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        hasInvalidIPs = true;
        errs.push(invalidErr('spec.clusterIPs', ips, "'None' must be the first and only value", ipsText));
      }
      return;
    }
    const e = validIP(ip, `spec.clusterIPs[${i}]`);
    if (e.length) hasInvalidIPs = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(invalidErr('spec.clusterIPs', ips, 'may only hold up to 2 values', ipsText));
  if (hasInvalidIPs) return errs;
  if (ips.length > 1) {
    const fams = ips.map((ip) => (isIPv6String(ip) ? 'IPv6' : 'IPv4'));
    if (!(ips.length === 2 && fams[0] !== fams[1])) errs.push(invalidErr('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family', ipsText));
  }
  const families = strs(s.ipFamilies);
  if (!isHeadless(s) && ips.length && families.length) {
    ips.forEach((ip, i) => {
      if (i > families.length - 1) return;
      if (families[i] === 'IPv4' && isIPv6String(ip)) errs.push(invalidErr(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !isIPv6String(ip)) errs.push(invalidErr(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function validatePortNumOrName(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string') return isValidPortName(v).map((m) => invalidErr(field, v, m));
  const n = typeof v === 'number' ? v : 0;
  return isValidPortNum(n).map((m) => invalidErr(field, n, m));
}

function validateServicePort(sp: Obj, requireName: boolean, allNames: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp.name);
  if (requireName && !name) errs.push(required(`${path}.name`));
  else if (name) {
    errs.push(...dns1123Label(name, `${path}.name`));
    if (allNames.has(name)) errs.push(duplicate(`${path}.name`, name));
    else allNames.add(name);
  }
  const port = num(sp.port);
  for (const m of isValidPortNum(port)) errs.push(invalidErr(`${path}.port`, port, m));
  const proto = str(sp.protocol);
  if (!proto) errs.push(required(`${path}.protocol`));
  else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${path}.protocol`, proto, PORT_PROTOCOLS));
  errs.push(...validatePortNumOrName(isIntOrString(sp.targetPort) ? sp.targetPort : 0, `${path}.targetPort`));
  if (sp.appProtocol !== undefined && sp.appProtocol !== null) errs.push(...qualifiedName(str(sp.appProtocol), `${path}.appProtocol`));
  return errs;
}

function validateClientIPAffinityConfig(cfg: unknown, path: string): FieldError[] {
  if (!isObj(cfg)) return [required(path, 'when session affinity type is ClientIP')];
  if (!isObj(cfg.clientIP)) return [required(`${path}.clientIP`, 'when session affinity type is ClientIP')];
  const t = cfg.clientIP.timeoutSeconds;
  if (t === undefined || t === null) return [required(`${path}.clientIP.timeoutSeconds`, 'when session affinity type is ClientIP')];
  const n = num(t);
  if (!(n > 0 && n <= MAX_CLIENT_IP_TIMEOUT)) {
    return [invalidErr(`${path}.clientIP.timeoutSeconds`, n, `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT}`)];
  }
  return [];
}

function validateLoadBalancerClass(oldSpec: Obj | undefined, s: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const cls = s.loadBalancerClass;
  if (oldSpec === undefined) {
    if (cls !== undefined && cls !== null) {
      if (typeOf(s) !== 'LoadBalancer') errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
      else errs.push(...qualifiedName(str(cls), 'spec.loadBalancerClass'));
    }
    return errs;
  }
  if (typeOf(oldSpec) === 'LoadBalancer' && typeOf(s) === 'LoadBalancer' && str(oldSpec.loadBalancerClass) !== str(cls)) {
    errs.push(invalidErr('spec.loadBalancerClass', cls ?? 'null', 'may not change once set'));
  } else if (typeOf(oldSpec) !== 'LoadBalancer' && typeOf(s) === 'LoadBalancer' && cls !== undefined && cls !== null) {
    errs.push(...qualifiedName(str(cls), 'spec.loadBalancerClass'));
  } else if (typeOf(s) !== 'LoadBalancer' && cls !== undefined && cls !== null) {
    errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

/** ValidateService (without ObjectMeta, which the generic layer checks). */
export function validateService(obj: KubeObject): FieldError[] {
  const s = spec(obj);
  const errs: FieldError[] = [];
  const type = typeOf(s);
  const ports = arr(s.ports);
  const headless = isHeadless(s);
  if (!ports.length && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  switch (type) {
    case 'LoadBalancer':
    case 'NodePort':
      if (headless) errs.push(invalidErr('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
      break;
    case 'ExternalName': {
      if (strs(s.clusterIPs).length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (strs(s.ipFamilies).length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (policyOf(s) !== undefined) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      const cname = str(s.externalName).replace(/\.$/, '');
      if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => invalidErr('spec.externalName', cname, m)));
      else errs.push(required('spec.externalName'));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (s.selector !== undefined && s.selector !== null) errs.push(...validateLabels(s.selector, 'spec.selector'));
  const affinity = str(s.sessionAffinity);
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES));
  if (affinity === 'ClientIP') errs.push(...validateClientIPAffinityConfig(s.sessionAffinityConfig, 'spec.sessionAffinityConfig'));
  else if (affinity === 'None' && s.sessionAffinityConfig !== undefined && s.sessionAffinityConfig !== null) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPsRelatedFields(s));
  strs(s.externalIPs).forEach((ip, i) => {
    const e = validIP(ip, `spec.externalIPs[${i}]`);
    errs.push(...(e.length ? e : nonSpecialIP(ip, `spec.externalIPs[${i}]`)));
  });
  if (!type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (num(p.nodePort)) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePortKeys = new Set<string>();
  ports.forEach((p, i) => {
    if (!num(p.nodePort)) return;
    const key = `${str(p.protocol)}/${num(p.nodePort)}`;
    if (nodePortKeys.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, num(p.nodePort)));
    nodePortKeys.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${str(p.protocol)}/${num(p.port)}`;
    if (portKeys.has(key)) errs.push(duplicate(`spec.ports[${i}]`, key, goServicePortKey(str(p.protocol), num(p.port))));
    portKeys.add(key);
  });
  const ranges = strs(s.loadBalancerSourceRanges);
  if (ranges.length) {
    if (type !== 'LoadBalancer') errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...validCIDR(r.trim(), `spec.LoadBalancerSourceRanges[${i}]`)));
  }
  if (s.allocateLoadBalancerNodePorts !== undefined && s.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && (s.allocateLoadBalancerNodePorts === undefined || s.allocateLoadBalancerNodePorts === null)) {
    errs.push(required('allocateLoadBalancerNodePorts'));
  }
  errs.push(...validateLoadBalancerClass(undefined, s));
  // externalTrafficPolicy and healthCheckNodePort
  const etp = str(s.externalTrafficPolicy);
  if (!externallyAccessible(s)) {
    if (etp) errs.push(invalidErr('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(required('spec.externalTrafficPolicy'));
  else if (!TRAFFIC_POLICIES.includes(etp)) errs.push(notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));
  const hc = num(s.healthCheckNodePort);
  if (!needsHealthCheck(s)) {
    if (hc) errs.push(invalidErr('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (!hc) {
    // Allocated before validation in the real registry; allocated after it here.
  } else errs.push(...isValidPortNum(hc).map((m) => invalidErr('spec.healthCheckNodePort', hc, m)));
  // internalTrafficPolicy
  if (s.internalTrafficPolicy === undefined || s.internalTrafficPolicy === null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type)) errs.push(required('spec.internalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(str(s.internalTrafficPolicy))) {
    errs.push(notSupported('spec.internalTrafficPolicy', str(s.internalTrafficPolicy), TRAFFIC_POLICIES));
  }
  if (s.trafficDistribution !== undefined && s.trafficDistribution !== null && s.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported('spec.trafficDistribution', str(s.trafficDistribution), ['PreferClose']));
  }
  return errs;
}

function validateUpgradeDowngradeClusterIPs(oldSpec: Obj, s: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (typeOf(s) === 'ExternalName' || typeOf(oldSpec) === 'ExternalName') return errs;
  if (isHeadless(oldSpec) && isHeadless(s)) return errs;
  const oldIPs = strs(oldSpec.clusterIPs);
  const ips = strs(s.clusterIPs);
  const text = goStringSlice(s.clusterIPs);
  if (oldIPs.length === ips.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== ips[i]) errs.push(invalidErr(`spec.clusterIPs[${i}]`, ips, 'may not change once set', text));
    });
  } else if (oldIPs.length > ips.length) {
    if (!ips.length) errs.push(invalidErr('spec.clusterIPs[0]', ips, 'primary clusterIP can not be unset', text));
    if (oldIPs.length && ips.length && ips[0] !== oldIPs[0]) errs.push(invalidErr('spec.clusterIPs[0]', ips, 'may not change once set', text));
    if (ips.length === 1 && policyOf(s) !== 'SingleStack') {
      errs.push(invalidErr('spec.ipFamilyPolicy', policyOf(s) ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length && ips[0] !== oldIPs[0]) {
    errs.push(invalidErr('spec.clusterIPs[0]', ips, 'may not change once set', text));
  }
  return errs;
}

function validateUpgradeDowngradeIPFamilies(oldSpec: Obj, s: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (typeOf(s) === 'ExternalName' || typeOf(oldSpec) === 'ExternalName') return errs;
  if (isHeadless(oldSpec) !== isHeadless(s) || isHeadless(s)) return errs;
  const oldF = strs(oldSpec.ipFamilies);
  const f = strs(s.ipFamilies);
  const text = goFamilies(s.ipFamilies);
  if (oldF.length === f.length) {
    oldF.forEach((x, i) => {
      if (x !== f[i]) errs.push(invalidErr('spec.ipFamilies[0]', f, 'may not change once set', text));
    });
  } else if (oldF.length > f.length) {
    if (!f.length) errs.push(invalidErr('spec.ipFamilies[0]', f, 'primary ipFamily can not be unset', text));
    if (oldF.length && f.length && f[0] !== oldF[0]) errs.push(invalidErr('spec.ipFamilies[0]', f, 'may not change once set', text));
    if (f.length === 1 && policyOf(s) !== 'SingleStack') {
      errs.push(invalidErr('spec.ipFamilyPolicy', policyOf(s) ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldF.length && f[0] !== oldF[0]) {
    errs.push(invalidErr('spec.ipFamilies[0]', f, 'may not change once set', text));
  }
  return errs;
}

/** ValidateServiceUpdate (without ObjectMeta). */
export function validateServiceUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const s = spec(obj);
  const o = isObj(old.spec) ? old.spec : {};
  const errs = [...validateUpgradeDowngradeClusterIPs(o, s), ...validateUpgradeDowngradeIPFamilies(o, s)];
  if (typeOf(o) === 'LoadBalancer') {
    // validateLoadBalancerClassField(old, new): only the update rules here; create rules run below.
    const cls = s.loadBalancerClass;
    if (typeOf(s) === 'LoadBalancer' && str(o.loadBalancerClass) !== str(cls)) {
      errs.push(invalidErr('spec.loadBalancerClass', cls ?? 'null', 'may not change once set'));
    }
  }
  if (needsHealthCheck(o) && needsHealthCheck(s) && num(s.healthCheckNodePort) !== num(o.healthCheckNodePort)) {
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return [...errs, ...validateService(obj)];
}

/** ValidateServiceStatusUpdate: the load balancer ingress points. */
export function validateServiceStatus(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const lb = isObj(obj.status) && isObj(obj.status.loadBalancer) ? obj.status.loadBalancer : {};
  arr(lb.ingress).forEach((ing, i) => {
    const path = `status.loadBalancer.ingress[${i}]`;
    if (ing.ip) errs.push(...validIP(str(ing.ip), `${path}.ip`));
    if (ing.hostname) {
      const h = str(ing.hostname);
      errs.push(...isDNS1123Subdomain(h).map((m) => invalidErr(`${path}.hostname`, h, m)));
      if (validIP(h, 'x').length === 0) errs.push(invalidErr(`${path}.hostname`, h, 'must be a DNS name, not an IP address'));
    }
    if (ing.ipMode !== undefined && ing.ipMode !== null) {
      if (!ing.ip) errs.push(forbidden(`${path}.ipMode`, 'may not be specified when `ip` is not set'));
      else if (!['Proxy', 'VIP'].includes(str(ing.ipMode))) errs.push(notSupported(`${path}.ipMode`, str(ing.ipMode), ['Proxy', 'VIP']));
    }
  });
  return errs;
}

// ---- allocation (storage alloc.go) ----

function nameOf(obj: KubeObject): string {
  return obj.metadata.name ?? '';
}

function allocClusterIPs(obj: KubeObject, ctx: StrategyContext): void {
  const s = spec(obj);
  if (typeOf(s) === 'ExternalName' || isHeadless(s)) return;
  const ips = strs(s.clusterIPs);
  const used = allocatedClusterIPs(ctx);
  const requested = ips[0] ?? '';
  let res: AllocResult<string>;
  if (requested) {
    res = allocateIP(requested, used);
    if (!res.ok) {
      throwIfInvalid('', 'Service', nameOf(obj), [
        invalidErr('spec.clusterIPs', ips, `failed to allocate IP ${requested}: ${res.error}`, goStringSlice(ips)),
      ]);
    }
  } else {
    res = allocateNextIP(ctx, used);
    if (!res.ok) throw internalError(`failed to allocate a serviceIP: ${res.error}`);
  }
  if (res.ok) {
    const ip = requested || res.value;
    s.clusterIP = ip;
    s.clusterIPs = [ip, ...ips.slice(1)];
  }
}

function portInvalid(obj: KubeObject, i: number, port: number, error: string): never {
  throwIfInvalid('', 'Service', nameOf(obj), [invalidErr(`spec.ports[${i}].nodePort`, port, error)]);
  throw new Error('unreachable');
}

function nextPort(ctx: StrategyContext, used: Set<number>, what = 'a nodePort'): number {
  const r = allocateNextPort(ctx, used);
  if (!r.ok) throw internalError(`failed to allocate ${what}: ${r.error}`);
  return r.value;
}

/** initNodePorts: requested ports are reserved, missing ones allocated; equal service ports share one. */
function initNodePorts(obj: KubeObject, ctx: StrategyContext, used: Set<number>): void {
  const s = spec(obj);
  const ports = arr(s.ports);
  const byServicePort = new Map<number, number>();
  ports.forEach((sp, i) => {
    if (!num(sp.nodePort) && !shouldAllocateNodePorts(s)) return;
    const port = num(sp.port);
    const allocated = byServicePort.get(port) ?? 0;
    if (!allocated) {
      const np = num(ports.find((p) => num(p.port) === port && num(p.nodePort))?.nodePort);
      if (np) {
        const r = allocatePort(np, used);
        if (!r.ok) portInvalid(obj, i, np, r.error);
        sp.nodePort = np;
        byServicePort.set(port, np);
      } else {
        const v = nextPort(ctx, used);
        sp.nodePort = v;
        byServicePort.set(port, v);
      }
    } else if (num(sp.nodePort) !== allocated) {
      if (!num(sp.nodePort)) sp.nodePort = allocated;
      else {
        const r = allocatePort(num(sp.nodePort), used);
        if (!r.ok) portInvalid(obj, i, num(sp.nodePort), r.error);
      }
    }
  });
}

/** updateNodePorts: ports the service already holds stay; new requests are checked; zeros allocated. */
function updateNodePorts(obj: KubeObject, old: KubeObject, ctx: StrategyContext, used: Set<number>): void {
  const s = spec(obj);
  const oldPorts = new Set(arr(isObj(old.spec) ? old.spec.ports : undefined).map((p) => num(p.nodePort)).filter((n) => n));
  const done = new Set<number>();
  arr(s.ports).forEach((sp, i) => {
    const np = num(sp.nodePort);
    if (!np && !shouldAllocateNodePorts(s)) return;
    if (np) {
      if (!oldPorts.has(np) && !done.has(np)) {
        const r = allocatePort(np, used);
        if (!r.ok) portInvalid(obj, i, np, r.error);
        done.add(np);
      }
    } else {
      sp.nodePort = nextPort(ctx, used);
    }
  });
}

function allocHealthCheckNodePort(obj: KubeObject, ctx: StrategyContext, used: Set<number>): void {
  const s = spec(obj);
  const hc = num(s.healthCheckNodePort);
  if (hc) {
    const r = allocatePort(hc, used);
    if (!r.ok) throw internalError(`failed to allocate requested HealthCheck NodePort ${hc}: ${r.error}`);
  } else {
    s.healthCheckNodePort = nextPort(ctx, used, 'a HealthCheck NodePort 0');
  }
}

/** BeginCreate: ClusterIP then NodePorts then the health-check port. */
export function allocateServiceCreate(obj: KubeObject, ctx: StrategyContext): void {
  const s = spec(obj);
  allocClusterIPs(obj, ctx);
  const used = allocatedNodePorts(ctx);
  if (needsNodePort(s)) initNodePorts(obj, ctx, used);
  if (needsHealthCheck(s)) allocHealthCheckNodePort(obj, ctx, used);
}

/** BeginUpdate: allocation for type changes and new ports; releases are implicit (see service-alloc.ts). */
export function allocateServiceUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void {
  const s = spec(obj);
  const o = isObj(old.spec) ? old.spec : {};
  if (typeOf(o) === 'ExternalName' && typeOf(s) !== 'ExternalName') allocClusterIPs(obj, ctx);
  const used = allocatedNodePorts(ctx);
  if (needsNodePort(s)) updateNodePorts(obj, old, ctx, used);
  if (!needsHealthCheck(o) && needsHealthCheck(s)) allocHealthCheckNodePort(obj, ctx, used);
}

// ---- the strategy ----

export const serviceStrategy: Strategy = {
  statusSubresource: true,
  allowCreateOnUpdate: true,
  defaults(obj) {
    defaultService(obj);
  },
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} };
    const s = spec(obj);
    normalizeClusterIPs(undefined, s);
    initIPFamilyFields(obj, undefined);
  },
  prepareForUpdate(obj, old) {
    const s = spec(obj);
    const o = isObj(old.spec) ? old.spec : {};
    patchAllocatedValues(s, o);
    normalizeClusterIPs(o, s);
    initIPFamilyFields(obj, o);
    dropTypeDependentFields(s, o);
    if (typeOf(s) !== 'LoadBalancer') {
      const status = ensureObj(obj as Obj, 'status');
      status.loadBalancer = {};
    }
  },
  validate(obj) {
    return validateService(obj);
  },
  validateUpdate(obj, old) {
    return validateServiceUpdate(obj, old);
  },
  validateStatusUpdate(obj) {
    return validateServiceStatus(obj);
  },
  beforeCreate(obj, ctx) {
    allocateServiceCreate(obj, ctx);
  },
  beforeUpdate(obj, old, ctx) {
    allocateServiceUpdate(obj, old, ctx);
  },
  afterDelete() {
    // Nothing to release: allocations are read from the stored services (service-alloc.ts).
  },
};
