// What a node's container runtime knows about each pod: the sandbox (IP, times) and its
// containers with their state, restart history, back-off, probes and logs.
import type { Timer } from '../machinery/clock';
import type { StreamSink } from '../../api/client';
import type { App } from './images/types';
import type { ResolvedImage } from './images/catalog';
import type { StageEnv } from './stages';
import type { PendingStages } from './pending';

export interface LogLine {
  t: number;
  line: string;
}

export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  signal?: number;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export interface Backoff {
  /** Current back-off duration (0 before the first failure). */
  ms: number;
  /** When the back-off entry was last bumped. */
  at: number;
}

export interface ProbeState {
  successes: number;
  failures: number;
  /** Time of the next probe. */
  next: number;
}

export interface Follower {
  sink: StreamSink;
  timestamps: boolean;
}

export interface Process {
  app?: App;
  exited?: { code: number; at: number };
  alive: boolean;
  timers: Set<Timer>;
}

export interface ContainerRt {
  name: string;
  init: boolean;
  /** The container's spec as last seen (image changes arrive through updates). */
  spec: Record<string, unknown>;
  image?: ResolvedImage;
  /** The image needed for this attempt is on the node (pulled or already present). */
  imageReady: boolean;
  /** A pull in progress (until when), or a failed one. */
  pulling?: { until: number; ok: boolean; message?: string };
  pullStartedAt?: number;
  pullBackoff: Backoff;
  /** Next pull attempt after a failure. */
  pullRetryAt?: number;
  waiting?: { reason: string; message?: string };
  running?: { startedAt: number; id: string };
  terminated?: Terminated;
  lastTerminated?: Terminated;
  restartCount: number;
  /** A container of this name was started before (the next start is a restart). */
  startedOnce?: boolean;
  ready: boolean;
  started: boolean;
  crashBackoff: Backoff;
  /** When a restart after a crash may happen. */
  restartAt?: number;
  proc?: Process;
  readiness: ProbeState;
  liveness: ProbeState;
  logs: LogLine[];
  prevLogs: LogLine[];
  followers: Set<Follower>;
  files: Map<string, string>;
  /** The environment of the current start (worked out at first read when it needs no API reads). */
  env: [string, string][];
  /** How to work out `env` at its first read, from what the container was started with. */
  envSource?: () => [string, string][];
  /** A stop signal was sent (deletion or liveness failure): exit by this time or be killed. */
  killDeadline?: number;
  /** Why the running container is being stopped: restart after a failed liveness probe. */
  killForRestart?: boolean;
  /** The kubelet's pending-stage keys for this container's tracks, made at its first sync. */
  trackKeys?: { container: string; readiness: string; liveness: string };
  /** The container's field path in its events (`spec.containers{web}`), made at the first one. */
  fieldPath?: string;
}

export interface Sandbox {
  key: string;
  uid: string;
  name: string;
  namespace: string;
  hostIP: string;
  acceptedAt: number;
  ip?: string;
  containers: ContainerRt[];
  /** Set when the pod has a deletionTimestamp and the kubelet started killing it. */
  terminating?: { deadline: number };
  /** Containers are all stopped after deletion; the kubelet deletes the pod next. */
  finished?: boolean;
  /** Pod reached Succeeded/Failed (restartPolicy Never/OnFailure): no more restarts. */
  terminal?: boolean;
  /** Pending stage timers keyed by track (`pod`, `c:<name>`, `r:<name>`, `l:<name>`). */
  pending: PendingStages;
  /** The kubelet wrote this pod's status at least once (the report on admission). */
  reported?: boolean;
  /** A status write is under way / the resourceVersion of the kubelet's last report. */
  writing?: boolean;
  reportedVersion?: string;
  /** lastTransitionTime per condition type and status, kept while the status does not change. */
  conditions: Partial<Record<string, { status: string; at: string }>>;
  /** spec.hostNetwork: the pod's IP is the node's. */
  hostNetwork?: boolean;
  /** emptyDir contents by volume name (paths relative to the volume, `/x`), shared by the containers. */
  volumes?: Map<string, Map<string, string>>;
  /** The (frozen) pod spec the kubelet last reconciled the containers with. */
  reconciledSpec?: unknown;
  /** The kubelet's stage environment for this sandbox, made at its first sync. */
  stageEnv?: StageEnv;
}

export function newContainer(spec: Record<string, unknown>, init: boolean): ContainerRt {
  return new Container(spec, init);
}

/**
 * A container's runtime record. Most containers' environment is never printed or read by their
 * program, so it is built from the start's inputs (`envSource`) when first read; setting it
 * replaces any pending source.
 */
class Container implements ContainerRt {
  readonly name: string;
  image?: ResolvedImage;
  imageReady = false;
  pulling?: ContainerRt['pulling'];
  pullStartedAt?: number;
  pullBackoff: Backoff = { ms: 0, at: 0 };
  pullRetryAt?: number;
  waiting?: ContainerRt['waiting'];
  running?: ContainerRt['running'];
  terminated?: Terminated;
  lastTerminated?: Terminated;
  restartCount = 0;
  startedOnce?: boolean;
  ready = false;
  started = false;
  crashBackoff: Backoff = { ms: 0, at: 0 };
  restartAt?: number;
  proc?: Process;
  readiness: ProbeState = { successes: 0, failures: 0, next: 0 };
  liveness: ProbeState = { successes: 0, failures: 0, next: 0 };
  logs: LogLine[] = [];
  prevLogs: LogLine[] = [];
  followers = new Set<Follower>();
  files: Map<string, string> = new Map();
  envSource?: () => [string, string][];
  killDeadline?: number;
  killForRestart?: boolean;
  trackKeys?: ContainerRt['trackKeys'];
  fieldPath?: string;
  private envValue: [string, string][] = [];

  constructor(
    public spec: Record<string, unknown>,
    readonly init: boolean,
  ) {
    this.name = String(spec.name);
  }

  get env(): [string, string][] {
    if (this.envSource) {
      this.envValue = this.envSource();
      this.envSource = undefined;
    }
    return this.envValue;
  }

  set env(value: [string, string][]) {
    this.envSource = undefined;
    this.envValue = value;
  }
}

export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

/** client-go's flowcontrol.Backoff: 10 s doubling to 5 min, forgotten after 2× max idle. */
export function bumpBackoff(b: Backoff, now: number): void {
  if (b.ms && now - b.at > 2 * BACKOFF_MAX_MS) b.ms = 0;
  b.ms = b.ms ? Math.min(b.ms * 2, BACKOFF_MAX_MS) : BACKOFF_BASE_MS;
  b.at = now;
}

/** Go's time.Duration.String for whole seconds: 10s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}

const formatted = new Map<number, string>();

/** metav1.Time: second precision. Statuses repeat the same few seconds: each is formatted once. */
export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  let s = formatted.get(sec);
  if (s === undefined) {
    if (formatted.size >= 1024) formatted.clear();
    s = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
    formatted.set(sec, s);
  }
  return s;
}

/** RFC3339Nano as kubelet log timestamps print: 2026-11-23T09:00:05.123000000Z */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
