// Scenario tests through the API, with a test-only "ReplicaSet controller + kubelet" fake.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { createControllerContext } from '../context';
import type { KubeObject } from '../../../api/types';
import { startDeploymentController } from './index';
import { FakeReplicaSetsAndKubelet, isPodReady, type FakeOptions } from './testing';
import { computeHash } from './hash';
import type { Deployment, ReplicaSet } from './util';

const NS = 'default';
const DPATH = `/apis/apps/v1/namespaces/${NS}/deployments`;
const RSPATH = `/apis/apps/v1/namespaces/${NS}/replicasets`;
const V1 = 'gcr.io/google-samples/kubernetes-bootcamp:v1';
const V2 = 'docker.io/jocatalin/kubernetes-bootcamp:v2';
const V10 = 'gcr.io/google-samples/kubernetes-bootcamp:v10';

function setup(opts: FakeOptions = {}) {
  const c = createCluster({ seed: 1, controllers: false });
  const ctx = createControllerContext(c.api, c.clock, c.rand);
  const dc = startDeploymentController(ctx);
  new FakeReplicaSetsAndKubelet(ctx, { readyAfterMs: 2000, neverReady: (img) => img.endsWith(':v10'), ...opts }).start();
  ctx.informers.start();

  const call = (verb: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, contentType?: string) => {
    const res = c.api.handle({ verb, path, body: typeof body === 'string' ? body : body, contentType });
    if (res.status >= 300) throw new Error(`${verb} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as KubeObject;
  };
  const h = {
    c,
    ctx,
    dc,
    call,
    create(name: string, replicas: number, image: string, extra: Record<string, unknown> = {}, container = name) {
      return call('POST', DPATH, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, labels: { app: name } },
        spec: {
          replicas,
          selector: { matchLabels: { app: name } },
          // kubectl sends creationTimestamp: null inside templates.
          template: { metadata: { creationTimestamp: null, labels: { app: name } }, spec: { containers: [{ name: container, image }] } },
          ...extra,
        },
      }) as Deployment;
    },
    get(name: string): Deployment {
      return call('GET', `${DPATH}/${name}`) as Deployment;
    },
    rss(): ReplicaSet[] {
      return (call('GET', RSPATH) as unknown as { items: ReplicaSet[] }).items;
    },
    rsByImage(image: string): ReplicaSet | undefined {
      return h.rss().find((rs) => (rs.spec.template.spec as { containers: { image: string }[] }).containers[0].image === image);
    },
    pods(): KubeObject[] {
      return (call('GET', `/api/v1/namespaces/${NS}/pods`) as unknown as { items: KubeObject[] }).items.filter((p) => !p.metadata.deletionTimestamp);
    },
    events(): { reason: string; message: string; source: { component: string } }[] {
      return (call('GET', `/api/v1/namespaces/${NS}/events`) as unknown as { items: { reason: string; message: string; source: { component: string } }[] }).items;
    },
    scalingMessages(): string[] {
      return h.events().filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    },
    scale(name: string, replicas: number) {
      call('PATCH', `${DPATH}/${name}/scale`, JSON.stringify({ spec: { replicas } }), 'application/merge-patch+json');
    },
    setImage(name: string, image: string) {
      const body = { spec: { template: { spec: { '$setElementOrder/containers': [{ name }], containers: [{ image, name }] } } } };
      call('PATCH', `${DPATH}/${name}`, JSON.stringify(body), 'application/strategic-merge-patch+json');
    },
    smp(name: string, body: unknown) {
      call('PATCH', `${DPATH}/${name}`, JSON.stringify(body), 'application/strategic-merge-patch+json');
    },
    /** What `kubectl rollout undo [--to-revision]` sends (polymorphichelpers/rollback.go). */
    undo(name: string, toRevision = 0) {
      const d = h.get(name);
      const owned = h.rss().filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid && r.controller));
      const rev = (rs: ReplicaSet) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
      let target: ReplicaSet | undefined;
      if (toRevision === 0) {
        const sorted = [...owned].sort((a, b) => rev(b) - rev(a));
        target = sorted[1];
      } else target = owned.find((rs) => rev(rs) === toRevision);
      if (!target) throw new Error('no rollout history found');
      const skip = new Set([
        'kubectl.kubernetes.io/last-applied-configuration',
        'deployment.kubernetes.io/revision',
        'deployment.kubernetes.io/revision-history',
        'deployment.kubernetes.io/desired-replicas',
        'deployment.kubernetes.io/max-replicas',
        'deprecated.deployment.rollback.to',
      ]);
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skip.has(k)) annotations[k] = v;
      for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!skip.has(k)) annotations[k] = v;
      const template = structuredClone(target.spec.template) as { metadata: { labels: Record<string, string>; creationTimestamp?: null } };
      delete template.metadata.labels['pod-template-hash'];
      template.metadata.creationTimestamp = null;
      const patch = [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ];
      call('PATCH', `${DPATH}/${name}`, JSON.stringify(patch), 'application/json-patch+json');
    },
    /** Runs timers up to `ms` from now, calling check after each instant. */
    run(ms: number, check?: () => void) {
      const end = c.clock.now() + ms;
      for (;;) {
        const next = c.clock.nextAt();
        if (next === undefined || next > end) break;
        c.clock.step();
        check?.();
      }
      c.clock.advanceTo(end);
    },
    cond(name: string, type: string) {
      return h.get(name).status?.conditions?.find((x) => x.type === type);
    },
    revisionOf(rs: ReplicaSet | undefined) {
      return rs?.metadata.annotations?.['deployment.kubernetes.io/revision'];
    },
  };
  return h;
}

/** Watches pods and records, at every event, how many exist and how many are ready. */
function podWatcher(h: ReturnType<typeof setup>) {
  const pods = new Map<string, KubeObject>();
  const w = { max: 0, minReady: Infinity, enabled: false };
  h.c.api.watch(
    { verb: 'GET', path: `/api/v1/namespaces/${NS}/pods`, query: { watch: 'true' } },
    {
      event: (ev) => {
        const e = ev as { type: string; object: KubeObject };
        if (e.type === 'DELETED' || e.object.metadata.deletionTimestamp) pods.delete(e.object.metadata.name!);
        else pods.set(e.object.metadata.name!, e.object);
        if (!w.enabled) return;
        w.max = Math.max(w.max, pods.size);
        w.minReady = Math.min(w.minReady, [...pods.values()].filter(isPodReady).length);
      },
      end: () => {},
    },
  );
  return w;
}

describe('Deployment controller: the bootcamp flow', () => {
  it('creates, scales, rolls out with 25%/25%, stalls on a bad image, times out, and rolls back', () => {
    const h = setup();
    const watch = podWatcher(h);
    const progressing: string[] = [];
    h.c.api.watch(
      { verb: 'GET', path: DPATH, query: { watch: 'true' } },
      {
        event: (ev) => {
          const c = ((ev as { object: Deployment }).object.status?.conditions ?? []).find((x) => x.type === 'Progressing');
          const line = c ? `${c.status} ${c.reason}: ${c.message}` : '';
          if (line && progressing.at(-1) !== line) progressing.push(line);
        },
        end: () => {},
      },
    );
    const d0 = h.create('web', 1, V1);
    h.run(0);

    // One RS named <deployment>-<pod-template-hash>, hash label everywhere, owned by the deployment.
    let rss = h.rss();
    expect(rss).toHaveLength(1);
    const rs1 = rss[0];
    const hash1 = computeHash(d0.spec.template);
    expect(hash1).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs1.metadata.name).toBe(`web-${hash1}`);
    expect(rs1.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash1 });
    expect(rs1.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash1 });
    expect(rs1.spec.template.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash1 });
    expect(rs1.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d0.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(rs1.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '1',
      'deployment.kubernetes.io/max-replicas': '2',
    });
    expect(rs1.spec.replicas).toBe(1);
    let d = h.get('web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status?.observedGeneration).toBe(1);
    expect(progressing).toEqual([`True NewReplicaSetCreated: Created new replica set "web-${hash1}"`, `True ReplicaSetUpdated: ReplicaSet "web-${hash1}" is progressing.`]);
    expect(h.cond('web', 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });

    h.run(5000);
    d = h.get('web');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    expect(h.cond('web', 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash1}" has successfully progressed.` });
    expect(h.cond('web', 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });

    // Scale to 4: a scaling event, the same RS grows.
    h.scale('web', 4);
    h.run(5000);
    d = h.get('web');
    expect(d.metadata.generation).toBe(2);
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(h.rss()).toHaveLength(1);
    expect(h.rss()[0].metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('4');
    expect(h.rss()[0].metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('5');
    expect(h.scalingMessages()).toEqual([`Scaled up replica set web-${hash1} from 0 to 1`, `Scaled up replica set web-${hash1} from 1 to 4`]);

    // Set image v2: never more than 5 pods, never fewer than 3 ready, at every pod event.
    watch.enabled = true;
    h.setImage('web', V2);
    h.run(60_000);
    watch.enabled = false;
    expect(watch.max).toBe(5);
    expect(watch.minReady).toBe(3);
    const rs2 = h.rsByImage(V2)!;
    const hash2 = rs2.metadata.labels!['pod-template-hash'];
    expect(hash2).not.toBe(hash1);
    d = h.get('web');
    expect(d.status).toMatchObject({ observedGeneration: 3, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(h.revisionOf(rs2)).toBe('2');
    expect(h.rsByImage(V1)!.spec.replicas).toBe(0);
    expect(h.pods().every((p) => p.metadata.name!.startsWith(`web-${hash2}-`))).toBe(true);
    expect(h.cond('web', 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash2}" has successfully progressed.` });
    const msgs = h.scalingMessages();
    expect(msgs.slice(2, 4)).toEqual([`Scaled up replica set web-${hash2} from 0 to 1`, `Scaled down replica set web-${hash1} from 4 to 3`]);
    expect(msgs.at(-1)).toBe(`Scaled down replica set web-${hash1} from 1 to 0`);

    // Set image v10: the new pods never become ready; the rollout stalls at 3 old + 2 new.
    h.setImage('web', V10);
    h.run(10_000);
    const rs10 = h.rsByImage(V10)!;
    expect(rs10.spec.replicas).toBe(2);
    expect(h.rsByImage(V2)!.spec.replicas).toBe(3);
    d = h.get('web');
    expect(d.status).toMatchObject({ replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 2 });
    expect(h.cond('web', 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rs10.metadata.name}" is progressing.` });
    expect(h.cond('web', 'Available')).toMatchObject({ status: 'True' });
    const lastProgress = Date.parse(h.cond('web', 'Progressing')!.lastUpdateTime!);

    // No timeout before the deadline; ProgressDeadlineExceeded once 600 s passed without progress.
    h.run(lastProgress + 599_000 - h.c.clock.now());
    expect(h.cond('web', 'Progressing')?.reason).toBe('ReplicaSetUpdated');
    h.run(3000);
    expect(h.cond('web', 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rs10.metadata.name}" has timed out progressing.`,
    });
    expect(h.c.clock.nextAt()).toBeUndefined();

    // rollout undo: the v2 RS is reused and its revision becomes the newest.
    expect(h.revisionOf(h.rsByImage(V10))).toBe('3');
    h.undo('web');
    h.run(60_000);
    expect(h.rss()).toHaveLength(3);
    const back = h.rsByImage(V2)!;
    expect(back.metadata.name).toBe(rs2.metadata.name);
    expect(h.revisionOf(back)).toBe('4');
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('2');
    expect(h.rss().map((rs) => h.revisionOf(rs)).sort()).toEqual(['1', '3', '4']);
    expect(back.spec.replicas).toBe(4);
    expect(h.rsByImage(V10)!.spec.replicas).toBe(0);
    d = h.get('web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(d.status?.observedGeneration).toBe(d.metadata.generation);
    expect(h.cond('web', 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs2.metadata.name}" has successfully progressed.` });
    expect(h.scalingMessages()).toContain(`Scaled down replica set ${rs10.metadata.name} from 2 to 0`);
    expect(h.scalingMessages().at(-1)).toBe(`Scaled up replica set ${rs2.metadata.name} from 3 to 4`);
    expect(h.events().filter((e) => e.reason === 'ScalingReplicaSet').every((e) => e.source.component === 'deployment-controller')).toBe(true);
    expect(h.dc.queue.errors).toEqual([]);
    // Nothing left to wait for: no deadline timer keeps the clock busy.
    expect(h.c.clock.nextAt()).toBeUndefined();
  });

  it('scales proportionally in the middle of a stalled rollout', () => {
    const h = setup();
    h.create('web', 4, V2);
    h.run(5000);
    h.setImage('web', V10);
    h.run(10_000);
    expect([h.rsByImage(V2)!.spec.replicas, h.rsByImage(V10)!.spec.replicas]).toEqual([3, 2]);
    h.scale('web', 8);
    h.run(10_000);
    // allowed = 8 + 2 surge = 10; 3*10/5 = 6 and 2*10/5 = 4.
    expect([h.rsByImage(V2)!.spec.replicas, h.rsByImage(V10)!.spec.replicas]).toEqual([6, 4]);
    for (const rs of h.rss().filter((r) => r.spec.replicas)) {
      expect(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('8');
      expect(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('10');
    }
  });
});

describe('Deployment controller: strategies, history, pause', () => {
  it.each([
    // [replicas, maxSurge, maxUnavailable, most pods, fewest ready]
    [3, 0, 1, 3, 2],
    [4, 2, 0, 6, 4],
    [10, '30%', '20%', 13, 8],
    [5, 1, '50%', 6, 3],
  ] as const)('replicas %i maxSurge %s maxUnavailable %s: at most %i pods, at least %i ready', (replicas, surge, unavailable, most, fewest) => {
    const h = setup();
    const watch = podWatcher(h);
    h.create('web', replicas, V1, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } });
    h.run(10_000);
    watch.enabled = true;
    h.setImage('web', V2);
    h.run(120_000);
    expect(watch.max).toBe(most);
    expect(watch.minReady).toBe(fewest);
    expect(h.get('web').status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas });
    expect(h.rsByImage(V1)!.spec.replicas).toBe(0);
  });

  it('Recreate scales every old RS to 0 and waits for old pods before creating the new RS', () => {
    const h = setup();
    h.create('db', 3, V1, { strategy: { type: 'Recreate' } });
    h.run(5000);
    expect(h.get('db').status).toMatchObject({ replicas: 3, availableReplicas: 3 });

    const seen: string[] = [];
    let overlap = false;
    h.setImage('db', V2);
    h.run(30_000, () => {
      const imgs = new Set(h.pods().map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image));
      if (imgs.has(V1) && imgs.has(V2)) overlap = true;
      seen.push(`${h.rss().length}`);
    });
    expect(overlap).toBe(false);
    const rs1 = h.rsByImage(V1)!;
    const rs2 = h.rsByImage(V2)!;
    expect(h.scalingMessages()).toEqual([
      `Scaled up replica set ${rs1.metadata.name} from 0 to 3`,
      `Scaled down replica set ${rs1.metadata.name} from 3 to 0`,
      `Scaled up replica set ${rs2.metadata.name} from 0 to 3`,
    ]);
    expect(rs2.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('3');
    expect(h.get('db').status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(h.cond('db', 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });

  it('trims history to revisionHistoryLimit, oldest first, only RSs with 0 replicas', () => {
    const h = setup();
    h.create('web', 2, 'nginx:1.0', { revisionHistoryLimit: 2 });
    h.run(5000);
    for (let i = 1; i <= 4; i++) {
      h.setImage('web', `nginx:1.${i}`);
      h.run(30_000);
    }
    const rss = h.rss();
    expect(rss.map((rs) => h.revisionOf(rs)).sort()).toEqual(['3', '4', '5']);
    const current = h.rsByImage('nginx:1.4')!;
    expect(current.spec.replicas).toBe(2);
    expect(rss.filter((rs) => rs !== current).every((rs) => rs.spec.replicas === 0)).toBe(true);
  });

  it('revisionHistoryLimit 0 keeps only the current RS', () => {
    const h = setup();
    h.create('web', 1, 'nginx:1.0', { revisionHistoryLimit: 0 });
    h.run(5000);
    h.setImage('web', 'nginx:1.1');
    h.run(30_000);
    expect(h.rss().map((rs) => rs.metadata.name)).toEqual([h.rsByImage('nginx:1.1')!.metadata.name]);
  });

  it('pause stops the rollout but not scaling; resume continues', () => {
    const h = setup();
    h.create('web', 4, V1);
    h.run(5000);
    h.smp('web', { spec: { paused: true } });
    h.run(1000);
    expect(h.cond('web', 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });

    h.setImage('web', V2);
    h.run(30_000);
    expect(h.rss()).toHaveLength(1);
    expect(h.get('web').status?.observedGeneration).toBe(h.get('web').metadata.generation);

    h.scale('web', 6);
    h.run(10_000);
    expect(h.rss()).toHaveLength(1);
    expect(h.rss()[0].spec.replicas).toBe(6);
    expect(h.get('web').status).toMatchObject({ replicas: 6, availableReplicas: 6 });

    // Paused far past the deadline: resuming must not time out.
    h.run(700_000);
    h.smp('web', { spec: { paused: null } });
    h.run(1);
    const resumed = h.get('web').status?.conditions?.find((c) => c.type === 'Progressing');
    expect(resumed?.reason === 'DeploymentResumed' || resumed?.reason === 'ReplicaSetUpdated').toBe(true);
    h.run(60_000);
    expect(h.rsByImage(V2)!.spec.replicas).toBe(6);
    expect(h.rsByImage(V1)!.spec.replicas).toBe(0);
    expect(h.cond('web', 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('the restartedAt annotation is a template change: a new RS and revision', () => {
    const h = setup();
    h.create('web', 2, V1);
    h.run(5000);
    const before = h.rss()[0].metadata.name;
    h.smp('web', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-23T09:00:05Z' } } } } });
    h.run(30_000);
    const rss = h.rss();
    expect(rss).toHaveLength(2);
    const next = rss.find((rs) => rs.metadata.name !== before)!;
    expect(next.spec.replicas).toBe(2);
    expect(h.revisionOf(next)).toBe('2');
    expect(next.spec.template.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-11-23T09:00:05Z' });
  });
});

describe('Deployment controller: ownership, collisions, deprecated rollbackTo', () => {
  it('bumps collisionCount when an RS with the computed name exists and is not ours', () => {
    const h = setup();
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: V1 }] } };
    // Defaulted as the apiserver defaults the deployment template, to compute the same hash.
    const probe = h.create('probe', 0, V1, {}, 'web');
    const hash = computeHash({ ...probe.spec.template, metadata: { labels: { app: 'web' } } });
    h.call('POST', RSPATH, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `web-${hash}`, labels: { other: 'x' } },
      spec: { replicas: 0, selector: { matchLabels: { other: 'x' } }, template: { metadata: { labels: { other: 'x' } }, spec: template.spec } },
    });
    h.create('web', 1, V1);
    h.run(5000);
    const d = h.get('web');
    expect(d.status?.collisionCount).toBe(1);
    const ours = h.rss().find((rs) => rs.metadata.ownerReferences?.[0]?.name === 'web')!;
    expect(ours.metadata.name).toBe(`web-${computeHash(d.spec.template, 1)}`);
    expect(ours.metadata.name).not.toBe(`web-${hash}`);
    expect(d.status).toMatchObject({ availableReplicas: 1 });
  });

  it('adopts a matching orphan RS instead of creating a new one', () => {
    const h = setup();
    const probe = h.create('probe', 0, V1, {}, 'web');
    const tmpl = { ...probe.spec.template, metadata: { labels: { app: 'web' } } };
    const hash = computeHash(tmpl);
    h.call('POST', RSPATH, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `orphan`, labels: { app: 'web', 'pod-template-hash': hash } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
        template: { metadata: { labels: { app: 'web', 'pod-template-hash': hash } }, spec: tmpl.spec },
      },
    });
    h.run(5000);
    const d = h.create('web', 1, V1);
    h.run(5000);
    const rss = h.rss().filter((rs) => rs.metadata.labels?.app === 'web');
    expect(rss.map((rs) => rs.metadata.name)).toEqual(['orphan']);
    expect(rss[0].metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(h.revisionOf(rss[0])).toBe('1');
    expect(h.get('web').status).toMatchObject({ replicas: 1, availableReplicas: 1 });
    expect(h.cond('web', 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });

  it('honours the deprecated rollbackTo annotation', () => {
    const h = setup();
    h.create('web', 2, V1);
    h.run(5000);
    h.setImage('web', V2);
    h.run(30_000);
    h.call('PATCH', `${DPATH}/web`, JSON.stringify({ metadata: { annotations: { 'deprecated.deployment.rollback.to': '1' } } }), 'application/merge-patch+json');
    h.run(30_000);
    const d = h.get('web');
    expect(d.metadata.annotations?.['deprecated.deployment.rollback.to']).toBeUndefined();
    expect((d.spec.template.spec as { containers: { image: string }[] }).containers[0].image).toBe(V1);
    expect(h.revisionOf(h.rsByImage(V1))).toBe('3');
    expect(h.rsByImage(V1)!.spec.replicas).toBe(2);
    expect(h.events().some((e) => e.reason === 'DeploymentRollback' && e.message === 'Rolled back deployment "web" to revision 1')).toBe(true);
  });

  it('an empty selector is reported, not acted on', () => {
    const h = setup();
    // The apiserver rejects `{}` selectors for apps/v1, so nothing to do beyond validation here.
    expect(() => h.call('POST', DPATH, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { selector: {}, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } })).toThrow(/422/);
  });
});
