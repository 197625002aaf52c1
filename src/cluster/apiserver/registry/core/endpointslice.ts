// EndpointSlices (discovery.k8s.io/v1): addressType, endpoints and ports
// (pkg/apis/discovery/validation, v1.32).
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from '../../../../api/names';
import { validateLabels } from '../../meta';
import type { Strategy } from '../types';
import {
  arr,
  dns1123Label,
  duplicate,
  immutable,
  internalErr,
  invalidErr,
  isObj,
  nonSpecialIP,
  notSupported,
  qualifiedName,
  required,
  str,
  strs,
  tooMany,
  validIPv4,
  validIPv6,
} from './generic';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ENDPOINTS = 1000;
const MAX_ZONE_HINTS = 8;

/** SetDefaults_EndpointPort: name "" and protocol TCP. */
export function defaultEndpointSlice(obj: KubeObject): void {
  for (const p of arr(obj.ports)) {
    if (p.name === undefined || p.name === null) p.name = '';
    if (p.protocol === undefined || p.protocol === null) p.protocol = 'TCP';
  }
}

/** validation.IsFullyQualifiedDomainName */
function fqdn(name: string, path: string): FieldError[] {
  if (!name) return [required(path)];
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  const e = isDNS1123Subdomain(n);
  if (e.length) return [invalidErr(path, n, e.join(','))];
  const labels = n.split('.');
  if (labels.length < 2) return [invalidErr(path, n, 'should be a domain with at least two segments separated by dots')];
  for (const l of labels) {
    const le = isDNS1123Label(l);
    if (le.length) return [invalidErr(path, l, le.join(','))];
  }
  return [];
}

export function validateEndpointSlice(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const at = str(obj.addressType);
  if (!at) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(at)) errs.push(notSupported('addressType', at, ADDRESS_TYPES));
  const endpoints = arr(obj.endpoints);
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany('endpoints', endpoints.length, MAX_ENDPOINTS));
  else
    endpoints.forEach((ep, i) => {
      const idx = `endpoints[${i}]`;
      const addrPath = `${idx}.addresses`;
      const addrs = strs(ep.addresses);
      if (!addrs.length) errs.push(required(addrPath, 'must contain at least 1 address'));
      else if (addrs.length > MAX_ADDRESSES) errs.push(tooMany(addrPath, addrs.length, MAX_ADDRESSES));
      addrs.forEach((a, j) => {
        const p = `${addrPath}[${j}]`;
        if (at === 'IPv4') errs.push(...validIPv4(a, p), ...nonSpecialIP(a, p));
        else if (at === 'IPv6') errs.push(...validIPv6(a, p), ...nonSpecialIP(a, p));
        else if (at === 'FQDN') errs.push(...fqdn(a, p));
      });
      if (ep.nodeName !== undefined && ep.nodeName !== null) {
        const n = str(ep.nodeName);
        errs.push(...isDNS1123Subdomain(n).map((m) => invalidErr(`${idx}.nodeName`, n, m)));
      }
      const topo = isObj(ep.deprecatedTopology) ? ep.deprecatedTopology : undefined;
      if (topo) {
        const tp = `${idx}.deprecatedTopology`;
        if (Object.keys(topo).length > MAX_TOPOLOGY_LABELS) errs.push(tooMany(tp, Object.keys(topo).length, MAX_TOPOLOGY_LABELS));
        errs.push(...validateLabels(topo, tp));
        if ('topology.kubernetes.io/zone' in topo) errs.push(internalErr(`${tp}[topology.kubernetes.io/zone]`, 'reserved key was not removed in conversion'));
      }
      if (ep.hostname !== undefined && ep.hostname !== null) errs.push(...dns1123Label(str(ep.hostname), `${idx}.hostname`));
      if (isObj(ep.hints)) {
        const zones = arr(ep.hints.forZones);
        const hp = `${idx}.hints.forZones`;
        if (zones.length > MAX_ZONE_HINTS) errs.push(tooMany(hp, zones.length, MAX_ZONE_HINTS));
        else {
          const seen = new Set<string>();
          zones.forEach((z, j) => {
            const name = str(z.name);
            if (seen.has(name)) errs.push(duplicate(`${hp}[${j}].name`, name));
            seen.add(name);
            errs.push(...isValidLabelValue(name).map((m) => invalidErr(`${hp}[${j}].name`, name, m)));
          });
        }
      }
    });
  const ports = arr(obj.ports);
  if (ports.length > MAX_PORTS) errs.push(tooMany('ports', ports.length, MAX_PORTS));
  else {
    const names = new Set<string>();
    ports.forEach((p, i) => {
      const idx = `ports[${i}]`;
      const name = str(p.name);
      if (name) errs.push(...dns1123Label(name, `${idx}.name`));
      if (names.has(name)) errs.push(duplicate(`${idx}.name`, name));
      else names.add(name);
      if (p.protocol === undefined || p.protocol === null) errs.push(required(`${idx}.protocol`));
      else if (!PROTOCOLS.includes(str(p.protocol))) errs.push(notSupported(`${idx}.protocol`, str(p.protocol), PROTOCOLS));
      if (p.appProtocol !== undefined && p.appProtocol !== null) errs.push(...qualifiedName(str(p.appProtocol), `${idx}.appProtocol`));
    });
  }
  return errs;
}

export const endpointSliceStrategy: Strategy = {
  allowCreateOnUpdate: false,
  defaults(obj) {
    defaultEndpointSlice(obj);
  },
  validate(obj) {
    return validateEndpointSlice(obj);
  },
  validateUpdate(obj, old) {
    return [...validateEndpointSlice(obj), ...immutable('addressType', str(obj.addressType), str(old.addressType))];
  },
};
