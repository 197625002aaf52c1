// Test helper: pods in every state the pod printer distinguishes (each phase, waiting and
// terminated reasons, init containers, sidecars, restarts with and without a termination time,
// readiness gates, nominated nodes, scheduling gates, IPv6, deletion), as a manifest (spec,
// metadata) and the status a kubelet or scheduler would write. Timestamps are relative to `now`.
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';

export interface PodCase {
  pod: Pod;
  status: PodStatus;
  /** Delete it afterwards (with its grace period): STATUS becomes Terminating or Unknown. */
  terminate?: boolean;
}

const base = { ready: false, restartCount: 0, image: 'nginx', imageID: '' };

export function variedPods(now: number): PodCase[] {
  const ago = (ms: number) => new Date(now - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const pod = (name: string, spec: Partial<Pod['spec']> = {}): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name.split('-')[0], tier: 'web' } },
    spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: 'node01', ...spec },
  });
  const running = (ip: string, extra: Partial<PodStatus> = {}): PodStatus => ({
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ ...base, name: 'app', ready: true, state: { running: { startedAt: ago(60_000) } } }],
    ...extra,
  });
  const two = { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx' }] };
  return [
    { pod: pod('pending', { nodeName: undefined }), status: { phase: 'Pending' } },
    { pod: pod('gated', { nodeName: undefined, schedulingGates: [{ name: 'x/wait' }] }), status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } },
    { pod: pod('nominated', { nodeName: undefined }), status: { phase: 'Pending', nominatedNodeName: 'node02' } },
    { pod: pod('creating'), status: { phase: 'Pending', containerStatuses: [{ ...base, name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }] } },
    { pod: pod('pullbackoff'), status: { phase: 'Pending', containerStatuses: [{ ...base, name: 'app', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } } }] } },
    { pod: pod('running'), status: running('10.244.1.2') },
    { pod: pod('ipv6'), status: { ...running('fd00::7'), podIP: undefined } },
    {
      pod: pod('crashloop', two),
      status: {
        phase: 'Running',
        podIP: '10.244.1.3',
        containerStatuses: [
          { ...base, name: 'a', restartCount: 12, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(95_000) } } },
          { ...base, name: 'b', ready: true, restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 137, finishedAt: ago(4 * 3600_000) } } },
        ],
      },
    },
    { pod: pod('restarted'), status: running('10.244.1.4', { containerStatuses: [{ ...base, name: 'app', ready: true, restartCount: 3, state: { running: {} } }] }) },
    { pod: pod('oomkilled'), status: { phase: 'Running', containerStatuses: [{ ...base, name: 'app', restartCount: 1, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } }, lastState: { terminated: { exitCode: 137, finishedAt: ago(30_000) } } }] } },
    { pod: pod('signalled'), status: { phase: 'Running', containerStatuses: [{ ...base, name: 'app', state: { terminated: { exitCode: 0, signal: 9 } } }] } },
    { pod: pod('exitcode'), status: { phase: 'Running', containerStatuses: [{ ...base, name: 'app', state: { terminated: { exitCode: 2 } } }] } },
    {
      pod: pod('notready', two),
      status: {
        phase: 'Running',
        containerStatuses: [
          { ...base, name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { ...base, name: 'b', ready: true, state: { running: {} } },
        ],
      },
    },
    { pod: pod('completed', { restartPolicy: 'Never' }), status: { phase: 'Succeeded', containerStatuses: [{ ...base, name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } },
    { pod: pod('evicted'), status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' } },
    { pod: pod('unknown'), status: { phase: 'Unknown' } },
    {
      pod: pod('init', { initContainers: [{ name: 'i1', image: 'busybox' }, { name: 'i2', image: 'busybox' }] }),
      status: { phase: 'Pending', initContainerStatuses: [{ ...base, name: 'i1', state: { terminated: { exitCode: 0 } } }, { ...base, name: 'i2', state: { running: {} } }] },
    },
    {
      pod: pod('initfail', { initContainers: [{ name: 'i1', image: 'busybox' }] }),
      status: { phase: 'Pending', initContainerStatuses: [{ ...base, name: 'i1', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(20_000) } } }] },
    },
    {
      pod: pod('sidecar', { initContainers: [{ name: 'side', image: 'envoy', restartPolicy: 'Always' }] }),
      status: running('10.244.2.9', {
        conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
        initContainerStatuses: [{ ...base, name: 'side', ready: true, started: true, restartCount: 2, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: ago(600_000) } } }],
      }),
    },
    {
      pod: pod('gates', { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] }),
      status: running('10.244.1.5', { conditions: [{ type: 'Ready', status: 'False' }, { type: 'example.com/lb', status: 'True' }, { type: 'example.com/dns', status: 'False' }] }),
    },
    { pod: pod('terminating'), status: running('10.244.1.6'), terminate: true },
    { pod: pod('nodelost'), status: { ...running('10.244.1.7'), reason: 'NodeLost' }, terminate: true },
  ];
}
