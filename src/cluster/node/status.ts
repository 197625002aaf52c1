// The pod status a kubelet reports, computed from its runtime's view (pkg/kubelet/status and
// kubelet_pods.go: getPhase, the five conditions, container statuses).
import type { KubeObject } from '../../api/types';
import { rfc3339, type ContainerRt, type Sandbox, type Terminated } from './sandbox';

type Obj = Record<string, any>;

export function restartPolicy(pod: KubeObject): string {
  return ((pod.spec ?? {}) as Obj).restartPolicy ?? 'Always';
}

/** Whether a stopped container will be started again. */
export function shouldRestart(pod: KubeObject, c: ContainerRt, t: Terminated): boolean {
  const policy = restartPolicy(pod);
  if (c.init) return t.exitCode !== 0 && policy !== 'Never';
  if (policy === 'Always') return true;
  return policy === 'OnFailure' && t.exitCode !== 0;
}

/** The containers the kubelet works on now: the first unfinished init container, else the app containers. */
export function activeContainers(sb: Sandbox): ContainerRt[] {
  for (const c of sb.containers) {
    if (!c.init) break;
    if (c.terminated?.exitCode === 0) continue;
    return [c];
  }
  return sb.containers.filter((c) => !c.init);
}

export function initDone(sb: Sandbox): boolean {
  return sb.containers.every((c) => !c.init || c.terminated?.exitCode === 0);
}

function terminatedJson(t: Terminated): Obj {
  const o: Obj = { exitCode: t.exitCode, reason: t.reason };
  if (t.signal !== undefined) o.signal = t.signal;
  if (t.message) o.message = t.message;
  o.startedAt = rfc3339(t.startedAt);
  o.finishedAt = rfc3339(t.finishedAt);
  o.containerID = t.containerID;
  return o;
}

function containerStatus(c: ContainerRt, defaultReason: string): Obj {
  let state: Obj;
  if (c.running) state = { running: { startedAt: rfc3339(c.running.startedAt) } };
  else if (c.terminated) state = { terminated: terminatedJson(c.terminated) };
  else if (c.waiting) state = { waiting: c.waiting.message ? { reason: c.waiting.reason, message: c.waiting.message } : { reason: c.waiting.reason } };
  else state = { waiting: { reason: defaultReason } };
  const everRan = !!(c.running || c.terminated || c.lastTerminated);
  const o: Obj = {
    name: c.name,
    state,
    lastState: c.lastTerminated ? { terminated: terminatedJson(c.lastTerminated) } : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: everRan && c.image ? c.image.ref.full : String(c.spec.image ?? ''),
    imageID: everRan && c.image ? c.image.imageID : '',
  };
  const id = c.running?.id ?? c.terminated?.containerID ?? c.lastTerminated?.containerID;
  if (id) o.containerID = id;
  o.started = c.started;
  return o;
}

/** kubelet getPhase. */
export function podPhase(pod: KubeObject, sb: Sandbox): string {
  const policy = restartPolicy(pod);
  if (!initDone(sb)) {
    let failedInit = false;
    for (const c of sb.containers) if (c.init && c.terminated && c.terminated.exitCode !== 0 && !shouldRestart(pod, c, c.terminated)) failedInit = true;
    return failedInit && policy === 'Never' ? 'Failed' : 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of sb.containers) {
    if (c.init) continue;
    if (c.running) running++;
    else if (c.terminated) {
      stopped++;
      if (c.terminated.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) stopped++;
    else waiting++;
  }
  const failed = stopped - succeeded;
  if (sb.finished) return failed > 0 || (running === 0 && stopped === 0) ? 'Failed' : 'Succeeded';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (policy === 'OnFailure') return stopped === succeeded ? 'Succeeded' : 'Running';
    return failed > 0 ? 'Failed' : 'Succeeded';
  }
  return 'Pending';
}

