// The kubelet as a table of stages (kwok's idea): each stage is a predicate on the pod and its
// runtime state, a delay on the virtual clock, and an effect (runtime change, events). After an
// effect the kubelet writes the pod status through the API and picks the next stage per track.
// Failure profiles (ErrImagePull, CrashLoopBackOff, liveness restarts) are rows here too.
import type { KubeObject } from '../../api/types';
import type { Rand } from '../machinery/rand';
import { bumpBackoff, goDuration, type ContainerRt, type Sandbox } from './sandbox';
import { shouldRestart, restartPolicy } from './status';
import { pullErrorMessage, resolveImage } from './images/catalog';
import { defaultPullPolicy } from './images/ref';

type Obj = Record<string, any>;

/** What stages may do; the kubelet implements it. */
export interface StageEnv {
  now(): number;
  rand: Rand;
  pod: KubeObject;
  sb: Sandbox;
  event(type: 'Normal' | 'Warning', reason: string, message: string, c?: ContainerRt): void;
  imageCached(ref: string): boolean;
  cacheImage(ref: string, size: number): void;
  allocateIP(): string;
  /** Starts a container's process; returns an error message for CreateContainerConfigError. */
  startContainer(c: ContainerRt): { configError?: string; startError?: string };
  /** Sends the stop signal; the process exits by itself or is killed at c.killDeadline. */
  stopContainer(c: ContainerRt, graceMs: number): void;
  /** Forces a still-running process to exit with 137 (SIGKILL). */
  killContainer(c: ContainerRt): void;
  probe(c: ContainerRt, probe: Obj): { ok: boolean; message: string };
  /** The pod's containers are stopped after deletion: write the final status and delete it. */
  finishPod(): void;
}

export type Track = 'pod' | 'container' | 'readiness' | 'liveness';

export interface Stage {
  name: string;
  track: Track;
  when(e: StageEnv, c?: ContainerRt): boolean;
  /** Milliseconds from now. */
  delay(e: StageEnv, c?: ContainerRt): number;
  apply(e: StageEnv, c?: ContainerRt): void;
  /**
   * The stage continues the SyncPod that is running (kubelet pulls and starts containers inside
   * one SyncPod call): no status is reported while such a stage is due.
   */
  inSync?(e: StageEnv, c: ContainerRt): boolean;
}

const deleting = (e: StageEnv) => !!e.pod.metadata.deletionTimestamp;
const jitter = (e: StageEnv, lo: number, hi: number) => e.rand.range(lo, hi);
const podRef = (e: StageEnv) => `${e.sb.name}_${e.sb.namespace}(${e.sb.uid})`;
const specImage = (c: ContainerRt) => String(c.spec.image ?? '');
const pullPolicy = (c: ContainerRt) => String(c.spec.imagePullPolicy ?? defaultPullPolicy(specImage(c)));
const idle = (c: ContainerRt) => !c.running && !c.terminated;
const secs = (ms: number) => (ms / 1000).toFixed(3).replace(/\.?0+$/, '') + 's';

export const POD_STAGES: Stage[] = [
  {
    // The pod's sandbox: an IP from the node's podCIDR; PodReadyToStartContainers turns True.
    name: 'pod-sandbox',
    track: 'pod',
    when: (e) => !e.sb.ip && !deleting(e) && !e.sb.terminal,
    delay: (e) => jitter(e, 400, 900),
    apply: (e) => {
      e.sb.ip = e.allocateIP();
    },
  },
  {
    // Graceful termination: Killing each running container, bounded by the grace period.
    name: 'pod-terminate',
    track: 'pod',
    when: (e) => deleting(e) && !e.sb.terminating,
    delay: () => 0,
    apply: (e) => {
      const grace = Number(e.pod.metadata.deletionGracePeriodSeconds ?? ((e.pod.spec ?? {}) as Obj).terminationGracePeriodSeconds ?? 30);
      e.sb.terminating = { deadline: e.now() + grace * 1000 };
      for (const c of e.sb.containers) {
        c.pulling = undefined;
        if (c.running && !c.proc?.exited) {
          e.event('Normal', 'Killing', `Stopping container ${c.name}`, c);
          e.stopContainer(c, grace * 1000);
        }
      }
    },
  },
  {
    name: 'pod-finish',
    track: 'pod',
    when: (e) => !!e.sb.terminating && !e.sb.finished && e.sb.containers.every((c) => !c.running),
    delay: () => 0,
    apply: (e) => e.finishPod(),
  },
];

