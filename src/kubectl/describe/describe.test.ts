// describe against the golden fixture state (clock at 2026-11-23): the four outputs the real
// kubectl v1.32.5 printed must come out byte for byte; then the other kinds and flags.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createCluster } from '../../cluster/cluster';
import { loadObjects } from '../../cluster/fixtures';
import { inProcessClient } from '../../transport/inprocess';
import type { ApiRequest } from '../../api/client';
import { runKubectl } from '../kubectl';
import type { KubectlIO } from '../io';

const GOLDEN = new URL('../../../tests/kubectl/golden/', import.meta.url);
const NOW = Date.UTC(2026, 10, 23);

function fixtures(): unknown[] {
  const dir = new URL('fixtures/state/', GOLDEN);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
}

function setup(extra: unknown[] = []) {
  const cluster = createCluster({ empty: true, controllers: false, start: NOW });
  loadObjects(cluster, [...fixtures(), ...extra]);
  const requests: string[] = [];
  const inner = inProcessClient(cluster.api, { afterRequest: () => cluster.settle() });
  const client = {
    ...inner,
    request: (r: ApiRequest) => {
      const q = new URLSearchParams(r.query ?? {}).toString();
      requests.push(`${r.verb} ${r.path}${q ? `?${q}` : ''}`);
      return inner.request(r);
    },
  };
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: KubectlIO = {
      stdout: { write: (t) => void (stdout += t) },
      stderr: { write: (t) => void (stderr += t) },
      signal: { aborted: false, onAbort: () => () => {} },
      now: () => NOW,
      sleep: async () => {},
      readFile: () => undefined,
    };
    const code = await runKubectl(argv, io, { client, namespace: 'default', server: 'http://127.0.0.1:8080' });
    return { stdout, stderr, code };
  };
  return { run, requests, cluster };
}

const golden = (name: string) => readFileSync(new URL(`${name}.stdout`, GOLDEN), 'utf8');

describe('kubectl describe: golden outputs', () => {
  for (const [name, args] of [
    ['describe-pod-running', ['pod', 'web-7c5ddbdf54-2xkqn']],
    ['describe-deploy', ['deployment', 'web']],
    ['describe-svc', ['svc', 'web']],
    ['describe-node', ['node', 'node-1']],
  ] as const) {
    it(name, async () => {
      const { run } = setup();
      const r = await run('describe', ...args);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(golden(name));
      expect(r.code).toBe(0);
    });
  }
});

