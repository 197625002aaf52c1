// The apiserver's node-served subresources: pods/log (container, tailLines, previous, follow,
// timestamps, sinceSeconds, limitBytes), pods/exec (a command in a container; an interactive
// shell when streaming with stdin), pods/proxy and services/proxy through the pods' apps.
import type { ApiRequest, ApiResponse, StreamSink, StreamSubscription } from '../../api/client';
import type { KubeObject } from '../../api/types';
import { badRequest, internalError, serviceUnavailable } from '../../api/status';
import type { NodeHooks } from '../apiserver/context';
import type { ControllerContext } from '../controllers/context';
import type { Kubelet } from './kubelet';
import type { ContainerRt, LogLine } from './sandbox';
import { rfc3339Nano } from './sandbox';
import type { HttpOptions, HttpResult } from './types';
import { Shell, runNow, ExitSignal } from './shell/run';
import { attachProcess, execSession } from './console';
import { shellHost } from './process';
import { COMMANDS } from './shell/commands';
import type { NodeFleet } from './fleet';

type Obj = Record<string, any>;
type Http = (fromIP: string | undefined, url: string, opts?: HttpOptions) => HttpResult;

function textOk(body: string): ApiResponse {
  return { status: 200, body, contentType: 'text/plain' };
}

function pickContainer(pod: KubeObject, name: string | undefined): string {
  const spec = (pod.spec ?? {}) as Obj;
  const mains = ((spec.containers ?? []) as Obj[]).map((c) => String(c.name));
  const inits = ((spec.initContainers ?? []) as Obj[]).map((c) => String(c.name));
  if (!name) {
    if (mains.length === 1) return mains[0];
    const more = inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : '';
    throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${mains.join(' ')}]${more}`);
  }
  if (!mains.includes(name) && !inits.includes(name)) throw badRequest(`container ${name} is not valid for pod ${pod.metadata.name}`);
  return name;
}

function containerStatusOf(pod: KubeObject, name: string): Obj | undefined {
  const st = (pod.status ?? {}) as Obj;
  return [...((st.initContainerStatuses ?? []) as Obj[]), ...((st.containerStatuses ?? []) as Obj[])].find((c) => c.name === name);
}

/** kubelet validateContainerLogStatus: which container instance's log to read, or why not. */
function logSource(pod: KubeObject, name: string, previous: boolean): 'current' | 'previous' {
  const cs = containerStatusOf(pod, name);
  const podName = pod.metadata.name;
  if (previous) {
    if (!cs?.lastState?.terminated) throw badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
    return 'previous';
  }
  if (cs?.state?.running || cs?.state?.terminated) return 'current';
  if (cs?.lastState?.terminated) return 'previous';
  const reason = cs?.state?.waiting?.reason ?? 'ContainerCreating';
  if (reason === 'ErrImagePull') throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
  if (reason === 'ImagePullBackOff') throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
  throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${reason}`);
}