export const CONTAINER_STAGES: Stage[] = [
  {
    name: 'container-exited',
    track: 'container',
    when: (e, c) => !!c!.running && !!c!.proc?.exited,
    delay: () => 0,
    apply: (e, c) => {
      const x = c!.proc!.exited!;
      c!.terminated = {
        exitCode: x.code,
        reason: x.code === 0 ? 'Completed' : 'Error',
        startedAt: c!.running!.startedAt,
        finishedAt: x.at,
        containerID: c!.running!.id,
      };
      c!.running = undefined;
      c!.ready = false;
      c!.started = false;
      c!.killDeadline = undefined;
      c!.followers.forEach((f) => f.sink.end());
      c!.followers.clear();
    },
  },
  {
    name: 'container-kill',
    track: 'container',
    when: (e, c) => !!c!.running && c!.killDeadline !== undefined && !c!.proc?.exited,
    delay: (e, c) => Math.max(0, c!.killDeadline! - e.now()),
    apply: (e, c) => e.killContainer(c!),
  },
  {
    // A stopped container that restartPolicy restarts: at once the first time, then with the
    // CrashLoopBackOff back-off (10 s doubling to 5 min), as kubelet's doBackOff.
    name: 'container-restart',
    track: 'container',
    when: (e, c) => !deleting(e) && !!c!.terminated && shouldRestart(e.pod, c!, c!.terminated!) && !c!.killForRestart,
    delay: () => 1000,
    apply: (e, c) => {
      const t = c!.terminated!;
      const now = e.now();
      const b = c!.crashBackoff;
      if (b.ms && now - b.at > 600_000) b.ms = 0;
      c!.lastTerminated = t;
      c!.terminated = undefined;
      if (b.ms && now - t.finishedAt < b.ms) {
        c!.restartAt = t.finishedAt + b.ms;
        c!.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(b.ms)} restarting failed container=${c!.name} pod=${podRef(e)}` };
        e.event('Warning', 'BackOff', `Back-off restarting failed container ${c!.name} in pod ${podRef(e)}`, c);
        return;
      }
      bumpBackoff(b, now);
      c!.restartAt = undefined;
      c!.imageReady = false;
      c!.waiting = undefined;
    },
  },
  {
    name: 'container-liveness-restart',
    track: 'container',
    when: (e, c) => !deleting(e) && !!c!.terminated && !!c!.killForRestart,
    delay: () => 0,
    apply: (e, c) => {
      c!.killForRestart = false;
      c!.lastTerminated = c!.terminated;
      c!.terminated = undefined;
      c!.imageReady = false;
      bumpBackoff(c!.crashBackoff, e.now());
    },
  },
  {
    name: 'crashloop-restart',
    track: 'container',
    when: (e, c) => !deleting(e) && c!.waiting?.reason === 'CrashLoopBackOff' && c!.restartAt !== undefined,
    delay: (e, c) => Math.max(0, c!.restartAt! - e.now()),
    apply: (e, c) => {
      bumpBackoff(c!.crashBackoff, e.now());
      c!.restartAt = undefined;
      c!.imageReady = false;
    },
  },
  {
    // ErrImagePull shows until the next sync, which reports the back-off.
    name: 'image-pull-backoff',
    track: 'container',
    when: (e, c) => !deleting(e) && idle(c!) && c!.waiting?.reason === 'ErrImagePull',
    delay: () => 1000,
    apply: (e, c) => {
      const msg = `Back-off pulling image "${specImage(c!)}"`;
      c!.waiting = { reason: 'ImagePullBackOff', message: msg };
      e.event('Normal', 'BackOff', msg, c);
      e.event('Warning', 'Failed', 'Error: ImagePullBackOff', c);
    },
  },
  {
    name: 'image-pull',
    track: 'container',
    when: (e, c) =>
      !deleting(e) &&
      !!e.sb.ip &&
      idle(c!) &&
      !c!.imageReady &&
      !c!.pulling &&
      c!.waiting?.reason !== 'ErrImagePull' &&
      c!.waiting?.reason !== 'ErrImageNeverPull' &&
      c!.waiting?.reason !== 'InvalidImageName' &&
      (c!.waiting?.reason !== 'CrashLoopBackOff' || c!.restartAt === undefined),
    delay: (e, c) => Math.max(0, (c!.pullRetryAt ?? 0) - e.now()),
    inSync: (e, c) => !c.waiting && (c.pullRetryAt ?? 0) <= e.now(),
    apply: (e, c) => {
      const image = specImage(c!);
      const res = resolveImage(image);
      const policy = pullPolicy(c!);
      const full = res.ok ? res.image.ref.full : image;
      const cached = res.ok && e.imageCached(full);
      c!.pullRetryAt = undefined;
      if (res.ok) c!.image = res.image;
      if (policy === 'Never' && !cached) {
        const msg = `Container image "${image}" is not present with pull policy of Never`;
        c!.waiting = { reason: 'ErrImageNeverPull', message: msg };
        e.event('Warning', 'ErrImageNeverPull', msg, c);
        e.event('Warning', 'Failed', 'Error: ErrImageNeverPull', c);
        return;
      }
      if (cached && policy !== 'Always') {
        e.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, c);
        c!.imageReady = true;
        return;
      }
      e.event('Normal', 'Pulling', `Pulling image "${image}"`, c);
      const ms = cached ? jitter(e, 300, 900) : jitter(e, 1000, 3000);
      c!.pullStartedAt = e.now();
      c!.pulling = res.ok ? { until: e.now() + ms, ok: true } : { until: e.now() + ms, ok: false, message: pullErrorMessage(res) };
    },
  },
  {
    name: 'image-pulled',
    track: 'container',
    when: (e, c) => !deleting(e) && !!c!.pulling,
    delay: (e, c) => Math.max(0, c!.pulling!.until - e.now()),
    inSync: (e, c) => !c.waiting,
    apply: (e, c) => {
      const p = c!.pulling!;
      c!.pulling = undefined;
      const image = specImage(c!);
      if (p.ok && c!.image) {
        const took = secs(jitterTook(c!, e));
        e.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${c!.image.info.size} bytes.`, c);
        e.cacheImage(c!.image.ref.full, c!.image.info.size);
        c!.imageReady = true;
        c!.pullBackoff = { ms: 0, at: 0 };
        return;
      }
      e.event('Warning', 'Failed', `Failed to pull image "${image}": ${p.message}`, c);
      e.event('Warning', 'Failed', 'Error: ErrImagePull', c);
      c!.waiting = { reason: 'ErrImagePull', message: p.message };
      bumpBackoff(c!.pullBackoff, e.now());
      c!.pullRetryAt = e.now() + c!.pullBackoff.ms;
    },
  },
  {
    name: 'container-start',
    track: 'container',
    when: (e, c) => !deleting(e) && !!e.sb.ip && idle(c!) && c!.imageReady && !c!.pulling && (c!.waiting?.reason !== 'CrashLoopBackOff' || c!.restartAt === undefined),
    delay: (e, c) => (c!.waiting?.reason === 'CreateContainerConfigError' ? 10_000 : jitter(e, 200, 700)),
    inSync: (e, c) => !c.waiting,
    apply: (e, c) => {
      const r = e.startContainer(c!);
      if (r.configError) {
        if (c!.waiting?.reason !== 'CreateContainerConfigError' || c!.waiting.message !== r.configError) e.event('Warning', 'Failed', `Error: ${r.configError}`, c);
        c!.waiting = { reason: 'CreateContainerConfigError', message: r.configError };
        return;
      }
      e.event('Normal', 'Created', `Created container: ${c!.name}`, c);
      if (r.startError) {
        e.event('Warning', 'Failed', `Error: ${r.startError}`, c);
        return;
      }
      e.event('Normal', 'Started', `Started container ${c!.name}`, c);
    },
  },
];

