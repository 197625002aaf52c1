// One simulated kubelet: watches the pods bound to its node, runs them through the stage table
// on the virtual clock, reports their status through the API, renews its Lease every 10 s and
// posts node status on change or every 5 minutes (with the Lease carrying liveness).
import type { KubeObject } from '../../api/types';
import type { ControllerContext } from '../controllers/context';
import type { ClusterClient } from '../machinery/client';
import { isAlreadyExists, isConflict, isNotFound } from '../machinery/client';
import type { EventRecorder } from '../machinery/events';
import type { Timer, VirtualClock } from '../machinery/clock';
import type { Rand } from '../machinery/rand';
import { WorkQueue } from '../machinery/workqueue';
import type { NodeSpec } from '../topology';
import { newContainer, rfc3339, type ContainerRt, type Sandbox } from './sandbox';
import { STAGES_BY_TRACK, type Stage, type StageEnv } from './stages';
import { buildPodStatus, sameJson } from './status';
import { containerArgv, startError, startProcess, type ProcessHost } from './process';
import { containerEnv, envReadsApi, EnvError, type EnvInput } from './env';
import { runProbe } from './probe';
import type { HttpOptions, HttpResult } from './types';
import { resolveImage } from './images/catalog';
import { isMirrorPod, preloadedImages } from '../bootstrap-system';
import { ContainerFs, emptyDirMounts } from './volumes';
import { PendingStage, PendingStages } from './pending';

type Obj = Record<string, any>;

export const LEASE_RENEW_MS = 10_000;
export const NODE_STATUS_CHECK_MS = 10_000;
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
export const STOPPED_ANNOTATION = 'kubeplay.io/state';

/** What the fleet shares with each kubelet. */
export interface FleetLink {
  http(fromIP: string | undefined, url: string, opts?: HttpOptions): HttpResult;
  services(): KubeObject[];
  ipAdded(ip: string, k: Kubelet, sb: Sandbox): void;
  ipRemoved(ip: string): void;
}

/** The event reason a node condition's (healthy) status is announced with. */
const CONDITION_EVENTS: Record<string, string> = {
  MemoryPressure: 'NodeHasSufficientMemory',
  DiskPressure: 'NodeHasNoDiskPressure',
  PIDPressure: 'NodeHasSufficientPID',
  Ready: 'NodeReady',
};

export class Kubelet {
  readonly name: string;
  readonly sandboxes = new Map<string, Sandbox>();
  /** Images on this node: full reference → size. */
  readonly images = new Map<string, number>();
  /** Static pod manifests by key (learned from their mirror pods), to post the mirror pod again. */
  private readonly staticPods = new Map<string, KubeObject>();
  private readonly client: ClusterClient;
  private readonly recorder: EventRecorder;
  /** Set on (re)start: the first status report records every condition's event, as on registration. */
  private announceConditions = false;
  private readonly queue: WorkQueue;
  private readonly host: ProcessHost;
  private manualStop = false;
  private annotationStop = false;
  private running = false;
  private heartbeat?: Timer;
  private lastReport = -Infinity;
  private reportedImages = 0;
  private nextIP = 2;
  private readonly usedIPs = new Set<number>();
  private readonly cidrBase: string;

  /** The cluster's clock and random source (the stage environment reads them). */
  readonly clock: VirtualClock;
  readonly rand: Rand;

  constructor(
    private readonly ctx: ControllerContext,
    readonly spec: NodeSpec,
    private readonly link: FleetLink,
  ) {
    this.name = spec.name;
    this.clock = ctx.clock;
    this.rand = ctx.rand;
    this.client = ctx.client('kubelet');
    this.recorder = ctx.recorder('kubelet', spec.name);
    this.queue = new WorkQueue(ctx.clock, `kubelet-${spec.name}`, (key) => this.syncPod(key));
    this.cidrBase = spec.podCIDR.split('/')[0].split('.').slice(0, 3).join('.');
    // The node was set up with its system images already pulled.
    for (const ref of preloadedImages(spec)) {
      const r = resolveImage(ref);
      if (r.ok) this.images.set(r.image.ref.full, r.image.info.size);
    }
    this.host = {
      clock: ctx.clock,
      rand: ctx.rand,
      nodeName: spec.name,
      http: (from, url, opts) => link.http(from, url, opts),
      exited: (sb) => this.enqueue(sb.key),
    };
  }