describe('kubectl describe: other kinds on the fixture state', () => {
  it('a CrashLoopBackOff pod: waiting state, last termination, an aggregated event', async () => {
    const { run } = setup();
    const r = await run('describe', 'pod', 'crashy');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    1\n      Started:      Mon, 01 Jun 2015 11:58:00 +0000\n      Finished:     Mon, 01 Jun 2015 11:58:01 +0000\n    Ready:          False\n    Restart Count:  5\n',
    );
    expect(r.stdout).toMatch(/\n  Warning  BackOff  11y \(x27 over 11y\)  kubelet  Back-off restarting failed container crashy in pod crashy_default\(\S+\)\n$/);
  });

  it('describe pod asks for the pod, then its events by involvedObject (no kind), with limit', async () => {
    const { run, requests } = setup();
    await run('describe', 'pod', 'web-7c5ddbdf54-2xkqn');
    const mine = requests.filter((r) => !/^GET \/apis?\?|^GET \/apis?$/.test(r));
    expect(mine[0]).toBe('GET /api/v1/namespaces/default/pods/web-7c5ddbdf54-2xkqn');
    expect(mine[1]).toBe('GET /api/v1/namespaces/default/pods/web-7c5ddbdf54-2xkqn');
    expect(decodeURIComponent(mine[2])).toMatch(/^GET \/api\/v1\/namespaces\/default\/events\?fieldSelector=involvedObject\.name=web-7c5ddbdf54-2xkqn,involvedObject\.namespace=default,involvedObject\.uid=[^,&]+&limit=500$/);
  });

  it('describe node lists its non-terminated pods, its events twice and reads its Lease', async () => {
    const { run, requests } = setup();
    await run('describe', 'node', 'node-1', '--chunk-size', '0');
    const log = requests.map((r) => decodeURIComponent(r.replace(/\+/g, ' ')));
    expect(log).toContain('GET /api/v1/pods?fieldSelector=spec.nodeName=node-1,status.phase!=Succeeded,status.phase!=Failed');
    expect(log.filter((l) => l.startsWith('GET /api/v1/events?fieldSelector=involvedObject.kind=Node,involvedObject.name=node-1,involvedObject.namespace=,'))).toHaveLength(2);
    expect(log).toContain('GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1');
  });

  it('describe svc reads EndpointSlices by service name; deploy lists ReplicaSets by its selector', async () => {
    const { run, requests } = setup();
    await run('describe', 'svc', 'web-np');
    await run('describe', 'deploy', 'web');
    const log = requests.map((r) => decodeURIComponent(r));
    expect(log).toContain('GET /apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io/service-name=web-np');
    expect(log).toContain('GET /apis/apps/v1/namespaces/default/replicasets?labelSelector=app=web&limit=500');
  });

  it('a NodePort service prints its NodePort line and the ready endpoints', async () => {
    const { run } = setup();
    const r = await run('describe', 'svc', 'web-np');
    expect(r.stdout).toMatch(/\nType: +NodePort\n/);
    expect(r.stdout).toContain(
      'Port:                     http  8080/TCP\nTargetPort:               80/TCP\nNodePort:                 http  30080/TCP\nEndpoints:                10.244.0.5:80\nSession Affinity:         None\nExternal Traffic Policy:  Cluster\n',
    );
  });

  it('a name that matches nothing exactly describes every object it prefixes, each followed by a newline', async () => {
    const { run } = setup();
    const r = await run('describe', 'pods', 'web');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^Name: /gm)).toHaveLength(2);
    expect(r.stdout).toContain('Started container nginx\n\nName:             web-7c5ddbdf54-8mz4p\n');
    expect(r.stdout.endsWith('Events:                      <none>\n\n')).toBe(true);
  });

  it('several objects are separated by a blank line; -l filters; -A spans namespaces', async () => {
    const { run } = setup();
    const all = await run('describe', 'pods', '-l', 'app=web', '--show-events=false');
    expect(all.stdout).toContain('node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n\n\nName:             web-7c5ddbdf54-8mz4p\n');
    expect(all.stdout).not.toContain('Events:');
    const none = await run('describe', 'pods', '-l', 'app=nothing');
    expect(none).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    const everywhere = await run('describe', 'deploy', '-A', '-l', 'app=nothing');
    expect(everywhere.stderr).toBe('No resources found\n');
  });

  it('errors are kubectl\'s', async () => {
    const { run } = setup();
    expect(await run('describe', 'pod', 'nothere')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nothere" not found\n', code: 1 });
    expect(await run('describe', 'deploy/nothere')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nothere" not found\n', code: 1 });
    expect((await run('describe')).stderr).toBe('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
    expect((await run('describe', 'pods', 'crashy', '-l', 'a=b')).stderr).toBe('error: name cannot be provided when a selector is specified\n');
    expect((await run('describe', 'pod/crashy', '-l', 'a=b')).stderr).toBe('error: selectors and the all flag cannot be used when passing resource/name arguments\n');
    expect((await run('describe', 'foos')).stderr).toBe('error: the server doesn\'t have a resource type "foos"\n');
  });

  it('replicationcontroller, endpoints, endpointslice, namespace', async () => {
    const { run } = setup();
    expect((await run('describe', 'rc', 'legacy')).stdout).toContain('Selector:     app=legacy\nLabels:       app=legacy\nAnnotations:  <none>\nReplicas:     0 current / 0 desired\nPods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed\nPod Template:\n');
    expect((await run('describe', 'ep', 'web')).stdout).toContain('Subsets:\n  Addresses:          10.244.0.5\n  NotReadyAddresses:  <none>\n  Ports:\n    Name     Port  Protocol\n    ----     ----  --------\n    <unset>  80    TCP\n\nEvents:  <none>\n');
    expect((await run('describe', 'endpointslice', 'web-x9t4q')).stdout).toContain('Endpoints:\n  - Addresses:  10.244.0.5\n    Conditions:\n      Ready:    true\n    Hostname:   <unset>\n    TargetRef:  Pod/web-7c5ddbdf54-2xkqn\n    NodeName:   node-1\n    Zone:       <unset>\n');
    expect((await run('describe', 'ns', 'default')).stdout).toBe('Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n');
  });

  it('the generic describer: sorted fields with smart labels (a Lease)', async () => {
    const { run } = setup();
    const r = await run('describe', 'lease', 'node-1', '-n', 'kube-node-lease');
    expect(r.stdout).toContain('API Version:  coordination.k8s.io/v1\nKind:         Lease\nMetadata:\n  Creation Timestamp:  2015-06-01T10:00:00Z\n  Owner References:\n    API Version:     v1\n');
    expect(r.stdout).toContain('Spec:\n  Holder Identity:         node-1\n  Lease Duration Seconds:  40\n');
    expect(r.stdout.endsWith('Events:                    <none>\n')).toBe(true);
  });

  it('configmap, secret (sizes only), service account', async () => {
    const extra = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { size: '3', color: 'blue' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, type: 'Opaque', data: { user: 'YWRtaW4=', pass: 'czNjcmV0' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'default', uid: 'u-1' }, imagePullSecrets: [{ name: 'gone' }] },
    ];
    const { run } = setup(extra);
    expect((await run('describe', 'cm', 'settings')).stdout).toBe(
      'Name:         settings\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\ncolor:\n----\nblue\n\nsize:\n----\n3\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
    expect((await run('describe', 'secret', 'creds')).stdout).toBe('Name:         creds\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npass:  6 bytes\nuser:  5 bytes\n');
    expect((await run('describe', 'sa', 'builder')).stdout).toBe(
      'Name:                builder\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  gone (not found)\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n',
    );
  });
});

describe('describe building blocks', () => {
  it('event ages: single, aggregated, and <unknown> for a missing time', async () => {
    const { describeEvents } = await import('./events');
    const { PrefixWriter } = await import('./writer');
    const w = new PrefixWriter();
    const now = Date.UTC(2026, 0, 1, 0, 10, 0);
    describeEvents(
      [
        { type: 'Warning', reason: 'BackOff', count: 4, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:07:00Z', source: { component: 'kubelet' }, message: 'Back-off  ' },
        { type: 'Normal', reason: 'Pulled', firstTimestamp: '2026-01-01T00:05:30Z', lastTimestamp: '2026-01-01T00:05:30Z', reportingComponent: 'kubelet', message: 'ok' },
        { type: 'Normal', reason: 'Odd', message: 'no times' },
      ],
      w,
      now,
    );
    expect(w.toString()).toBe(
      [
        'Events:',
        '  Type     Reason   Age               From     Message',
        '  ----     ------   ----              ----     -------',
        '  Normal   Odd      <unknown>                  no times',
        '  Normal   Pulled   4m30s             kubelet  ok',
        '  Warning  BackOff  3m (x4 over 10m)  kubelet  Back-off',
        '',
      ].join('\n'),
    );
  });

  it('smart labels and QoS classes', async () => {
    const { smartLabelFor } = await import('./generic');
    const { podQOS } = await import('./pod');
    expect(['apiVersion', 'uid', 'holderIdentity', 'podCIDR', 'x.y', 'HTTPServer'].map(smartLabelFor)).toEqual(['API Version', 'UID', 'Holder Identity', 'Pod CIDR', 'x.y', 'HTTP Server']);
    const c = (requests: object, limits: object) => ({ spec: { containers: [{ resources: { requests, limits } }] } });
    expect(podQOS(c({}, {}))).toBe('BestEffort');
    expect(podQOS(c({ cpu: '100m' }, {}))).toBe('Burstable');
    expect(podQOS(c({ cpu: '1', memory: '1Gi' }, { cpu: '1000m', memory: '1024Mi' }))).toBe('Guaranteed');
  });
});
