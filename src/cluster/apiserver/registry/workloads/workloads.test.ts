import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Rand } from '../../../machinery/rand';
import type { KubeObject } from '../../../../api/types';
import { fieldErrorBody, invalid, type FieldError } from '../../../../api/status';
import type { Strategy, StrategyContext } from '../types';
import { workloadStrategies } from './index';

const FIXTURES = '/work/shared/reference/kubectl-golden/fixtures/state';

function ctx(objects: Record<string, KubeObject[]> = {}): StrategyContext {
  return {
    now: () => '2026-11-23T00:00:00Z',
    rand: new Rand(42),
    get: (resource, namespace, name) => (objects[resource] ?? []).find((o) => o.metadata.name === name && (o.metadata.namespace ?? '') === namespace),
    list: (resource, namespace) => (objects[resource] ?? []).filter((o) => namespace === undefined || o.metadata.namespace === namespace),
    dryRun: false,
  };
}

/** What the generic create path does around the strategy. */
function create(resource: string, obj: KubeObject, c = ctx()): { obj: KubeObject; errs: FieldError[] } {
  const s = workloadStrategies[resource];
  obj.metadata.uid ??= 'uid-1';
  s.defaults?.(obj, c);
  s.prepareForCreate?.(obj, c);
  const errs = s.validate?.(obj, c) ?? [];
  return { obj, errs };
}

function update(resource: string, obj: KubeObject, old: KubeObject, c = ctx()): { obj: KubeObject; errs: FieldError[] } {
  const s: Strategy = workloadStrategies[resource];
  s.defaults?.(obj, c);
  s.prepareForUpdate?.(obj, old, c);
  return { obj, errs: s.validateUpdate?.(obj, old, c) ?? [] };
}

const texts = (errs: FieldError[]) => errs.map((e) => `${e.field}: ${fieldErrorBody(e)}`);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function fixtureItems(file: string): KubeObject[] {
  const d = JSON.parse(readFileSync(`${FIXTURES}/${file}`, 'utf8'));
  return Array.isArray(d) ? d : d.items ? d.items : [d];
}

function minimalPod(name = 'crashy'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { run: name } },
    spec: { containers: [{ name, image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] },
  };
}

