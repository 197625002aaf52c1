// Probes as pkg/kubelet/prober runs them: httpGet through the pod's app, tcpSocket against its
// listening ports, exec through the container's shell; failures carry the prober's messages.
import { joinHostPort, urlString } from '../../api/gourl';
import type { ContainerRt, Sandbox } from './sandbox';
import type { ProcessHost } from './process';
import { shellHost } from './process';
import { Shell, runNow } from './shell/run';
import type { FleetLink } from './kubelet';
import type { HttpRequest, HttpResult } from './types';

type Obj = Record<string, any>;

function portOf(c: ContainerRt, port: unknown): number {
  if (typeof port === 'number') return port;
  const named = ((c.spec.ports ?? []) as Obj[]).find((p) => p.name === port);
  return Number(named?.containerPort ?? port);
}

/** A request to one of the sandbox's own listening ports. */
function serveLocal(sb: Sandbox, port: number, req: HttpRequest): HttpResult {
  for (const c of sb.containers) {
    const app = c.running && !c.proc?.exited ? c.proc?.app : undefined;
    if (!app || !app.ports.includes(port)) continue;
    if (!app.http) return { error: 'empty' };
    const r = app.http({ ...req, remoteAddr: '127.0.0.1' }, port);
    return r === 'empty' ? { error: 'empty' } : r;
  }
  return { error: 'refused' };
}

export function runProbe(probe: Obj, c: ContainerRt, sb: Sandbox, host: ProcessHost, link: FleetLink): { ok: boolean; message: string } {
  const ip = sb.ip ?? '';
  if (probe.httpGet) {
    const g = probe.httpGet as Obj;
    const port = portOf(c, g.port);
    const path = g.path ?? '/';
    // The kubelet's formatURL: net/url's String() over JoinHostPort (brackets an IPv6 host).
    const url = urlString(String(g.scheme ?? 'HTTP').toLowerCase(), joinHostPort(String(g.host ?? ip), String(port)), path);
    const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.32', Accept: '*/*' };
    for (const h of (g.httpHeaders ?? []) as Obj[]) headers[h.name] = h.value;
    // The kubelet probes from the node: loopback, or the node's own IP for a hostNetwork pod,
    // reaches the pod's own listeners (several hostNetwork pods share that IP).
    const local = g.host === '127.0.0.1' || g.host === 'localhost' || (g.host !== undefined && g.host === ip);
    const r = local ? serveLocal(sb, port, { method: 'GET', path, headers }) : link.http(undefined, url, { method: 'GET', headers });
    if ('error' in r) {
      const why = r.error === 'refused' ? 'connect: connection refused' : r.error === 'timeout' ? 'i/o timeout' : 'EOF';
      if (r.error === 'timeout') return { ok: false, message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
      return { ok: false, message: `Get "${url}": dial tcp ${joinHostPort(ip, String(port))}: ${why}` };
    }
    if (r.status >= 200 && r.status < 400) return { ok: true, message: '' };
    return { ok: false, message: `HTTP probe failed with statuscode: ${r.status}` };
  }
  if (probe.tcpSocket) {
    const port = portOf(c, (probe.tcpSocket as Obj).port);
    const open = sb.containers.some((x) => x.running && !x.proc?.exited && x.proc?.app?.ports.includes(port));
    return open ? { ok: true, message: '' } : { ok: false, message: `dial tcp ${joinHostPort(ip, String(port))}: connect: connection refused` };
  }
  if (probe.exec) {
    const argv = ((probe.exec as Obj).command ?? []) as string[];
    let out = '';
    const sh = new Shell(shellHost(sb, c, host), c.env, { out: (s) => (out += s), err: (s) => (out += s) });
    const code = runNow(sh.exec(argv, ''));
    if (code === 0) return { ok: true, message: '' };
    return { ok: false, message: out || `command "${argv.join(' ')}" exited with ${code}` };
  }
  if (probe.grpc) return { ok: true, message: '' };
  return { ok: true, message: '' };
}
