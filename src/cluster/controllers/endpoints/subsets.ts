// Endpoints subsets as pkg/api/v1/endpoints/util.go builds them: one entry per (pod, port),
// repacked so addresses sharing the same set of ports share a subset, then sorted. Upstream
// sorts ports and subsets by an md5 of their Go representation; we sort by name, port and
// first address instead (stable and readable; order within one subset's addresses matches).
export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string; resourceVersion?: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** One address for one pod with one (or no) port: addEndpointSubset. */
export function singleSubset(addr: EndpointAddress, port: EndpointPort | undefined, ready: boolean): EndpointSubset {
  const ports = port ? [port] : [];
  return ready ? { addresses: [addr], ports } : { notReadyAddresses: [addr], ports };
}

const addrKey = (a: EndpointAddress) => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort) => `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol}\u0000${p.appProtocol ?? ''}`;

export function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const au = a.targetRef?.uid ?? '';
  const bu = b.targetRef?.uid ?? '';
  return au < bu ? -1 : au > bu ? 1 : 0;
}

function lessPort(a: EndpointPort, b: EndpointPort): number {
  const an = a.name ?? '';
  const bn = b.name ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0);
}

/** RepackSubsets: group addresses by the exact set of ports they serve; ready wins over not ready. */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  const portInfo = new Map<string, { port: EndpointPort | null; addrs: Map<string, boolean> }>();
  const mapAddr = (a: EndpointAddress, p: EndpointPort | null, ready: boolean) => {
    const k = addrKey(a);
    if (!allAddrs.has(k)) allAddrs.set(k, a);
    const pk = p ? portKey(p) : '\u0001sentinel';
    let info = portInfo.get(pk);
    if (!info) portInfo.set(pk, (info = { port: p, addrs: new Map() }));
    if (info.addrs.get(k) !== true) info.addrs.set(k, ready);
  };
  for (const ss of subsets) {
    const ports: (EndpointPort | null)[] = ss.ports?.length ? ss.ports : [null];
    for (const p of ports) {
      for (const a of ss.addresses ?? []) mapAddr(a, p, true);
      for (const a of ss.notReadyAddresses ?? []) mapAddr(a, p, false);
    }
  }
  // Sets of (address, ready) → the ports they offer.
  const groups = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const info of portInfo.values()) {
    const key = [...info.addrs].map(([k, r]) => `${k}\u0000${r}`).sort().join('\u0002');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { addrs: info.addrs, ports: [] }));
    if (info.port) g.ports.push(info.port);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of g.addrs) (r ? ready : notReady).push(allAddrs.get(k)!);
    const ss: EndpointSubset = {};
    if (ready.length) ss.addresses = ready.sort(lessAddress);
    if (notReady.length) ss.notReadyAddresses = notReady.sort(lessAddress);
    if (g.ports.length) ss.ports = g.ports.sort(lessPort);
    out.push(ss);
  }
  const first = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? '';
  const firstPort = (s: EndpointSubset) => (s.ports?.[0] ? portKey(s.ports[0]) : '');
  return out.sort((a, b) => (firstPort(a) < firstPort(b) ? -1 : firstPort(a) > firstPort(b) ? 1 : first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
}

export const MAX_CAPACITY = 1000;
export const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

function count(subsets: EndpointSubset[]): { ready: number; notReady: number } {
  let ready = 0;
  let notReady = 0;
  for (const s of subsets) {
    ready += s.addresses?.length ?? 0;
    notReady += s.notReadyAddresses?.length ?? 0;
  }
  return { ready, notReady };
}

/** truncateEndpoints: keep at most 1000 addresses, proportionally per subset, ready first. */
export function truncateSubsets(subsets: EndpointSubset[]): boolean {
  const { ready, notReady } = count(subsets);
  if (ready + notReady <= MAX_CAPACITY) return false;
  const truncateReady = ready > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - ready;
  const total = truncateReady ? ready : notReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const n = (truncateReady ? s.addresses : s.notReadyAddresses)?.length ?? 0;
    const toAdd = Math.min(Math.ceil((n / total) * max), canBeAdded);
    if (truncateReady) {
      s.addresses = s.addresses?.slice(0, toAdd);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses?.length ?? 0;
    } else {
      s.notReadyAddresses = s.notReadyAddresses?.slice(0, toAdd);
      canBeAdded -= s.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}

export function capacityAnnotationSetCorrectly(annotations: Record<string, string> | undefined, subsets: EndpointSubset[]): boolean {
  const { ready, notReady } = count(subsets);
  if (ready + notReady > MAX_CAPACITY) return false;
  return !(annotations && OVER_CAPACITY in annotations);
}

/** endpointSubsetsEqualIgnoreResourceVersion, on a canonical form. */
export function subsetsEqual(a: EndpointSubset[] | undefined, b: EndpointSubset[] | undefined): boolean {
  const norm = (s: EndpointSubset[] | undefined) =>
    JSON.stringify(
      (s ?? []).map((ss) => ({
        a: (ss.addresses ?? []).map(addrCanon),
        n: (ss.notReadyAddresses ?? []).map(addrCanon),
        p: (ss.ports ?? []).map((p) => [p.name ?? '', p.port, p.protocol ?? 'TCP', p.appProtocol ?? '']),
      })),
    );
  return norm(a) === norm(b);
}

function addrCanon(a: EndpointAddress): unknown[] {
  const r = a.targetRef;
  return [a.ip, a.hostname ?? '', a.nodeName ?? '', r ? [r.kind, r.namespace, r.name, r.uid] : null];
}
