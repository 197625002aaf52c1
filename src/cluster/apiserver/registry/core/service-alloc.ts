// ClusterIP and NodePort allocation, as kube-apiserver's ipallocator (bitmap) and portallocator
// with the random-scan-with-offset strategy of v1.32: dynamic allocation prefers the upper part
// of the range and leaves the lower "static" band (10.96.0.1-10.96.1.0, 30000-30085) to
// explicit requests such as `kubernetes` (10.96.0.1) and kube-dns (10.96.0.10).
//
// The allocators keep no state of their own: what is allocated is read from the stored services
// on every request (ctx.list('services')). A deleted service therefore releases its IP and ports
// as soon as it leaves the store, dry runs allocate nothing persistent, and snapshots need no
// separate allocator data.
import type { KubeObject } from '../../../../api/types';
import { parseIPv4 } from '../../../../api/names';
import type { StrategyContext } from '../types';
import { arr, asObj, num, str, strs } from './generic';

export const SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_RANGE = { base: 30000, size: 2768 } as const; // 30000-32767
export const NODE_PORT_RANGE_STRING = '30000-32767';

const CIDR_BASE = ipToInt('10.96.0.0');
const CIDR_SIZE = 1 << 20; // a /12
// The network and broadcast addresses are never handed out.
const IP_MAX = CIDR_SIZE - 2;

/** calculateRangeOffset for IPs: min(max(16, size/16), 256). */
export const IP_RANGE_OFFSET = Math.min(Math.max(16, Math.floor(CIDR_SIZE / 16)), 256);
/** calculateRangeOffset for ports: min(max(16, size/32), 128). */
export const PORT_RANGE_OFFSET = Math.min(Math.max(16, Math.floor(NODE_PORT_RANGE.size / 32)), 128);

export function ipToInt(ip: string): number {
  const p = parseIPv4(ip)!;
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The canonical form Go's net.IP.String() gives an IPv4 address (leading zeros dropped). */
export function canonicalIPv4(ip: string): string | undefined {
  return parseIPv4(ip) ? intToIp(ipToInt(ip)) : undefined;
}

/** Bit index of an IP in the service range, or undefined when outside the allocatable part. */
function ipOffset(ip: string): number | undefined {
  if (!parseIPv4(ip)) return undefined;
  const off = ipToInt(ip) - CIDR_BASE - 1;
  return off >= 0 && off < IP_MAX ? off : undefined;
}

/** ipallocator.ErrNotInRange / ErrAllocated texts. */
export function ipNotInRange(ip: string): string {
  return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
}
export const IP_ALLOCATED = 'provided IP is already allocated';
export const PORT_ALLOCATED = 'provided port is already allocated';
export const PORT_NOT_IN_RANGE = `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE_STRING}`;

function sameService(a: KubeObject, b: KubeObject | undefined): boolean {
  return !!b && (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '') && a.metadata.name === b.metadata.name;
}

/** ClusterIPs held by stored services (optionally skipping one service). */
export function allocatedClusterIPs(ctx: StrategyContext, skip?: KubeObject): Set<number> {
  const used = new Set<number>();
  for (const svc of ctx.list('services')) {
    if (skip && sameService(svc, skip)) continue;
    const s = asObj(svc.spec);
    if (s.type === 'ExternalName') continue;
    const ips = strs(s.clusterIPs);
    if (!ips.length && s.clusterIP) ips.push(str(s.clusterIP));
    for (const ip of ips) {
      const off = ipOffset(ip);
      if (off !== undefined) used.add(off);
    }
  }
  return used;
}

/** Node ports (and health-check node ports) held by stored services. */
export function allocatedNodePorts(ctx: StrategyContext, skip?: KubeObject): Set<number> {
  const used = new Set<number>();
  for (const svc of ctx.list('services')) {
    if (skip && sameService(svc, skip)) continue;
    for (const p of serviceNodePorts(svc)) used.add(p);
  }
  return used;
}

/** collectServiceNodePorts plus the health-check node port. */
export function serviceNodePorts(svc: KubeObject): number[] {
  const s = asObj(svc.spec);
  const out: number[] = [];
  for (const p of arr(s.ports)) if (num(p.nodePort)) out.push(num(p.nodePort));
  if (num(s.healthCheckNodePort)) out.push(num(s.healthCheckNodePort));
  return out;
}

/** The outcome of an allocation attempt: a value, or the allocator's error text. */
export type AllocResult<T> = { ok: true; value: T } | { ok: false; error: string; full?: boolean };

/** Allocate(ip): the requested IP if it is in range and free. */
export function allocateIP(ip: string, used: Set<number>): AllocResult<string> {
  const off = ipOffset(ip);
  if (off === undefined) return { ok: false, error: ipNotInRange(canonicalIPv4(ip) ?? ip) };
  if (used.has(off)) return { ok: false, error: IP_ALLOCATED };
  used.add(off);
  return { ok: true, value: intToIp(CIDR_BASE + 1 + off) };
}

/** AllocateNext: random scan of the upper band, then of the lower band. */
export function allocateNextIP(ctx: StrategyContext, used: Set<number>): AllocResult<string> {
  const off = randomScan(ctx, used, IP_MAX, IP_RANGE_OFFSET);
  if (off === undefined) return { ok: false, error: 'range is full', full: true };
  used.add(off);
  return { ok: true, value: intToIp(CIDR_BASE + 1 + off) };
}

/** Allocate(port) */
export function allocatePort(port: number, used: Set<number>): AllocResult<number> {
  if (!(port >= NODE_PORT_RANGE.base && port < NODE_PORT_RANGE.base + NODE_PORT_RANGE.size)) return { ok: false, error: PORT_NOT_IN_RANGE };
  if (used.has(port)) return { ok: false, error: PORT_ALLOCATED };
  used.add(port);
  return { ok: true, value: port };
}

/** AllocateNext for node ports. */
export function allocateNextPort(ctx: StrategyContext, used: Set<number>): AllocResult<number> {
  const usedOffsets = new Set<number>();
  for (const p of used) usedOffsets.add(p - NODE_PORT_RANGE.base);
  const off = randomScan(ctx, usedOffsets, NODE_PORT_RANGE.size, PORT_RANGE_OFFSET);
  if (off === undefined) return { ok: false, error: 'range is full', full: true };
  const port = NODE_PORT_RANGE.base + off;
  used.add(port);
  return { ok: true, value: port };
}

// randomScanStrategyWithOffset.AllocateBit: a random start in the upper sub-range [offset, max),
// scanning forward with wrap-around; when that is full, the same in [0, offset).
function randomScan(ctx: StrategyContext, used: Set<number>, max: number, offset: number): number | undefined {
  const upper = max - offset;
  if (upper > 0) {
    const start = ctx.rand.int(upper);
    for (let i = 0; i < upper; i++) {
      const at = offset + ((start + i) % upper);
      if (!used.has(at)) return at;
    }
  }
  if (offset > 0) {
    const start = ctx.rand.int(offset);
    for (let i = 0; i < offset; i++) {
      const at = (start + i) % offset;
      if (!used.has(at)) return at;
    }
  }
  return undefined;
}