export function makeHooks(ctx: ControllerContext, fleet: NodeFleet, http: Http, kubelets: Map<string, Kubelet>): NodeHooks {
  const locate = (pod: KubeObject, what: string) => {
    const k = kubelets.get(((pod.spec ?? {}) as Obj).nodeName);
    if (!k) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
    if (k.stopped) {
      const ip = k.spec.internalIP;
      throw serviceUnavailable(`Get "https://${ip}:10250/${what}/${pod.metadata.namespace}/${pod.metadata.name}": dial tcp ${ip}:10250: connect: no route to host`);
    }
    const sb = k.sandboxes.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    return { k, sb: sb && sb.uid === pod.metadata.uid ? sb : undefined };
  };
  const runtimeContainer = (pod: KubeObject, name: string, what: string): ContainerRt | undefined => locate(pod, what).sb?.containers.find((c) => c.name === name);

  const log: NodeHooks['log'] = (pod, q, sink) => {
    const name = pickContainer(pod, q.container);
    const source = logSource(pod, name, q.previous === 'true');
    const c = runtimeContainer(pod, name, 'containerLogs');
    let lines: LogLine[] = c ? (source === 'previous' ? c.prevLogs : c.logs) : [];
    const now = ctx.clock.now();
    if (q.sinceSeconds) lines = lines.filter((l) => l.t >= now - Number(q.sinceSeconds) * 1000);
    if (q.sinceTime) lines = lines.filter((l) => l.t >= Date.parse(q.sinceTime));
    if (q.tailLines !== undefined) {
      const n = Number(q.tailLines);
      lines = n <= 0 ? [] : lines.slice(-n);
    }
    const ts = q.timestamps === 'true';
    let text = lines.map((l) => (ts ? rfc3339Nano(l.t) + ' ' : '') + l.line + '\n').join('');
    if (q.limitBytes) text = text.slice(0, Number(q.limitBytes));
    const live = c && source === 'current' && c.running && !c.proc?.exited;
    if (q.follow !== 'true' || !sink) return textOk(text);
    if (text) sink.data(text);
    if (!live) {
      sink.end();
      return { stop() {} };
    }
    const f = { sink, timestamps: ts };
    c!.followers.add(f);
    return { stop: () => c!.followers.delete(f) };
  };

  const exec: NodeHooks['exec'] = (pod, q, sink) => {
    const name = pickContainer(pod, q.container);
    const c = runtimeContainer(pod, name, 'exec');
    const { sb } = locate(pod, 'exec');
    if (!c || !sb || !c.running || c.proc?.exited) throw badRequest(`unable to upgrade connection: container not found ("${name}")`);
    const argv = parseCommand(q.command);
    if (!argv.length) throw badRequest('you must specify at least one command for the container');
    const interactive = !!sink && (q.stdin === 'true' || q.stdin === '1');
    const tty = q.tty === 'true' || q.tty === '1';
    const img = c.image!.image;
    const base = argv[0].split('/').pop()!;
    const hostFor = shellHost(sb, c, { clock: ctx.clock, rand: ctx.rand, nodeName: sb.hostIP, http, exited: () => {} }, tty);
    const shellish = (base === 'sh' || base === 'bash') && argv.length === 1;
    if (img.shell === 'none' || (base === 'bash' && img.shell !== 'bash')) {
      throw internalError(
        `error executing command in container: failed to exec in container: failed to start exec "${ctx.rand.hex(64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
      );
    }
    if (interactive && shellish) return execSession(sink!, new Shell(hostFor, [...c.env, ['PWD', img.workingDir]], { out: (s) => sink!.data(s), err: (s) => sink!.data(s) }), sb.name, img.shell === 'bash');
    let stdout = '';
    let stderr = '';
    const sh = new Shell(hostFor, c.env, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
    sh.cwd = img.workingDir;
    const known = sh.host.programs[base] || isBuiltin(base);
    if (!known) {
      throw internalError(
        `error executing command in container: failed to exec in container: failed to start exec "${ctx.rand.hex(64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
      );
    }
    let code: number;
    try {
      code = runNow(sh.exec(argv, ''));
    } catch (e) {
      if (e instanceof ExitSignal) code = e.code;
      else throw e;
    }
    if (sink) {
      if (stdout) sink.data(stdout);
      if (stderr) sink.data(stderr);
    }
    return { status: 200, body: { stdout, stderr, exitCode: code }, contentType: 'application/json' };
  };

  // pods/attach: to the container's own process (its shell when started with stdin open).
  const attach: NodeHooks['attach'] = (pod, q, sink) => {
    const name = pickContainer(pod, q.container);
    const c = runtimeContainer(pod, name, 'attach');
    if (!c || (!c.running && !c.terminated)) throw badRequest(`unable to upgrade connection: container not found ("${name}")`);
    if (!sink) throw badRequest('attach needs a streaming connection');
    if (!c.running || !c.proc || c.proc.exited) {
      // Exited as soon as it started (`run -i -- echo hi`), before the pod's status said so: the
      // stream saw its whole output.
      for (const l of c.logs) sink.data(l.line + '\n');
      sink.end();
      return { stop() {} };
    }
    return attachProcess(c, sink, q.stdin === 'true' || q.stdin === '1');
  };

  let rr = 0;
  const proxy: NodeHooks['proxy'] = (target, rest, req) => {
    const path = (rest.startsWith('/') ? rest : '/' + rest) + queryString(req.query);
    const method = req.verb;
    const body = typeof req.body === 'string' ? req.body : req.body === undefined ? undefined : JSON.stringify(req.body);
    if (target.kind === 'pods') {
      const pod = target.object;
      const ip = ((pod.status ?? {}) as Obj).podIP as string | undefined;
      if (!ip) throw badRequest('address not allowed');
      const port = resolvePodPort(pod, target.port);
      if (port === undefined) throw badRequest(`no port named "${target.port}" in pod ${pod.metadata.name}`);
      return answer(fleet.runtime.serve(ip, port, { method, path, body, headers: { 'User-Agent': 'kubectl', 'X-Forwarded-For': '127.0.0.1' }, remoteAddr: '10.244.0.1' }), ip, port);
    }
    if (target.kind === 'services') {
      const svc = target.object;
      const ns = svc.metadata.namespace!;
      const sp = resolveServicePort(svc, target.port);
      if (!sp) throw serviceUnavailable(`no endpoints available for service "${svc.metadata.name}"`);
      const ep = ctx.client('kube-apiserver').get('endpoints', ns, svc.metadata.name!) as Obj | undefined;
      const choices: { ip: string; port: number }[] = [];
      for (const s of (ep?.subsets ?? []) as Obj[]) {
        const p = ((s.ports ?? []) as Obj[]).find((x) => (sp.name ? x.name === sp.name : true));
        if (!p) continue;
        for (const a of (s.addresses ?? []) as Obj[]) choices.push({ ip: a.ip, port: p.port });
      }
      if (!choices.length) throw serviceUnavailable(`no endpoints available for service "${svc.metadata.name}"`);
      const pick = choices[rr++ % choices.length];
      return answer(fleet.runtime.serve(pick.ip, pick.port, { method, path, body, headers: { 'User-Agent': 'kubectl' }, remoteAddr: '10.244.0.1' }), pick.ip, pick.port);
    }
    throw serviceUnavailable(`the server is currently unable to handle the request`);
  };

  return { log, exec, attach, proxy };
}

