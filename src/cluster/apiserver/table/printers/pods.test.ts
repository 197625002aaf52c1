import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types';
import { printPod } from './pods';

const NOW = Date.parse('2026-11-23T00:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');

function pod(p: Partial<Pod> & { status?: Pod['status'] }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(3600_000), ...(p.metadata ?? {}) },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...(p.spec ?? {}) },
    status: p.status ?? {},
  } as KubeObject;
}

const print = (o: KubeObject) => printPod(o, { now: NOW });
const status = (o: KubeObject) => print(o).cells[2];

describe('pod printer', () => {
  it('prints a running ready pod with every wide cell', () => {
    const row = print(
      pod({
        spec: { containers: [{ name: 'app' }], nodeName: 'node-1' },
        status: {
          phase: 'Running',
          podIP: '10.244.0.5',
          podIPs: [{ ip: '10.244.0.5' }],
          containerStatuses: [
            { name: 'app', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: ago(60_000) } } },
          ],
        },
      }),
    );
    expect(row.cells).toEqual(['p', '1/1', 'Running', '0', '60m', '10.244.0.5', 'node-1', '<none>', '<none>']);
    expect(row.conditions).toBeUndefined();
  });

  it('prints Pending with <none> for missing IP and node', () => {
    expect(print(pod({ status: { phase: 'Pending' } })).cells).toEqual([
      'p', '0/1', 'Pending', '0', '60m', '<none>', '<none>', '<none>', '<none>',
    ]);
  });

  it.each(['ContainerCreating', 'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError'])(
    'shows the waiting reason %s',
    (reason) => {
      const o = pod({
        status: {
          phase: 'Pending',
          containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: '', imageID: '', state: { waiting: { reason } } }],
        },
      });
      expect(status(o)).toBe(reason);
    },
  );

  it('counts restarts with the age of the latest termination', () => {
    const o = pod({
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: false, restartCount: 3, image: '', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(3 * 60_000) } } },
          { name: 'b', ready: true, restartCount: 2, image: '', imageID: '', state: { running: {} },
            lastState: { terminated: { exitCode: 137, finishedAt: ago(10 * 60_000) } } },
        ],
      },
    });
    const row = print(o);
    expect(row.cells.slice(1, 4)).toEqual(['1/2', 'CrashLoopBackOff', '5 (3m ago)']);
  });

  it('prints plain restart counts when no termination time is known', () => {
    const o = pod({
      status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 2, image: '', imageID: '', state: { running: {} } }] },
    });
    expect(print(o).cells[3]).toBe('2');
  });

  it('shows terminated reasons, ExitCode and Signal', () => {
    const term = (t: object) =>
      pod({ status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0, ...t } } }] } });
    expect(status(term({ reason: 'OOMKilled', exitCode: 137 }))).toBe('OOMKilled');
    expect(status(term({ exitCode: 2 }))).toBe('ExitCode:2');
    expect(status(term({ exitCode: 0, signal: 9 }))).toBe('Signal:9');
  });

  it('prints Completed for a succeeded pod and marks the row completed', () => {
    const row = print(
      pod({
        status: {
          phase: 'Succeeded',
          containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
        },
      }),
    );
    expect(row.cells[1]).toBe('0/1');
    expect(row.cells[2]).toBe('Completed');
    expect(row.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    const failed = print(pod({ status: { phase: 'Failed', reason: 'Evicted' } }));
    expect(failed.cells[2]).toBe('Evicted');
    expect(failed.conditions?.[0].reason).toBe('Failed');
  });

  it('turns Completed back to Running or NotReady while another container runs', () => {
    const statuses = [
      { name: 'a', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'b', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } },
    ];
    const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
    // Containers are scanned from last to first, so a's Completed is the final reason.
    expect(status(pod({ spec, status: { phase: 'Running', containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'True' }] } }))).toBe('Running');
    expect(status(pod({ spec, status: { phase: 'Running', containerStatuses: statuses } }))).toBe('NotReady');
  });

  it('prints init container progress and failures', () => {
    const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'app' }] };
    const init = (s: object[], extra: object = {}) => status(pod({ spec, status: { phase: 'Pending', initContainerStatuses: s as never, ...extra } }));
    const base = { ready: false, restartCount: 0, image: '', imageID: '' };
    expect(init([{ name: 'i1', ...base, state: { running: {} } }, { name: 'i2', ...base, state: { waiting: { reason: 'PodInitializing' } } }])).toBe('Init:0/2');
    expect(init([{ name: 'i1', ...base, state: { terminated: { exitCode: 0 } } }, { name: 'i2', ...base, state: { running: {} } }])).toBe('Init:1/2');
    expect(init([{ name: 'i1', ...base, state: { waiting: { reason: 'ErrImagePull' } } }])).toBe('Init:ErrImagePull');
    expect(init([{ name: 'i1', ...base, state: { terminated: { exitCode: 1, reason: 'Error' } } }])).toBe('Init:Error');
    expect(init([{ name: 'i1', ...base, state: { terminated: { exitCode: 3 } } }])).toBe('Init:ExitCode:3');
    expect(init([{ name: 'i1', ...base, state: { terminated: { exitCode: 143, signal: 15 } } }])).toBe('Init:Signal:15');
    // A zero exit code means that init container finished and is skipped whatever the signal;
    // with no status for i2 yet nothing is initializing, so the phase shows.
    expect(init([{ name: 'i1', ...base, state: { terminated: { exitCode: 0, signal: 15 } } }])).toBe('Pending');
  });

  it('counts restartable (sidecar) init containers as containers', () => {
    const o = pod({
      spec: { initContainers: [{ name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'app' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [{ name: 'side', ready: true, started: true, restartCount: 1, image: '', imageID: '', state: { running: {} } }],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } }],
      },
    });
    expect(print(o).cells.slice(1, 4)).toEqual(['2/2', 'Running', '1']);
  });

  it('prints Terminating once deleted, Unknown for NodeLost pods', () => {
    const running = { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } }] };
    expect(status(pod({ metadata: { name: 'p', deletionTimestamp: ago(0) }, status: running }))).toBe('Terminating');
    expect(status(pod({ metadata: { name: 'p', deletionTimestamp: ago(0) }, status: { ...running, reason: 'NodeLost' } }))).toBe('Unknown');
    expect(status(pod({ metadata: { name: 'p', deletionTimestamp: ago(0) }, status: { phase: 'Succeeded' } }))).toBe('Succeeded');
    // Without deletion the NodeLost reason shows while no container overrides it.
    expect(status(pod({ status: { phase: 'Running', reason: 'NodeLost' } }))).toBe('NodeLost');
  });

  it('prints SchedulingGated, nominated node and readiness gates', () => {
    const row = print(
      pod({
        spec: { containers: [{ name: 'app' }], readinessGates: [{ conditionType: 'x/a' }, { conditionType: 'x/b' }] },
        status: {
          phase: 'Pending',
          nominatedNodeName: 'node-2',
          conditions: [
            { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' },
            { type: 'x/a', status: 'True' },
            { type: 'x/b', status: 'False' },
          ],
        },
      }),
    );
    expect(row.cells[2]).toBe('SchedulingGated');
    expect(row.cells.slice(7)).toEqual(['node-2', '1/2']);
  });

  it('takes status.podIP over podIPs, as the v1 conversion does', () => {
    expect(print(pod({ status: { phase: 'Running', podIPs: [{ ip: 'fd00::1' }] } })).cells[5]).toBe('fd00::1');
    expect(print(pod({ status: { phase: 'Running', podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.9' }] } })).cells[5]).toBe('10.0.0.1');
  });
});
