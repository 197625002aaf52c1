// Pods: Name, Ready, Status, Restarts, Age | IP, Node, Nominated Node, Readiness Gates.
// The Status cell follows printPod: phase or status.reason, SchedulingGated, the init containers
// (Init:N/M, Init:<reason>, Init:ExitCode/Signal), then each container from last to first
// (waiting reason, terminated reason, ExitCode/Signal), Completed→Running/NotReady while one still
// runs, and finally Terminating (or Unknown for NodeLost pods) once deletionTimestamp is set.
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../api/types';
import { DOC } from '../descriptions';
import { humanDuration, parseTime } from '../../../../api/duration';
import { AGE_COLUMN, as, col, NAME_COLUMN, perObject, type PrintContext, type PrintedRow, type Printer } from '../printer';
import type { TableRowCondition } from '../types';

/** node.NodeUnreachablePodReason */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

const columns = [
  NAME_COLUMN,
  col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  col('Status', 'string', 'The aggregate status of the containers in this pod.'),
  col(
    'Restarts',
    'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  AGE_COLUMN,
  col('IP', 'string', DOC.PodStatus_podIP, 1),
  col('Node', 'string', DOC.PodSpec_nodeName, 1),
  col('Nominated Node', 'string', DOC.PodStatus_nominatedNodeName, 1),
  col('Readiness Gates', 'string', DOC.PodSpec_readinessGates, 1),
];

const SUCCEEDED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

function isRestartableInitContainer(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function conditionTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  const c = (conditions ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

function hasPodReadyCondition(conditions: PodCondition[] | undefined): boolean {
  return (conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Latest lastState.terminated.finishedAt of the given statuses, folded into `since`. */
function laterFinish(since: number | undefined, cs: ContainerStatus): number | undefined {
  const term = cs.lastState?.terminated;
  if (!term) return since;
  const t = parseTime(term.finishedAt);
  if (t === undefined) return since;
  return since === undefined || since < t ? t : since;
}

/** The pod's IP as the internal type sees it: status.podIP wins over podIPs[0] (v1 conversion). */
function podIP(pod: Pod): string {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || '';
}

/**
 * Everything in a pod's row that does not depend on the clock: the cells but AGE and the
 * "(5m ago)" of RESTARTS, which are computed from the timestamps kept here.
 */
interface PodRowParts {
  name: string;
  ready: string;
  reason: string;
  restarts: number;
  /** Latest lastState.terminated.finishedAt of the counted containers, ms. */
  lastRestart: number | undefined;
  /** metadata.creationTimestamp, ms (undefined: `<unknown>`). */
  created: number | undefined;
  ip: string;
  node: string;
  nominated: string;
  readinessGates: string;
  conditions: TableRowCondition[] | undefined;
}

function podRowParts(obj: KubeObject): PodRowParts {
  const pod = as<Pod>(obj);
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;

  const phase = status.phase ?? '';
  let reason: string = status.reason || phase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const conditions = phase === 'Succeeded' ? SUCCEEDED : phase === 'Failed' ? FAILED : undefined;

  const initContainers = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    lastRestart = laterFinish(lastRestart, cs);
    const restartable = isRestartableInitContainer(initContainers.get(cs.name));
    if (restartable) {
      restartableInitRestarts += cs.restartCount ?? 0;
      lastRestartableInitRestart = laterFinish(lastRestartableInitRestart, cs);
    }
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (term) {
      // initialization failed
      if (!term.reason) {
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      } else {
        reason = `Init:${term.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestart = laterFinish(lastRestart, cs);
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (term && term.reason) {
        reason = term.reason;
      } else if (term) {
        reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // Back to Running if at least one container still runs.
    if (reason === 'Completed' && hasRunning) {
      reason = hasPodReadyCondition(status.conditions) ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata?.deletionTimestamp !== null;
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let readinessGates = '<none>';
  const gates = spec.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const g of gates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      if (c?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }

  return {
    name: pod.metadata?.name ?? '',
    ready: `${readyContainers}/${totalContainers}`,
    reason,
    restarts,
    lastRestart,
    created: parseTime(pod.metadata?.creationTimestamp),
    ip: podIP(pod) || '<none>',
    node: spec.nodeName || '<none>',
    nominated: status.nominatedNodeName || '<none>',
    readinessGates,
    conditions,
  };
}

/** The row at `now`: the parts plus the clock-dependent AGE and RESTARTS texts. */
function podRow(parts: PodRowParts, now: number): PrintedRow {
  let restartsCell = String(parts.restarts);
  if (parts.restarts !== 0 && parts.lastRestart !== undefined) {
    restartsCell = `${parts.restarts} (${humanDuration(now - parts.lastRestart)} ago)`;
  }
  return {
    cells: [
      parts.name,
      parts.ready,
      parts.reason,
      restartsCell,
      parts.created === undefined ? '<unknown>' : humanDuration(now - parts.created),
      parts.ip,
      parts.node,
      parts.nominated,
      parts.readinessGates,
    ],
    conditions: parts.conditions,
  };
}

/** printPod, computed from scratch: the reference the cached printer must agree with. */
export function printPod(obj: KubeObject, ctx: PrintContext): PrintedRow {
  return podRow(podRowParts(obj), ctx.now);
}

// `get pods -A` prints every pod on every call, while most pods have not changed since the last
// one: the clock-free parts are kept per stored object (see perObject for why that is safe).
const cachedParts = perObject(podRowParts);

export const podPrinter: Printer = { columns, print: (obj, ctx) => podRow(cachedParts(obj), ctx.now) };
