// The kubernetes.io bootcamp (Kubernetes Basics, modules 2 to 6) replayed through the API on a
// full minikube-shaped cluster: every controller, the scheduler, the kubelet and kube-proxy.
import { describe, expect, it } from 'vitest';
import { harness, isReady, deployment, type Obj } from './lib';

const NS = '/api/v1/namespaces/default';
const DEP = '/apis/apps/v1/namespaces/default/deployments';
const V1 = 'gcr.io/google-samples/kubernetes-bootcamp:v1';
const V2 = 'docker.io/jocatalin/kubernetes-bootcamp:v2';
const V10 = 'gcr.io/google-samples/kubernetes-bootcamp:v10';
const NAME = 'kubernetes-bootcamp';

function run(seed: number) {
  const h = harness({ seed, topology: 'minikube' });
  const { call, list } = h;
  const dep = () => call('GET', `${DEP}/${NAME}`);
  const pods = () => list(`${NS}/pods`, { labelSelector: `app=${NAME}` });
  const live = () => pods().filter((p) => !p.metadata.deletionTimestamp);
  const rss = () => list('/apis/apps/v1/namespaces/default/replicasets');
  const image = (o: Obj) => (o.spec.template?.spec ?? o.spec).containers[0].image as string;
  const rolledOut = (n: number) => () => {
    const d = dep();
    const s = d.status ?? {};
    return (s.observedGeneration ?? 0) >= d.metadata.generation! && s.updatedReplicas === n && s.replicas === n && s.availableReplicas === n;
  };
  const setImage = (img: string) =>
    call(
      'PATCH',
      `${DEP}/${NAME}`,
      JSON.stringify({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: NAME }], containers: [{ image: img, name: NAME }] } } } }),
      'application/strategic-merge-patch+json',
      { fieldManager: 'kubectl-set' },
    );
  return { h, call, list, dep, pods, live, rss, image, rolledOut, setImage };
}

