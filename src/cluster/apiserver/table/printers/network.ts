// Services, Endpoints, EndpointSlices.
import type { EndpointPort, EndpointSlice, Endpoint as SliceEndpoint } from 'kubernetes-types/discovery/v1';
import type { Endpoints, Service, ServicePort } from 'kubernetes-types/core/v1';
import { formatLabels } from '../../../../api/labels';
import { DOC } from '../descriptions';
import { age, AGE_COLUMN, as, col, NAME_COLUMN, nameOf, type Printer } from '../printer';

/** loadBalancerStatusStringer with wide=true: the set of ingress IPs/hostnames, sorted. */
function loadBalancerIngress(svc: Service): string {
  const set = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  return [...set].sort().join(',');
}

function externalIP(svc: Service, type: string): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(svc);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: `80/TCP`, `8080:30080/TCP`, comma-separated. */
function portString(ports: ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => {
      const proto = p.protocol ?? 'TCP';
      return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(',');
}

export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Type', 'string', DOC.ServiceSpec_type),
    col('Cluster-IP', 'string', DOC.ServiceSpec_clusterIP),
    col('External-IP', 'string', DOC.ServiceSpec_externalIPs),
    col('Port(s)', 'string', DOC.ServiceSpec_ports),
    AGE_COLUMN,
    col('Selector', 'string', DOC.ServiceSpec_selector, 1),
  ],
  print(obj, ctx) {
    const svc = as<Service>(obj);
    // Decoding defaults type to ClusterIP; the registry keeps clusterIPs[0] == clusterIP.
    const type = svc.spec?.type ?? 'ClusterIP';
    const clusterIP = svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '<none>';
    return {
      cells: [
        nameOf(obj),
        type,
        clusterIP,
        externalIP(svc, type),
        portString(svc.spec?.ports) || '<none>',
        age(obj, ctx),
        formatLabels(svc.spec?.selector),
      ],
    };
  },
};

/** net.JoinHostPort */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpoints(endpoints, nil): up to 3 `ip:port`, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // headless services without ports
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: Printer = {
  columns: [NAME_COLUMN, col('Endpoints', 'string', DOC.Endpoints_subsets), AGE_COLUMN],
  print(obj, ctx) {
    return { cells: [nameOf(obj), formatEndpoints(as<Endpoints>(obj)), age(obj, ctx)] };
  },
};

/** listWithMoreString */
function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

function formatDiscoveryPorts(ports: EndpointPort[] | undefined): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const p of ports ?? []) {
    if (list.length < max) {
      list.push(p.port != null ? String(p.port) : p.name != null ? p.name : '*');
    } else if (list.length === max) {
      more = true;
    }
    count++;
  }
  return listWithMore(list, more, count, max);
}

function formatDiscoveryEndpoints(endpoints: SliceEndpoint[] | undefined): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of endpoints ?? []) {
    for (const addr of e.addresses ?? []) {
      if (list.length < max) list.push(addr);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, max);
}

export const endpointSlicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('AddressType', 'string', DOC.EndpointSlice_addressType),
    col('Ports', 'string', DOC.EndpointSlice_ports),
    col('Endpoints', 'string', DOC.EndpointSlice_endpoints),
    AGE_COLUMN,
  ],
  print(obj, ctx) {
    const es = as<EndpointSlice>(obj);
    return {
      cells: [
        nameOf(obj),
        es.addressType ?? '',
        formatDiscoveryPorts(es.ports),
        formatDiscoveryEndpoints(es.endpoints),
        age(obj, ctx),
      ],
    };
  },
};