function answer(r: HttpResult, ip: string, port: number): ApiResponse {
  if ('error' in r) {
    const why = r.error === 'refused' ? 'connect: connection refused' : r.error === 'timeout' ? 'i/o timeout' : r.error === 'empty' ? 'EOF' : 'connect: no route to host';
    throw serviceUnavailable(r.error === 'empty' ? `error trying to reach service: EOF` : `error trying to reach service: dial tcp ${ip}:${port}: ${why}`);
  }
  const ct = r.headers['Content-Type'] ?? r.headers['content-type'] ?? 'text/plain';
  return { status: r.status, body: r.body, contentType: ct };
}

function queryString(q: Record<string, string> | undefined): string {
  if (!q) return '';
  const parts = Object.entries(q).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? '?' + parts.join('&') : '';
}

function resolvePodPort(pod: KubeObject, port: string | undefined): number | undefined {
  if (!port) return 80;
  if (/^\d+$/.test(port)) return Number(port);
  for (const c of ((pod.spec ?? {}) as Obj).containers ?? []) for (const p of c.ports ?? []) if (p.name === port) return p.containerPort;
  return undefined;
}

function resolveServicePort(svc: KubeObject, port: string | undefined): Obj | undefined {
  const ports = (((svc.spec ?? {}) as Obj).ports ?? []) as Obj[];
  if (!port) return ports[0];
  return ports.find((p) => p.name === port || String(p.port) === port);
}

/** `command` as JSON array (the in-process transport) or a single word. */
export function parseCommand(cmd: unknown): string[] {
  if (Array.isArray(cmd)) return cmd.map(String);
  if (typeof cmd !== 'string' || !cmd) return [];
  if (cmd.startsWith('[')) {
    try {
      const v = JSON.parse(cmd);
      if (Array.isArray(v)) return v.map(String);
    } catch {
      /* a literal command starting with [ */
    }
  }
  return cmd.includes('\u0000') ? cmd.split('\u0000') : [cmd];
}

function isBuiltin(name: string): boolean {
  return name in COMMANDS;
}