  get stopped(): boolean {
    return !this.running;
  }

  enqueue(key: string): void {
    if (this.running) this.queue.add(key);
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /** Starts (or restarts) the kubelet unless stopped by hand or by the node annotation. */
  start(manual = true): void {
    if (manual) this.manualStop = false;
    if (this.running || this.manualStop || this.annotationStop) return;
    this.running = true;
    this.lastReport = -Infinity;
    // kubelet.go: the node's start-up events (kl.nodeRef: kind Node, uid = the node's name).
    this.recorder.event(this.nodeRef(), 'Normal', 'Starting', 'Starting kubelet.');
    this.recorder.event(this.nodeRef(), 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.announceConditions = true;
    this.tick();
    for (const key of this.knownKeys()) this.enqueue(key);
  }

  stop(manual = true): void {
    if (manual) this.manualStop = true;
    if (!this.running) return;
    this.running = false;
    this.heartbeat?.cancel();
    this.heartbeat = undefined;
    for (const sb of this.sandboxes.values()) sb.pending.cancelAll();
  }

  /** The node object changed: honour `kubeplay.io/state: stopped`. */
  nodeChanged(node: KubeObject | undefined): void {
    // A node registered again gets the mirror pods it could not have without it.
    if (node) for (const key of this.staticPods.keys()) if (!this.podFromCache(key)) this.enqueue(key);
    const want = node?.metadata.annotations?.[STOPPED_ANNOTATION] === 'stopped';
    if (want === this.annotationStop) return;
    this.annotationStop = want;
    if (want) this.stop(false);
    else this.start(false);
  }

  private knownKeys(): string[] {
    const keys = new Set(this.sandboxes.keys());
    for (const p of this.ctx.informers.for('pods').list()) if ((p.spec as Obj)?.nodeName === this.name) keys.add(`${p.metadata.namespace}/${p.metadata.name}`);
    return [...keys];
  }

  // ---- heartbeats ---------------------------------------------------------------------------

  private tick(): void {
    if (!this.running) return;
    this.renewLease();
    this.reportNodeStatus();
    this.heartbeat = this.ctx.clock.after(LEASE_RENEW_MS, () => this.tick());
  }

  private microTime(): string {
    return new Date(this.ctx.clock.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  private renewLease(): void {
    try {
      this.client.patch('leases.coordination.k8s.io', 'kube-node-lease', this.name, 'merge', { spec: { holderIdentity: this.name, leaseDurationSeconds: 40, renewTime: this.microTime() } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      const node = this.client.get('nodes', '', this.name);
      this.client.create('leases.coordination.k8s.io', 'kube-node-lease', {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.name, namespace: 'kube-node-lease', ...(node ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.name, uid: node.metadata.uid! }] } : {}) },
        spec: { holderIdentity: this.name, leaseDurationSeconds: 40, renewTime: this.microTime() },
      });
    }
  }

  private reportNodeStatus(): void {
    const node = this.client.get('nodes', '', this.name);
    if (!node) return;
    const now = this.ctx.clock.now();
    const status = { ...((node.status ?? {}) as Obj) };
    const want: [string, string, string, string][] = [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ];
    const old = (status.conditions ?? []) as Obj[];
    const changed = want.some(([type, st, reason]) => {
      const c = old.find((o) => o.type === type);
      return !c || c.status !== st || c.reason !== reason;
    });
    if (!changed && this.images.size === this.reportedImages && now - this.lastReport < NODE_STATUS_REPORT_MS) return;
    const ts = rfc3339(now);
    // nodestatus setters: an event each time a condition takes a new status.
    const announce = this.announceConditions;
    for (const [type, st] of want) {
      const c = old.find((o) => o.type === type);
      if (!announce && c && c.status === st) continue;
      this.recorder.event(this.nodeRef(), 'Normal', CONDITION_EVENTS[type], `Node ${this.name} status is now: ${CONDITION_EVENTS[type]}`);
    }
    this.announceConditions = false;
    status.conditions = want.map(([type, st, reason, message]) => {
      const c = old.find((o) => o.type === type);
      const same = c && c.status === st;
      return { type, status: st, lastHeartbeatTime: ts, lastTransitionTime: same ? c.lastTransitionTime : ts, reason, message };
    });
    if (this.images.size) status.images = [...this.images].map(([ref, size]) => ({ names: [ref], sizeBytes: size }));
    try {
      this.client.updateStatus('nodes', { ...node, status });
      this.lastReport = now;
      this.reportedImages = this.images.size;
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }

  private nodeRef(): KubeObject {
    return { apiVersion: 'v1', kind: 'Node', metadata: { name: this.name, uid: this.name } };
  }

  // ---- pods ---------------------------------------------------------------------------------

  private podFromCache(key: string): KubeObject | undefined {
    return this.ctx.informers.for('pods').getByKey(key);
  }

  syncPod(key: string): void {
    if (!this.running) return;
    const pod = this.podFromCache(key);
    let sb = this.sandboxes.get(key);
    // Static pods run from the node's manifests; the API only holds their mirror pods. A deleted
    // mirror pod is posted again while the containers keep running (kubelet's mirror client).
    if (pod && isMirrorPod(pod) && (pod.spec as Obj)?.nodeName === this.name && !this.staticPods.has(key)) this.staticPods.set(key, mirrorManifest(pod));
    const manifest = this.staticPods.get(key);
    if (manifest) {
      if (!pod) return this.postMirrorPod(manifest);
      if (pod.metadata.deletionTimestamp) return this.deleteMirrorPod(pod);
      if (sb && sb.uid !== pod.metadata.uid) sb.uid = pod.metadata.uid!;
    }
    if (!pod || (pod.spec as Obj)?.nodeName !== this.name) {
      if (sb) this.teardown(sb);
      return;
    }
    if (sb && sb.uid !== pod.metadata.uid) {
      this.teardown(sb);
      sb = undefined;
    }
    if (!sb) {
      const phase = (pod.status as Obj)?.phase;
      if ((phase === 'Succeeded' || phase === 'Failed') && !pod.metadata.deletionTimestamp) return;
      sb = this.admit(pod);
    }
    this.reconcileSpec(pod, sb);
    this.schedule(pod, sb);
    this.writeStatus(pod, sb);
  }

  /**
   * kubelet's mirror client: a mirror pod is owned by its Node object (MirrorPodNodeRestriction),
   * so without the Node (deleted) none is posted ("failed to get node UID"); the node coming
   * back posts it again (nodeChanged). Posting it regardless had the garbage collector delete it
   * for its missing owner and the kubelet post it again, without end, inside one clock step.
   */
  private postMirrorPod(manifest: KubeObject): void {
    const node = this.client.get('nodes', '', this.name);
    if (!node) return;
    const pod = JSON.parse(JSON.stringify(manifest)) as KubeObject;
    pod.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.name, uid: node.metadata.uid!, controller: true }];
    try {
      this.client.create('pods', manifest.metadata.namespace!, pod);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }

  private deleteMirrorPod(pod: KubeObject): void {
    try {
      this.client.delete('pods', pod.metadata.namespace!, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid! } });
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }

  private admit(pod: KubeObject): Sandbox {
    const spec = (pod.spec ?? {}) as Obj;
    const sb: Sandbox = {
      key: `${pod.metadata.namespace}/${pod.metadata.name}`,
      uid: pod.metadata.uid!,
      name: pod.metadata.name!,
      namespace: pod.metadata.namespace!,
      hostIP: this.spec.internalIP,
      acceptedAt: this.ctx.clock.now(),
      containers: sandboxContainers(spec),
      pending: new PendingStages(),
      conditions: {},
      hostNetwork: spec.hostNetwork === true,
      // emptyDir contents, shared by the containers (only pods that have such volumes need it).
      volumes: ((spec.volumes ?? []) as Obj[]).some((v) => v.emptyDir) ? new Map() : undefined,
    };
    // A pod already started by an earlier kubelet run keeps its start time.
    const st = (pod.status as Obj)?.startTime;
    if (st) sb.acceptedAt = Date.parse(st);
    this.sandboxes.set(sb.key, sb);
    return sb;
  }

  /** Image updates on a live pod: the container is killed and started with the new image. */
  private reconcileSpec(pod: KubeObject, sb: Sandbox): void {
    // Every sync comes here; a stored spec is frozen and shared by the pod's versions, so the
    // spec already reconciled needs no second look.
    if (pod.spec !== undefined && pod.spec === sb.reconciledSpec) return;
    if (Object.isFrozen(pod.spec)) sb.reconciledSpec = pod.spec;
    const spec = (pod.spec ?? {}) as Obj;
    for (const c of sb.containers) {
      const next = specContainer(spec, c.name);
      if (!next || next.image === c.spec.image) continue;
      c.spec = next;
      if (c.running && !pod.metadata.deletionTimestamp) {
        this.recorder.event(pod, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`, this.fieldPath(c));
        c.killForRestart = true;
        this.stopContainer(sb, c, Number(spec.terminationGracePeriodSeconds ?? 30) * 1000);
      } else if (!c.running) {
        c.imageReady = false;
        c.pulling = undefined;
        c.pullRetryAt = undefined;
        c.pullBackoff = { ms: 0, at: 0 };
        if (c.waiting && c.waiting.reason !== 'CrashLoopBackOff') c.waiting = undefined;
      }
    }
  }

  private schedule(pod: KubeObject, sb: Sandbox): void {
    const env = this.env(pod, sb);
    // The next stage of each track, in track order (runs on every sync: no map or array is made).
    const want = WANT;
    want.n = 0;
    pickStage(want, env, 'pod', STAGES_BY_TRACK.pod);
    const activeInit = firstIncompleteInit(sb);
    // SyncPod starts containers one after another in spec order (pulls are serialised), and
    // moves on past one that failed (pull errors, back-off).
    let blocked = false;
    for (const c of sb.containers) {
      // Stopping containers (deletion) still need their exit observed and their kill deadline.
      // The active ones (activeContainers): the first unfinished init container, else the app containers.
      if (!c.running && (activeInit ? c !== activeInit : c.init)) continue;
      if (blocked && !c.running && !c.terminated) continue;
      if (c.pulling || (!c.running && !c.terminated && !c.waiting && !c.startedOnce)) blocked = true;
      const keys = trackKeys(c);
      pickStage(want, env, keys.container, STAGES_BY_TRACK.container, c);
      pickStage(want, env, keys.readiness, STAGES_BY_TRACK.readiness, c);
      pickStage(want, env, keys.liveness, STAGES_BY_TRACK.liveness, c);
    }
    sb.pending.retain(stillWanted, want);
    const n = want.n;
    for (let i = 0; i < n; i++) {
      const k = want.keys[i];
      if (sb.pending.has(k)) continue;
      const stage = want.stages[i];
      const c = want.cs[i];
      const delay = stage.delay(env, c);
      const p = new PendingStage(k, stage, c, !!c && stage.inSync?.(env, c) === true);
      p.timer = this.ctx.clock.after(delay, () => this.fire(sb, p));
      sb.pending.add(p);
    }
    want.cs.fill(undefined);
  }

  private fire(sb: Sandbox, fired: PendingStage): void {
    const { stage, c } = fired;
    const p = sb.pending.get(fired.track);
    if (p && p.stage.name === stage.name) sb.pending.remove(p);
    if (!this.running || this.sandboxes.get(sb.key) !== sb) return;
    const pod = this.podFromCache(sb.key);
    if (!pod || pod.metadata.uid !== sb.uid) return this.syncPod(sb.key);
    const env = this.env(pod, sb);
    if (stage.when(env, c)) stage.apply(env, c);
    if (this.sandboxes.get(sb.key) === sb) this.syncPod(sb.key);
  }

  private writeStatus(pod: KubeObject, sb: Sandbox): void {
    // kubelet.SyncPod reports the status it computed on entry, then creates the sandbox, pulls
    // and starts the containers in one go; the next report comes from the sync that follows
    // (PLEG saw the containers start, or the sync failed). So nothing is written while a stage
    // of that same SyncPod (pull, start) is still due, unless the pod is being deleted.
    if (sb.reported && !pod.metadata.deletionTimestamp && sb.pending.anyInSync()) return;
    sb.reported = true;
    const status = buildPodStatus(pod, sb, this.ctx.clock.now());
    if (sameJson(status, pod.status)) return;
    sb.writing = true;
    try {
      sb.reportedVersion = this.client.updateStatus('pods', { ...pod, status }).metadata.resourceVersion;
    } catch (e) {
      if (isNotFound(e)) return;
      if (isConflict(e)) return this.enqueue(sb.key);
      throw e;
    } finally {
      sb.writing = false;
    }
  }

  /**
   * A status-only update of a pod: the kubelet's own report is ignored; a status someone else
   * wrote is put right by the next sync (the status manager reconciles what the API holds).
   */
  statusChanged(pod: KubeObject): void {
    const sb = this.sandboxes.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    if (!sb || sb.writing || sb.uid !== pod.metadata.uid || sb.reportedVersion === pod.metadata.resourceVersion) return;
    this.enqueue(sb.key);
  }

  private teardown(sb: Sandbox): void {
    sb.pending.cancelAll();
    for (const c of sb.containers) this.killProcess(c);
    if (sb.ip && !sb.hostNetwork) {
      this.usedIPs.delete(Number(sb.ip.split('.')[3]));
      this.link.ipRemoved(sb.ip);
    }
    this.sandboxes.delete(sb.key);
  }

  private killProcess(c: ContainerRt): void {
    const p = c.proc;
    if (!p) return;
    p.alive = false;
    for (const t of p.timers) t.cancel();
    p.app?.kill?.();
    c.followers.forEach((f) => f.sink.end());
    c.followers.clear();
  }

  /** @internal a StageEnv action */
  allocateIP(sb: Sandbox): string {
    // hostNetwork pods share the node's network namespace: the node IP is theirs.
    if (sb.hostNetwork) return this.spec.internalIP;
    for (let i = 0; i < 253; i++) {
      const n = ((this.nextIP - 2 + i) % 253) + 2;
      if (this.usedIPs.has(n)) continue;
      this.usedIPs.add(n);
      this.nextIP = n + 1 > 254 ? 2 : n + 1;
      const ip = `${this.cidrBase}.${n}`;
      this.link.ipAdded(ip, this, sb);
      return ip;
    }
    throw new Error(`node ${this.name}: no free pod IP in ${this.spec.podCIDR}`);
  }

  private fieldPath(c: ContainerRt): string {
    return (c.fieldPath ??= `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`);
  }

  /** @internal a StageEnv action */
  stopContainer(sb: Sandbox, c: ContainerRt, graceMs: number): void {
    const proc = c.proc;
    if (!proc || proc.exited) return;
    c.killDeadline = this.ctx.clock.now() + graceMs;
    const r = proc.app?.stop?.();
    if (r && r.afterMs < graceMs) {
      const t = this.ctx.clock.after(r.afterMs, () => {
        proc.timers.delete(t);
        if (!proc.alive || proc.exited) return;
        proc.exited = { code: r.code, at: this.ctx.clock.now() };
        proc.alive = false;
        for (const x of proc.timers) x.cancel();
        this.enqueue(sb.key);
      });
      proc.timers.add(t);
    }
  }

  /** @internal a StageEnv action */
  forceKill(sb: Sandbox, c: ContainerRt): void {
    const proc = c.proc;
    if (!proc || proc.exited) return;
    proc.exited = { code: 137, at: this.ctx.clock.now() };
    proc.alive = false;
    for (const t of proc.timers) t.cancel();
    proc.app?.kill?.();
  }

  /** @internal a StageEnv action */
  startContainer(pod: KubeObject, sb: Sandbox, c: ContainerRt): { configError?: string; startError?: string } {
    const image = c.image!.image;
    const podIP = sb.ip ?? '';
    const services = this.link.services();
    let env: [string, string][] | undefined;
    if (envReadsApi(c.spec)) {
      try {
        env = containerEnv({ pod, container: c.spec, image, podIP, hostIP: sb.hostIP, nodeName: this.name, services, client: this.client });
      } catch (e) {
        if (e instanceof EnvError) return { configError: e.message };
        throw e;
      }
    }
    const now = this.ctx.clock.now();
    const id = `containerd://${this.ctx.rand.hex(64)}`;
    if (c.startedOnce) {
      c.restartCount++;
      c.prevLogs = c.logs;
      c.logs = [];
    }
    c.startedOnce = true;
    // Without ConfigMap/Secret references the environment cannot fail: it is worked out from
    // this start's inputs (the pod, the Services now) when something first reads it.
    if (env) c.env = env;
    else {
      // Kept until read: only the pod's metadata and spec (shared with its later versions).
      const lazy: EnvInput = { pod: { apiVersion: pod.apiVersion, kind: pod.kind, metadata: pod.metadata, spec: pod.spec }, container: c.spec, image, podIP, hostIP: sb.hostIP, nodeName: this.name, services, client: this.client };
      c.envSource = () => containerEnv(lazy);
    }
    c.files = this.containerFiles(pod, sb, c);
    c.waiting = undefined;
    c.killForRestart = false;
    const argv = containerArgv(c);
    const err = startError(c, argv);
    if (err) {
      c.terminated = { exitCode: 128, reason: 'StartError', message: err, startedAt: 0, finishedAt: now, containerID: id };
      return { startError: err };
    }
    c.running = { startedAt: now, id };
    c.started = true;
    const rp = c.spec.readinessProbe as Obj | undefined;
    const lp = c.spec.livenessProbe as Obj | undefined;
    c.ready = !rp && !c.init;
    c.readiness = { successes: 0, failures: 0, next: now + Number(rp?.initialDelaySeconds ?? 0) * 1000 };
    c.liveness = { successes: 0, failures: 0, next: now + Number(lp?.initialDelaySeconds ?? 0) * 1000 };
    c.proc = startProcess(sb, c, this.host, argv);
    return {};
  }

  private containerFiles(pod: KubeObject, sb: Sandbox, c: ContainerRt): Map<string, string> {
    const img = c.image!;
    const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
    // The token is drawn now (the random stream must not depend on when files are first read).
    const token = ((c.spec.volumeMounts ?? []) as Obj[]).some((m) => m.mountPath === sa) ? 'eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVwbGF5In0.' + this.ctx.rand.hex(48) : undefined;
    const { name, namespace, ip } = sb;
    // Inline: a named function would have its name defined at every start (esbuild keepNames).
    return new ContainerFs(() => {
      const files = new Map(Object.entries(img.image.files(img.tag, img.info)));
      files.set('/etc/hostname', `${name}\n`);
      files.set(
        '/etc/hosts',
        `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\t${name}\n`,
      );
      files.set('/etc/resolv.conf', `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
      if (token !== undefined) {
        files.set(`${sa}/namespace`, namespace);
        files.set(`${sa}/token`, token);
        files.set(`${sa}/ca.crt`, '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIkubeplay\n-----END CERTIFICATE-----\n');
      }
      return files;
    }, emptyDirMounts(pod, c.spec, sb.volumes));
  }

  /** The stage environment of a sandbox, made once (kept on it) and pointed at the pod of each sync. */
  private env(pod: KubeObject, sb: Sandbox): StageEnv {
    let env = sb.stageEnv;
    if (!env) sb.stageEnv = env = new SandboxStageEnv(this, sb, pod);
    env.pod = pod;
    return env;
  }

  /** @internal StageEnv.event */
  stageEvent(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, c?: ContainerRt): void {
    this.recorder.event(pod, type, reason, message, c ? this.fieldPath(c) : undefined);
  }

  /** @internal StageEnv.probe */
  probeContainer(sb: Sandbox, c: ContainerRt, probe: Obj): { ok: boolean; message: string } {
    return runProbe(probe, c, sb, this.host, this.link);
  }

  /** @internal StageEnv.finishPod */
  finishPod(pod: KubeObject, sb: Sandbox): void {
    sb.finished = true;
    this.writeStatus(pod, sb);
    try {
      this.client.delete('pods', sb.namespace, sb.name, { gracePeriodSeconds: 0, preconditions: { uid: sb.uid } });
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }
}

/**
 * The stages' view of one sandbox (StageEnv): a plain object with the kubelet's actions as
 * methods, so a sandbox costs one small object rather than a closure per action.
 */
class SandboxStageEnv implements StageEnv {
  readonly rand: Rand;
  constructor(
    private readonly kubelet: Kubelet,
    readonly sb: Sandbox,
    public pod: KubeObject,
  ) {
    this.rand = kubelet.rand;
  }
  now(): number {
    return this.kubelet.clock.now();
  }
  event(type: 'Normal' | 'Warning', reason: string, message: string, c?: ContainerRt): void {
    this.kubelet.stageEvent(this.pod, type, reason, message, c);
  }
  imageCached(ref: string): boolean {
    return this.kubelet.images.has(ref);
  }
  cacheImage(ref: string, size: number): void {
    this.kubelet.images.set(ref, size);
  }
  allocateIP(): string {
    return this.kubelet.allocateIP(this.sb);
  }
  startContainer(c: ContainerRt): { configError?: string; startError?: string } {
    return this.kubelet.startContainer(this.pod, this.sb, c);
  }
  stopContainer(c: ContainerRt, graceMs: number): void {
    this.kubelet.stopContainer(this.sb, c, graceMs);
  }
  killContainer(c: ContainerRt): void {
    this.kubelet.forceKill(this.sb, c);
  }
  probe(c: ContainerRt, probe: Obj): { ok: boolean; message: string } {
    return this.kubelet.probeContainer(this.sb, c, probe);
  }
  finishPod(): void {
    this.kubelet.finishPod(this.pod, this.sb);
  }
}

/** A mirror pod as the kubelet posts it: the manifest's metadata and spec, no server fields. */
function mirrorManifest(pod: KubeObject): KubeObject {
  const m = pod.metadata;
  return JSON.parse(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: m.name, namespace: m.namespace, labels: m.labels, annotations: m.annotations, ownerReferences: m.ownerReferences },
      spec: pod.spec,
    }),
  ) as KubeObject;
}

/** The pending-stage keys of a container's tracks (`c:`, `r:`, `l:` + name), made once. */
function trackKeys(c: ContainerRt): NonNullable<ContainerRt['trackKeys']> {
  return (c.trackKeys ??= { container: `c:${c.name}`, readiness: `r:${c.name}`, liveness: `l:${c.name}` });
}

/**
 * The tracks' next stages of one schedule call, in track order: parallel arrays reused by every
 * call (schedule never runs inside another), the first `n` entries valid.
 */
interface WantedStages {
  n: number;
  keys: string[];
  stages: Stage[];
  cs: (ContainerRt | undefined)[];
}

const WANT: WantedStages = { n: 0, keys: [], stages: [], cs: [] };

/** The first stage of a track whose `when` holds becomes the track's next stage. */
function pickStage(want: WantedStages, env: StageEnv, trackKey: string, stages: readonly Stage[], c?: ContainerRt): void {
  for (const st of stages) {
    if (!st.when(env, c)) continue;
    const i = want.n++;
    want.keys[i] = trackKey;
    want.stages[i] = st;
    want.cs[i] = c;
    return;
  }
}

/** A new sandbox's container records: the init containers, then the app containers (one array, no copies). */
function sandboxContainers(spec: Obj): ContainerRt[] {
  const inits = (spec.initContainers ?? []) as Obj[];
  const apps = (spec.containers ?? []) as Obj[];
  const out: ContainerRt[] = new Array(inits.length + apps.length);
  for (let i = 0; i < inits.length; i++) out[i] = newContainer(inits[i], true);
  for (let i = 0; i < apps.length; i++) out[inits.length + i] = newContainer(apps[i], false);
  return out;
}

/** The container of that name in the spec (init containers first, as admitted). */
function specContainer(spec: Obj, name: string): Obj | undefined {
  for (const x of (spec.initContainers ?? []) as Obj[]) if (x.name === name) return x;
  for (const x of (spec.containers ?? []) as Obj[]) if (x.name === name) return x;
  return undefined;
}

/** The first init container that has not completed (before the app containers), if any. */
function firstIncompleteInit(sb: Sandbox): ContainerRt | undefined {
  for (const c of sb.containers) {
    if (!c.init) return undefined;
    if (c.terminated?.exitCode !== 0) return c;
  }
  return undefined;
}

/** A pending stage stays while its track's next stage is still that stage. */
function stillWanted(p: PendingStage, want: WantedStages): boolean {
  const i = want.keys.indexOf(p.track);
  return i >= 0 && i < want.n && want.stages[i].name === p.stage.name;
}