function condition(sb: Sandbox, now: number, type: string, status: string, reason?: string, message?: string): Obj {
  const prev = sb.conditions[type];
  let at: string;
  if (prev && prev.status === status) at = prev.at;
  else {
    at = rfc3339(now);
    // The sandbox's own record: updated in place.
    if (prev) {
      prev.status = status;
      prev.at = at;
    } else sb.conditions[type] = { status, at };
  }
  const o: Obj = { type, status, lastProbeTime: null, lastTransitionTime: at };
  if (reason) o.reason = reason;
  if (message) o.message = message;
  return o;
}

export function buildPodStatus(pod: KubeObject, sb: Sandbox, now: number): Obj {
  const old = (pod.status ?? {}) as Obj;
  const phase = podPhase(pod, sb);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  // The names of the unready app containers and of the incomplete init containers, space-separated.
  let inits = 0;
  let unready = '';
  let incompleteInit = '';
  for (const c of sb.containers) {
    if (c.init) {
      inits++;
      if (c.terminated?.exitCode !== 0) incompleteInit += incompleteInit ? ` ${c.name}` : c.name;
    } else if (!c.ready) unready += unready ? ` ${c.name}` : c.name;
  }
  const notReady = unready ? `containers with unready status: [${unready}]` : '';
  // The five conditions in one literal (PodScheduled last): no array grown by a push.
  const scheduled = ((old.conditions ?? []) as Obj[]).find((c) => c.type === 'PodScheduled');
  const conditions: Obj[] = [
    condition(sb, now, 'PodReadyToStartContainers', sb.ip && !sb.finished ? 'True' : 'False'),
    incompleteInit && !terminal
      ? condition(sb, now, 'Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit}]`)
      : condition(sb, now, 'Initialized', 'True'),
    terminal ? condition(sb, now, 'Ready', 'False', 'PodCompleted') : notReady ? condition(sb, now, 'Ready', 'False', 'ContainersNotReady', notReady) : condition(sb, now, 'Ready', 'True'),
    terminal
      ? condition(sb, now, 'ContainersReady', 'False', 'PodCompleted')
      : notReady
        ? condition(sb, now, 'ContainersReady', 'False', 'ContainersNotReady', notReady)
        : condition(sb, now, 'ContainersReady', 'True'),
    scheduled ?? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(sb.acceptedAt) },
  ];
  const status: Obj = { phase, conditions, hostIP: sb.hostIP, hostIPs: [{ ip: sb.hostIP }] };
  if (sb.ip) {
    status.podIP = sb.ip;
    status.podIPs = [{ ip: sb.ip }];
  }
  status.startTime = rfc3339(sb.acceptedAt);
  const initReason = inits ? 'PodInitializing' : 'ContainerCreating';
  // Sized up front (the counts are known): no array grown by pushes.
  const initStatuses: Obj[] | undefined = inits ? new Array(inits) : undefined;
  const mainStatuses: Obj[] = new Array(sb.containers.length - inits);
  let ni = 0;
  let nm = 0;
  for (const c of sb.containers) {
    if (c.init) initStatuses![ni++] = containerStatus(c, 'PodInitializing');
    else mainStatuses[nm++] = containerStatus(c, initReason);
  }
  if (initStatuses) status.initContainerStatuses = initStatuses;
  status.containerStatuses = mainStatuses;
  if (old.qosClass) status.qosClass = old.qosClass;
  if (old.nominatedNodeName !== undefined) status.nominatedNodeName = old.nominatedNodeName;
  return status;
}

/** Deep equality of JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], bb[i])) return false;
    return true;
  }
  // Compared on every sync: count the defined keys instead of listing them.
  const oa = a as Obj;
  const ob = b as Obj;
  let na = 0;
  for (const k in oa) {
    if (!Object.prototype.hasOwnProperty.call(oa, k) || oa[k] === undefined) continue;
    na++;
    if (!sameJson(oa[k], ob[k])) return false;
  }
  let nb = 0;
  for (const k in ob) if (Object.prototype.hasOwnProperty.call(ob, k) && ob[k] !== undefined) nb++;
  return na === nb;
}