function jitterTook(c: ContainerRt, e: StageEnv): number {
  // How long the pull took is what the pulling stage waited; recover it from the event times.
  return Math.max(1, e.now() - (c.pullStartedAt ?? e.now()));
}

function probeStage(kind: 'readiness' | 'liveness'): Stage {
  const field = kind === 'readiness' ? 'readinessProbe' : 'livenessProbe';
  const title = kind === 'readiness' ? 'Readiness' : 'Liveness';
  return {
    name: `${kind}-probe`,
    track: kind,
    when: (e, c) => !deleting(e) && !!c!.running && !c!.proc?.exited && !!c!.spec[field] && c!.killDeadline === undefined,
    delay: (e, c) => Math.max(0, c![kind].next - e.now()),
    apply: (e, c) => {
      const probe = c!.spec[field] as Obj;
      const st = c![kind];
      st.next = e.now() + Number(probe.periodSeconds ?? 10) * 1000;
      const r = e.probe(c!, probe);
      if (r.ok) {
        st.failures = 0;
        st.successes++;
        if (kind === 'readiness' && st.successes >= Number(probe.successThreshold ?? 1)) c!.ready = true;
        return;
      }
      st.successes = 0;
      st.failures++;
      e.event('Warning', 'Unhealthy', `${title} probe failed: ${r.message}`, c);
      if (st.failures < Number(probe.failureThreshold ?? 3)) return;
      if (kind === 'readiness') {
        c!.ready = false;
        return;
      }
      st.failures = 0;
      e.event('Normal', 'Killing', `Container ${c!.name} failed liveness probe, will be restarted`, c);
      c!.killForRestart = true;
      const grace = Number(probe.terminationGracePeriodSeconds ?? ((e.pod.spec ?? {}) as Obj).terminationGracePeriodSeconds ?? 30);
      e.stopContainer(c!, grace * 1000);
    },
  };
}

export const PROBE_STAGES: Stage[] = [probeStage('readiness'), probeStage('liveness')];

export const STAGES: Stage[] = [...POD_STAGES, ...CONTAINER_STAGES, ...PROBE_STAGES];

/** The stages of each track in table order (the first whose `when` holds is the next one). */
export const STAGES_BY_TRACK: Readonly<Record<Track, readonly Stage[]>> = {
  pod: STAGES.filter((s) => s.track === 'pod'),
  container: STAGES.filter((s) => s.track === 'container'),
  readiness: STAGES.filter((s) => s.track === 'readiness'),
  liveness: STAGES.filter((s) => s.track === 'liveness'),
};

export { restartPolicy };
