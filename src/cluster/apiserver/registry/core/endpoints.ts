// Endpoints: subsets with valid, non-special addresses and ports (ValidateEndpoints, v1.32).
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { isDNS1123Subdomain, isValidPortNum } from '../../../../api/names';
import type { Strategy } from '../types';
import { arr, dns1123Label, invalidErr, nonSpecialIP, notSupported, num, qualifiedName, required, str, validIP, type Obj } from './generic';
import { PORT_PROTOCOLS } from './service';

/** SetDefaults_EndpointPort: protocol TCP. */
export function defaultEndpoints(obj: KubeObject): void {
  for (const ss of arr(obj.subsets)) for (const p of arr(ss.ports)) if (!p.protocol) p.protocol = 'TCP';
}

function validateEndpointAddress(a: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const ip = str(a.ip);
  errs.push(...validIP(ip, `${path}.ip`));
  if (a.hostname) errs.push(...dns1123Label(str(a.hostname), `${path}.hostname`));
  if (a.nodeName !== undefined && a.nodeName !== null) {
    const n = str(a.nodeName);
    errs.push(...isDNS1123Subdomain(n).map((m) => invalidErr(`${path}.nodeName`, n, m)));
  }
  errs.push(...nonSpecialIP(ip, `${path}.ip`));
  return errs;
}

export function validateEndpointPort(p: Obj, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(p.name);
  if (requireName && !name) errs.push(required(`${path}.name`));
  else if (name) errs.push(...dns1123Label(name, `${path}.name`));
  const port = num(p.port);
  for (const m of isValidPortNum(port)) errs.push(invalidErr(`${path}.port`, port, m));
  const proto = str(p.protocol);
  if (!proto) errs.push(required(`${path}.protocol`));
  else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${path}.protocol`, proto, PORT_PROTOCOLS));
  if (p.appProtocol !== undefined && p.appProtocol !== null) errs.push(...qualifiedName(str(p.appProtocol), `${path}.appProtocol`));
  return errs;
}

export function validateEndpoints(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  arr(obj.subsets).forEach((ss, i) => {
    const idx = `subsets[${i}]`;
    const addrs = arr(ss.addresses);
    const notReady = arr(ss.notReadyAddresses);
    if (!addrs.length && !notReady.length) errs.push(required(idx, 'must specify `addresses` or `notReadyAddresses`'));
    addrs.forEach((a, j) => errs.push(...validateEndpointAddress(a, `${idx}.addresses[${j}]`)));
    notReady.forEach((a, j) => errs.push(...validateEndpointAddress(a, `${idx}.notReadyAddresses[${j}]`)));
    const ports = arr(ss.ports);
    ports.forEach((p, j) => errs.push(...validateEndpointPort(p, ports.length > 1, `${idx}.ports[${j}]`)));
  });
  return errs;
}

export const endpointsStrategy: Strategy = {
  allowCreateOnUpdate: true,
  defaults(obj) {
    defaultEndpoints(obj);
  },
  validate(obj) {
    return validateEndpoints(obj);
  },
  validateUpdate(obj) {
    return validateEndpoints(obj);
  },
};
