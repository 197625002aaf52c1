// Cluster DNS as CoreDNS's kubernetes plugin answers it (cluster.local, `pods insecure`), with
// the resolver behaviour of a ClusterFirst pod: the search list of its namespace and ndots:5.
// Names outside cluster.local are not resolvable here (no internet in the playground).
import type { Model } from './model';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_SERVICE_IP = '10.96.0.10';
export const NDOTS = 5;

export interface DnsAnswer {
  /** The fully qualified name that answered, without the trailing dot. */
  name: string;
  /** CNAME target (ExternalName services), without the trailing dot. */
  cname?: string;
  addresses: string[];
}

export type DnsResult = DnsAnswer | { error: 'NXDOMAIN'; name: string };

export function searchList(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** /etc/resolv.conf of a ClusterFirst pod, as the kubelet writes it. */
export function resolvConf(namespace: string): string {
  return `search ${searchList(namespace).join(' ')}\nnameserver ${DNS_SERVICE_IP}\noptions ndots:${NDOTS}\n`;
}

/** Answers one fully qualified name (no search list). */
export function query(model: Model, fqdn: string, depth = 0): DnsAnswer | undefined {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!name.endsWith(suffix)) return undefined;
  const labels = name.slice(0, -suffix.length).split('.');
  // <a-b-c-d>.<ns>.pod.cluster.local
  if (labels.length === 3 && labels[2] === 'pod') {
    const ip = labels[0].replace(/-/g, '.');
    return isIPv4(ip) ? { name, addresses: [ip] } : undefined;
  }
  if (labels[labels.length - 1] !== 'svc') return undefined;
  if (labels.length === 3) {
    const [svcName, ns] = labels;
    const s = model.services.get(`${ns}/${svcName}`);
    if (!s) return undefined;
    const spec = (s.spec ?? {}) as { type?: string; clusterIP?: string; externalName?: string; publishNotReadyAddresses?: boolean };
    if (spec.type === 'ExternalName') {
      const target = (spec.externalName ?? '').replace(/\.$/, '');
      const chased = depth < 8 ? query(model, target, depth + 1) : undefined;
      return { name, cname: target, addresses: chased?.addresses ?? [] };
    }
    if (spec.clusterIP && spec.clusterIP !== 'None') return { name, addresses: [spec.clusterIP] };
    // Headless: one A record per endpoint address.
    const ips = headlessAddresses(model, ns, svcName, !!spec.publishNotReadyAddresses);
    return ips.length ? { name, addresses: ips } : undefined;
  }
  if (labels.length === 4) {
    // <hostname>.<svc>.<ns>.svc.cluster.local for endpoints with a hostname (StatefulSets),
    // and <a-b-c-d>.<svc>.<ns>.svc.cluster.local for any endpoint.
    const [host, svcName, ns] = labels;
    for (const e of model.endpointsBySvc.get(`${ns}/${svcName}`) ?? []) {
      if (e.hostname === host || e.ip.replace(/\./g, '-') === host) return { name, addresses: [e.ip] };
    }
  }
  return undefined;
}

function headlessAddresses(model: Model, ns: string, svcName: string, publishNotReady: boolean): string[] {
  const all = model.endpointsBySvc.get(`${ns}/${svcName}`) ?? [];
  return [...new Set((publishNotReady ? all : all.filter((e) => e.ready)).map((e) => e.ip))];
}

/** The resolver's walk: the search list first when the name has fewer than ndots dots. */
export function lookup(model: Model, fromNamespace: string | undefined, name: string): DnsResult {
  const n = name.toLowerCase();
  if (isIPv4(n)) return { name: n, addresses: [n] };
  const candidates: string[] = [];
  if (n.endsWith('.')) candidates.push(n.slice(0, -1));
  else {
    const dots = n.split('.').length - 1;
    const searched = fromNamespace ? searchList(fromNamespace).map((d) => `${n}.${d}`) : [];
    if (dots >= NDOTS) candidates.push(n, ...searched);
    else candidates.push(...searched, n);
  }
  for (const c of candidates) {
    const a = query(model, c);
    if (a) return a;
  }
  return { error: 'NXDOMAIN', name: n.replace(/\.$/, '') };
}

/** PTR: service ClusterIPs and pod IPs back to names. */
export function reverse(model: Model, ip: string): string | undefined {
  for (const sp of model.ports) if (sp.clusterIP === ip) return `${sp.name}.${sp.namespace}.svc.${CLUSTER_DOMAIN}`;
  for (const [key, eps] of model.endpointsBySvc) {
    if (!eps.some((x) => x.ip === ip)) continue;
    const [ns, name] = key.split('/');
    return `${ip.replace(/\./g, '-')}.${name}.${ns}.svc.${CLUSTER_DOMAIN}`;
  }
  const p = model.podsByIP.get(ip);
  if (p) return `${ip.replace(/\./g, '-')}.${p.metadata.namespace}.pod.${CLUSTER_DOMAIN}`;
  return undefined;
}

export interface ToolOutput {
  stdout: string;
  exitCode: number;
}

/**
 * `nslookup NAME` inside a pod. `bind` is the dnsutils nslookup (the DNS debugging page's
 * image); `busybox` is busybox 1.28's.
 */
export function nslookup(model: Model, fromNamespace: string, name: string, style: 'bind' | 'busybox' = 'bind'): ToolOutput {
  const r = lookup(model, fromNamespace, name);
  if (style === 'busybox') {
    const server = `Server:    ${DNS_SERVICE_IP}\nAddress 1: ${DNS_SERVICE_IP} kube-dns.kube-system.svc.${CLUSTER_DOMAIN}\n`;
    if ('error' in r) return { stdout: `${server}\nnslookup: can't resolve '${name}'\n`, exitCode: 1 };
    const lines = r.addresses.map((ip, i) => `Address ${i + 1}: ${ip}${reverseSuffix(model, ip)}`);
    return { stdout: `${server}\nName:      ${name}\n${lines.join('\n')}\n`, exitCode: 0 };
  }
  const server = `Server:\t\t${DNS_SERVICE_IP}\nAddress:\t${DNS_SERVICE_IP}#53\n\n`;
  if ('error' in r) return { stdout: `${server}** server can't find ${name.replace(/\.$/, '')}: NXDOMAIN\n\n`, exitCode: 1 };
  let out = server;
  if (r.cname) out += `${r.name}\tcanonical name = ${r.cname}.\n`;
  const owner = r.cname ?? r.name;
  for (const ip of r.addresses) out += `Name:\t${owner}\nAddress: ${ip}\n`;
  return { stdout: `${out}\n`, exitCode: 0 };
}

function reverseSuffix(model: Model, ip: string): string {
  const n = reverse(model, ip);
  return n ? ` ${n}` : '';
}

export function isIPv4(s: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split('.').every((o) => Number(o) <= 255);
}