function minimalDeployment(name = 'web'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

describe('pod defaults and admission', () => {
  it('a minimal pod defaults to the golden crashy pod spec (modulo the volume suffix and nodeName)', () => {
    const golden = fixtureItems('20-pods.json').find((p) => p.metadata.name === 'crashy')!;
    const { obj, errs } = create('pods', minimalPod());
    expect(errs).toEqual([]);
    const spec = clone(obj.spec) as Record<string, unknown>;
    const suffix = (spec.volumes as { name: string }[])[0].name.slice('kube-api-access-'.length);
    expect(suffix).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const want = JSON.parse(JSON.stringify(golden.spec).replaceAll('kube-api-access-rashy', `kube-api-access-${suffix}`));
    delete want.nodeName;
    expect(spec).toEqual(want);
    expect(obj.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(obj.metadata.generation).toBeUndefined();
  });

  it('imagePullPolicy is Always for :latest or no tag, IfNotPresent otherwise', () => {
    const pod = minimalPod();
    (pod.spec as any).containers = [
      { name: 'a', image: 'nginx' },
      { name: 'b', image: 'nginx:latest' },
      { name: 'c', image: 'nginx:1.25' },
      { name: 'd', image: 'registry.local:5000/team/app' },
      { name: 'e', image: 'nginx@sha256:' + 'a'.repeat(64) },
    ];
    const { obj } = create('pods', pod);
    expect((obj.spec as any).containers.map((c: any) => c.imagePullPolicy)).toEqual(['Always', 'Always', 'IfNotPresent', 'Always', 'IfNotPresent']);
  });

  it('probes, env fieldRef and ports get their defaults', () => {
    const pod = minimalPod();
    (pod.spec as any).containers[0].livenessProbe = { httpGet: { port: 80 } };
    (pod.spec as any).containers[0].env = [{ name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }];
    (pod.spec as any).containers[0].ports = [{ containerPort: 8080 }];
    const { obj, errs } = create('pods', pod);
    expect(errs).toEqual([]);
    const c = (obj.spec as any).containers[0];
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.env[0].valueFrom.fieldRef.apiVersion).toBe('v1');
    expect(c.ports[0].protocol).toBe('TCP');
  });

  it('automountServiceAccountToken: false skips the token volume; existing tolerations are kept', () => {
    const pod = minimalPod();
    (pod.spec as any).automountServiceAccountToken = false;
    (pod.spec as any).tolerations = [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }];
    const { obj } = create('pods', pod);
    expect((obj.spec as any).volumes).toBeUndefined();
    expect((obj.spec as any).containers[0].volumeMounts).toBeUndefined();
    expect((obj.spec as any).tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('computes the QoS class; limits default the requests', () => {
    const guaranteed = minimalPod();
    (guaranteed.spec as any).containers[0].resources = { limits: { cpu: '500m', memory: '128Mi' } };
    const g = create('pods', guaranteed).obj;
    expect((g.spec as any).containers[0].resources.requests).toEqual({ cpu: '500m', memory: '128Mi' });
    expect((g.status as any).qosClass).toBe('Guaranteed');
    const burstable = minimalPod();
    (burstable.spec as any).containers[0].resources = { requests: { cpu: '100m' } };
    expect((create('pods', burstable).obj.status as any).qosClass).toBe('Burstable');
  });

  it('pod templates get the spec defaults but none of the admission ones', () => {
    const golden = fixtureItems('10-deployment.json')[0];
    const { obj, errs } = create('deployments.apps', minimalDeployment());
    expect(errs).toEqual([]);
    expect(obj.spec).toEqual(golden.spec);
    expect(obj.status).toEqual({});
    expect(obj.metadata.generation).toBe(1);
  });
});

describe('pod validation messages', () => {
  it('missing image', () => {
    const pod = minimalPod('noimage');
    delete (pod.spec as any).containers[0].image;
    const { errs } = create('pods', pod);
    expect(texts(errs)).toEqual(['spec.containers[0].image: Required value']);
    expect(invalid('', 'Pod', 'noimage', errs).status.message).toBe('Pod "noimage" is invalid: spec.containers[0].image: Required value');
  });

  it('container names: required, DNS-1123 label, unique', () => {
    const pod = minimalPod();
    (pod.spec as any).containers = [{ image: 'x' }, { name: 'Bad_Name', image: 'x' }, { name: 'a', image: 'x' }, { name: 'a', image: 'x' }];
    const t = texts(create('pods', pod).errs);
    expect(t).toContain('spec.containers[0].name: Required value');
    expect(t).toContain(
      `spec.containers[1].name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
    expect(t).toContain('spec.containers[3].name: Duplicate value: "a"');
  });

  it('ports, restartPolicy, volume mounts, env names, resources', () => {
    const pod = minimalPod();
    pod.spec = {
      restartPolicy: 'Sometimes',
      containers: [
        {
          name: 'c',
          image: 'x',
          ports: [{ containerPort: 70000 }, { containerPort: 80, protocol: 'HTTP' }],
          volumeMounts: [{ name: 'vol', mountPath: '/data' }],
          env: [{ name: 'A=B', value: 'x' }],
          resources: { requests: { cpu: '2' }, limits: { cpu: '1' } },
        },
      ],
    };
    const t = texts(create('pods', pod).errs);
    expect(t).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      'spec.containers[0].volumeMounts[0].name: Not found: "vol"',
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it('probes need a handler', () => {
    const pod = minimalPod();
    (pod.spec as any).containers[0].readinessProbe = { periodSeconds: 5 };
    expect(texts(create('pods', pod).errs)).toEqual(['spec.containers[0].readinessProbe: Required value: must specify a handler type']);
  });
});

describe('pod updates', () => {
  function stored(): KubeObject {
    return create('pods', minimalPod()).obj;
  }

  it('image changes are allowed, other spec changes are forbidden with the upstream text', () => {
    const old = stored();
    const img = clone(old);
    (img.spec as any).containers[0].image = 'busybox:1.37';
    expect(update('pods', img, old).errs).toEqual([]);

    const bad = clone(old);
    (bad.spec as any).containers[0].ports = [{ containerPort: 80 }];
    const errs = update('pods', bad, old).errs;
    expect(errs).toHaveLength(1);
    expect(texts(errs)[0]).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
  });

  it('adding containers and modifying tolerations are forbidden; status is kept', () => {
    const old = stored();
    (old.status as any).phase = 'Running';
    const more = clone(old);
    (more.spec as any).containers.push({ name: 'b', image: 'x' });
    expect(texts(update('pods', more, old).errs)).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
    const tol = clone(old);
    (tol.spec as any).tolerations = [];
    (tol as any).status = { phase: 'Failed' };
    const r = update('pods', tol, old);
    expect(texts(r.errs)).toEqual(['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);
    expect((r.obj.status as any).phase).toBe('Running');
  });
});

describe('deployment validation', () => {
  const errsOf = (mut: (d: any) => void) => {
    const d = minimalDeployment();
    mut(d);
    return texts(create('deployments.apps', d).errs);
  };

  it('missing selector gives the two causes', () => {
    const errs = errsOf((d) => {
      d.metadata.name = 'nosel';
      delete d.spec.selector;
      d.spec.template.metadata.labels = { app: 'nosel' };
    });
    expect(errs).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nosel"}: `selector` does not match template `labels`',
    ]);
  });

  it('mismatching and empty selectors', () => {
    expect(errsOf((d) => (d.spec.template.metadata.labels = { app: 'two' }))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"two"}: `selector` does not match template `labels`',
    ]);
    expect(errsOf((d) => (d.spec.selector = {}))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  it('negative replicas, restartPolicy, strategy and deadlines', () => {
    expect(errsOf((d) => (d.spec.replicas = -1))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
    expect(errsOf((d) => (d.spec.template.spec.restartPolicy = 'Never'))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
    expect(errsOf((d) => (d.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
    expect(errsOf((d) => (d.spec.revisionHistoryLimit = -2))).toEqual(['spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0']);
    expect(errsOf((d) => ((d.spec.minReadySeconds = 700), (d.spec.progressDeadlineSeconds = 600)))).toEqual([
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ]);
  });

  it('selector is immutable; generation bumps only on spec or annotation changes', () => {
    const old = create('deployments.apps', minimalDeployment()).obj;
    (old.status as any).replicas = 2;
    const same = clone(old);
    (same.spec as any).template.metadata.creationTimestamp = undefined;
    delete (same as any).status;
    const r0 = update('deployments.apps', same, old);
    expect(r0.errs).toEqual([]);
    expect(r0.obj.metadata.generation).toBe(1);
    expect(r0.obj.status).toEqual({ replicas: 2 });

    const labelsOnly = clone(old);
    labelsOnly.metadata.labels = { app: 'web', tier: 'fe' };
    expect(update('deployments.apps', labelsOnly, old).obj.metadata.generation).toBe(1);

    const scaled = clone(old);
    (scaled.spec as any).replicas = 5;
    expect(update('deployments.apps', scaled, old).obj.metadata.generation).toBe(2);

    const sel = clone(old);
    (sel.spec as any).selector = { matchLabels: { app: 'web', v: '2' } };
    (sel.spec as any).template.metadata.labels = { app: 'web', v: '2' };
    expect(texts(update('deployments.apps', sel, old).errs)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe('replicasets and replication controllers', () => {
  it('the golden ReplicaSet spec is a fixed point of defaulting and valid', () => {
    const rs = fixtureItems('11-replicaset.json')[0];
    const { obj, errs } = create('replicasets.apps', clone(rs));
    expect(errs).toEqual([]);
    expect(obj.spec).toEqual(rs.spec);
  });

  it('RC selector and labels default from the template', () => {
    const golden = fixtureItems('12-replicationcontroller.json')[0];
    const rc: KubeObject = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy', namespace: 'default' },
      spec: { replicas: 0, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'httpd', image: 'httpd:2.4', ports: [{ containerPort: 80 }] }] } } },
    };
    const { obj, errs } = create('replicationcontrollers', rc);
    expect(errs).toEqual([]);
    expect(obj.spec).toEqual(golden.spec);
    expect(obj.metadata.labels).toEqual({ app: 'legacy' });
    const noReplicas = clone(rc);
    delete (noReplicas.spec as any).replicas;
    expect((create('replicationcontrollers', noReplicas).obj.spec as any).replicas).toBe(1);
  });

  it('RC without template labels or selector', () => {
    const rc: KubeObject = { metadata: { name: 'x', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: 'a', image: 'b' }] } } } };
    expect(texts(create('replicationcontrollers', rc).errs)).toEqual(['spec.selector: Required value']);
  });
});

describe('other workloads', () => {
  it('jobs get the generated selector and reject restartPolicy Always', () => {
    const job: KubeObject = { metadata: { name: 'pi', namespace: 'default', uid: 'u-1' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } } };
    const { obj, errs } = create('jobs.batch', job);
    expect(errs).toEqual([]);
    const spec = obj.spec as any;
    expect(spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    expect(spec.template.metadata.labels).toEqual({ 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'batch.kubernetes.io/controller-uid': 'u-1' });
    expect([spec.backoffLimit, spec.completions, spec.parallelism, spec.completionMode, spec.suspend, spec.manualSelector, spec.podReplacementPolicy]).toEqual([6, 1, 1, 'NonIndexed', false, false, 'TerminatingOrFailed']);
    const bad = clone(job);
    delete (bad.spec as any).template.spec.restartPolicy;
    expect(texts(create('jobs.batch', bad).errs)).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"']);
  });

  it('cronjobs validate the schedule', () => {
    const cj: KubeObject = { metadata: { name: 'c', namespace: 'default' }, spec: { schedule: '61 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'a', image: 'b' }] } } } } } };
    expect(texts(create('cronjobs.batch', cj).errs)).toEqual(['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']);
    (cj.spec as any).schedule = '*/5 * * * *';
    const { obj, errs } = create('cronjobs.batch', cj);
    expect(errs).toEqual([]);
    expect((obj.spec as any).concurrencyPolicy).toBe('Allow');
    expect((obj.spec as any).jobTemplate.metadata).toEqual({ creationTimestamp: null });
  });

  it('daemonsets and statefulsets default and validate', () => {
    const ds: KubeObject = { metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'a', image: 'b' }] } } } };
    const d = create('daemonsets.apps', ds);
    expect(d.errs).toEqual([]);
    expect((d.obj.spec as any).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(d.obj.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    const sts: KubeObject = { metadata: { name: 's', namespace: 'default' }, spec: { serviceName: 's', selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'a', image: 'b' }] } } } };
    const s = create('statefulsets.apps', sts);
    expect(s.errs).toEqual([]);
    expect((s.obj.spec as any).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    const changed = clone(s.obj);
    (changed.spec as any).serviceName = 'other';
    expect(texts(update('statefulsets.apps', changed, s.obj).errs)).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  it('strategy flags', () => {
    for (const r of ['deployments.apps', 'replicasets.apps', 'replicationcontrollers', 'daemonsets.apps', 'statefulsets.apps', 'jobs.batch', 'cronjobs.batch']) {
      expect([r, workloadStrategies[r].hasGeneration, workloadStrategies[r].statusSubresource]).toEqual([r, true, true]);
    }
    expect(workloadStrategies.pods.hasGeneration).toBe(false);
    expect(workloadStrategies.pods.gracefulDeletion).toBe(true);
  });
});