describe('the bootcamp on a minikube cluster', () => {
  it('deploys, scales, exposes, updates within 25%/25%, stalls on v10 and rolls back', () => {
    const { h, call, list, dep, live, rss, image, rolledOut, setImage } = run(1);
    const net = h.c.components!.network;

    // Module 2: kubectl create deployment kubernetes-bootcamp --image=...:v1
    call('POST', DEP, deployment(NAME, V1, 1, { container: NAME }), undefined, { fieldManager: 'kubectl-create', fieldValidation: 'Strict' });
    h.until('one pod Running', () => live().length === 1 && live()[0].status?.phase === 'Running' && isReady(live()[0]), 60_000);
    expect(h.c.clock.now() - Date.parse(dep().metadata.creationTimestamp!)).toBeLessThan(10_000);
    h.until('the deployment available', rolledOut(1), 10_000);
    expect(dep().status).toMatchObject({ replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });
    const first = live()[0];
    expect(first.spec.nodeName).toBe('minikube');
    expect(first.status.podIP).toMatch(/^10\.244\.0\.\d+$/);

    // Its events, from the scheduler and the kubelet, all there (none lost to a name clash).
    const firstEvents = h.events({ fieldSelector: `involvedObject.name=${first.metadata.name}` }).map((e) => `${e.reason as string}: ${e.message as string}`);
    expect(firstEvents).toHaveLength(5);
    expect(firstEvents[0]).toBe(`Scheduled: Successfully assigned default/${first.metadata.name} to minikube`);
    expect(firstEvents[1]).toBe(`Pulling: Pulling image "${V1}"`);
    expect(firstEvents[2]).toMatch(new RegExp(`^Pulled: Successfully pulled image "${V1.replace(/[.]/g, '\\.')}" in [0-9.]+m?s \\([0-9.]+m?s including waiting\\)\\. Image size: \\d+ bytes\\.$`));
    expect(firstEvents.slice(3)).toEqual([`Created: Created container: ${NAME}`, `Started: Started container ${NAME}`]);

    // Module 3: the app's log through pods/log.
    const log = h.raw('GET', `${NS}/pods/${first.metadata.name}/log`);
    expect(log.status).toBe(200);
    expect(log.body).toMatch(new RegExp(`^Kubernetes Bootcamp App Started At: \\S+ \\| Running On:  ${first.metadata.name} \\n\\n$`));

    // Module 4: kubectl expose deployment/kubernetes-bootcamp --type=NodePort --port 8080
    const svc = call(
      'POST',
      `${NS}/services`,
      { apiVersion: 'v1', kind: 'Service', metadata: { name: NAME, labels: { app: NAME } }, spec: { ports: [{ port: 8080, protocol: 'TCP', targetPort: 8080 }], selector: { app: NAME }, type: 'NodePort' } },
      undefined,
      { fieldManager: 'kubectl-expose' },
    );
    const nodePort = svc.spec.ports[0].nodePort as number;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    h.c.settle();
    const r0 = net.request(undefined, `http://192.168.49.2:${nodePort}/`);
    expect(r0).toMatchObject({ status: 200, body: `Hello Kubernetes bootcamp! | Running on: ${first.metadata.name} | v=1\n` });
    expect(h.raw('GET', `${NS}/pods/${first.metadata.name}/log`).body).toMatch(
      new RegExp(`\\nRunning On: ${first.metadata.name} \\| Total Requests: 1 \\| App Uptime: [0-9.]+ seconds \\| Log Time: \\S+\\n$`),
    );

    // Module 5: kubectl scale deployments/kubernetes-bootcamp --replicas=4
    call('PATCH', `${DEP}/${NAME}/scale`, JSON.stringify({ spec: { replicas: 4 } }), 'application/merge-patch+json');
    h.until('4 available', rolledOut(4), 60_000);
    const four = live();
    expect(four).toHaveLength(4);
    const ips = four.map((p) => p.status.podIP).sort();
    h.until('4 endpoints', () => ((call('GET', `${NS}/endpoints/${NAME}`) as any).subsets?.[0]?.addresses?.length ?? 0) === 4, 10_000);
    const ep = call('GET', `${NS}/endpoints/${NAME}`) as any;
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses.map((a: { ip: string }) => a.ip).sort()).toEqual(ips);
    expect(ep.subsets[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    // Traffic through the NodePort spreads over the four pods.
    const hits = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const r = net.request(undefined, `http://192.168.49.2:${nodePort}/`) as { status: number; body: string };
      expect(r.status).toBe(200);
      const m = /^Hello Kubernetes bootcamp! \| Running on: (\S+) \| v=1\n$/.exec(r.body);
      expect(m, r.body).not.toBeNull();
      hits.set(m![1], (hits.get(m![1]) ?? 0) + 1);
    }
    expect([...hits.keys()].sort()).toEqual(four.map((p) => p.metadata.name).sort());
    // The ClusterIP answers too.
    expect(net.request(undefined, `http://${svc.spec.clusterIP}:8080/`)).toMatchObject({ status: 200 });

    // Module 6: kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=...:v2,
    // watching every pod change: at most 4+1 pods (maxSurge 25%) and at least 4-1 ready
    // (maxUnavailable 25%) at every step.
    const podsNow = new Map<string, Obj>(live().map((p) => [p.metadata.name!, p]));
    const violations: string[] = [];
    let steps = 0;
    const stop = h.watch(
      `${NS}/pods`,
      (type, p) => {
        if (type === 'DELETED' || p.metadata.deletionTimestamp) podsNow.delete(p.metadata.name!);
        else podsNow.set(p.metadata.name!, p);
        steps++;
        const all = [...podsNow.values()];
        const ready = all.filter(isReady).length;
        if (all.length > 5 || ready < 3) violations.push(`${type} ${p.metadata.name}: ${all.length} pods, ${ready} ready: ${all.map((x) => `${x.metadata.name}${isReady(x) ? "+" : "-"}`).join(" ")}`);
      },
      { labelSelector: `app=${NAME}`, resourceVersion: dep().metadata.resourceVersion! },
    );
    const rsReplicas: number[] = [];
    // (Watch callbacks must not call the API: a request settles the clock, nested in a write.)
    const rsSpec = new Map<string, number>(rss().map((rs) => [rs.metadata.name!, rs.spec.replicas as number]));
    const stopRs = h.watch('/apis/apps/v1/namespaces/default/replicasets', (_t, rs) => {
      rsSpec.set(rs.metadata.name!, rs.spec.replicas);
      rsReplicas.push([...rsSpec.values()].reduce((a, b) => a + b, 0));
    });
    setImage(V2);
    h.until('v2 rolled out', rolledOut(4), 120_000);
    stop();
    stopRs();
    expect(violations).toEqual([]);
    expect(steps).toBeGreaterThan(8);
    expect(Math.max(...rsReplicas)).toBeLessThanOrEqual(5);
    expect(live().map(image)).toEqual([V2, V2, V2, V2]);
    h.until('old pods gone', () => list(`${NS}/pods`).length === 4, 60_000);
    const rsV1 = rss().find((rs) => image(rs) === V1)!;
    const rsV2 = rss().find((rs) => image(rs) === V2)!;
    expect(rsV1.spec.replicas).toBe(0);
    expect(rsV2.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(dep().status.conditions.find((x: any) => x.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    const r2 = net.request(undefined, `http://192.168.49.2:${nodePort}/`) as { body: string };
    expect(r2.body).toMatch(/ \| v=2\n$/);
    // ScalingReplicaSet events in the real form.
    const msgs = h.events({ fieldSelector: `involvedObject.kind=Deployment,involvedObject.name=${NAME}` }).map((e) => `${e.reason as string}: ${e.message as string}`);
    expect(msgs).toContain(`ScalingReplicaSet: Scaled up replica set ${rsV1.metadata.name} from 0 to 1`);
    expect(msgs).toContain(`ScalingReplicaSet: Scaled up replica set ${rsV1.metadata.name} from 1 to 4`);
    expect(msgs).toContain(`ScalingReplicaSet: Scaled up replica set ${rsV2.metadata.name} from 0 to 1`);
    // The tenth distinct ScalingReplicaSet message within 10 minutes: client-go's EventCorrelator
    // folds it into the combined event, as `kubectl describe deploy` shows after a real rollout.
    expect(msgs).toContain(`ScalingReplicaSet: (combined from similar events): Scaled down replica set ${rsV1.metadata.name} from 1 to 0`);

    // kubectl set image ... :v10: ErrImagePull / ImagePullBackOff, stuck at 3 available, and
    // ProgressDeadlineExceeded once 600 s pass without progress.
    const setAt = h.c.clock.now();
    setImage(V10);
    h.until('a v10 pod in ImagePullBackOff', () => live().some((p) => image(p) === V10 && p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'), 60_000);
    const bad = live().filter((p) => image(p) === V10);
    expect(bad).toHaveLength(2);
    const waiting = bad.map((p) => p.status.containerStatuses[0].state.waiting);
    expect(waiting.find((w) => w.reason === 'ImagePullBackOff')?.message).toBe(`Back-off pulling image "${V10}"`);
    const errPull = waiting.find((w) => w.reason === 'ErrImagePull');
    if (errPull) expect(errPull.message).toMatch(/^rpc error: code = NotFound desc = failed to pull and unpack image/);
    expect(dep().status).toMatchObject({ replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 2 });
    // The tutorial finds them with --field-selector status.phase=Pending.
    expect(list(`${NS}/pods`, { fieldSelector: 'status.phase=Pending' }).map((p) => p.metadata.name).sort()).toEqual(bad.map((p) => p.metadata.name).sort());
    const progressing = () => dep().status.conditions.find((x: any) => x.type === 'Progressing');
    const rsV10 = rss().find((rs) => image(rs) === V10)!;
    h.until('ProgressDeadlineExceeded', () => progressing().reason === 'ProgressDeadlineExceeded', 700_000);
    const elapsed = h.c.clock.now() - setAt;
    expect(elapsed).toBeGreaterThanOrEqual(600_000);
    expect(elapsed).toBeLessThan(620_000);
    expect(progressing()).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsV10.metadata.name}" has timed out progressing.` });
    const pullEvents = h.events({ fieldSelector: `involvedObject.name=${bad[0].metadata.name}` }).map((e) => `${e.type as string} ${e.reason as string}: ${e.message as string}`);
    expect(pullEvents).toContain(`Normal Pulling: Pulling image "${V10}"`);
    expect(pullEvents.find((m) => m.startsWith('Warning Failed: Failed to pull image '))).toMatch(/^Warning Failed: Failed to pull image "gcr\.io\/google-samples\/kubernetes-bootcamp:v10": .*not found$/);
    expect(pullEvents).toContain('Warning Failed: Error: ErrImagePull');
    expect(pullEvents).toContain('Warning Failed: Error: ImagePullBackOff');
    expect(pullEvents).toContain(`Normal BackOff: Back-off pulling image "${V10}"`);

    // kubectl rollout undo: the JSON patch kubectl sends (revision 2's template without
    // pod-template-hash, and the deployment's annotations).
    const tpl = structuredClone(rss().find((rs) => image(rs) === V2)!.spec.template);
    delete tpl.metadata.labels['pod-template-hash'];
    const d = dep();
    call(
      'PATCH',
      `${DEP}/${NAME}`,
      JSON.stringify([
        { op: 'replace', path: '/spec/template', value: tpl },
        { op: 'replace', path: '/metadata/annotations', value: d.metadata.annotations },
      ]),
      'application/json-patch+json',
    );
    h.until('v2 again', rolledOut(4), 120_000);
    expect(live().map(image)).toEqual([V2, V2, V2, V2]);
    const back = rss().find((rs) => image(rs) === V2)!;
    expect(back.metadata.name).toBe(rsV2.metadata.name);
    expect(back.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('4');
    expect(rss().map((rs) => rs.metadata.annotations!['deployment.kubernetes.io/revision']).sort()).toEqual(['1', '3', '4']);
    expect(progressing()).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    expect(dep().status.conditions.find((x: any) => x.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });

    // Through the API proxy (kubectl proxy; curl .../pods/$POD_NAME:8080/proxy/).
    const pod = live()[0].metadata.name!;
    const proxied = h.raw('GET', `${NS}/pods/${pod}:8080/proxy/`);
    expect(proxied.status).toBe(200);
    expect(String(proxied.body)).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod} | v=2\n`);

    // kubectl delete service -l app=kubernetes-bootcamp: the NodePort stops answering.
    h.call('DELETE', `${NS}/services/${NAME}`);
    h.c.settle();
    const refused = net.request(undefined, `http://192.168.49.2:${nodePort}/`);
    expect(refused).toMatchObject({ error: 'refused', curlCode: 7 });
    expect((refused as { message: string }).message).toMatch(new RegExp(`^Failed to connect to 192\\.168\\.49\\.2 port ${nodePort}`));
  });

  it('is deterministic: the same seed gives the same names', () => {
    const names = (seed: number) => {
      const { h, call, live, rolledOut } = run(seed);
      call('POST', DEP, deployment(NAME, V1, 3, { container: NAME }));
      h.until('3 available', rolledOut(3), 60_000);
      return live().map((p) => `${p.metadata.name} ${p.status.podIP}`).sort();
    };
    const a = names(7);
    expect(names(7)).toEqual(a);
    for (const n of a) expect(n).toMatch(/^kubernetes-bootcamp-[a-f0-9]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5} 10\.244\.0\.\d+$/);
  });
});
