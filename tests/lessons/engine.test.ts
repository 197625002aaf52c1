// The loader's messages, the check engine's verdicts and "what is missing" lines, the LessonRun
// model and progress export/import, on small synthetic lessons.
import { describe, expect, it } from 'vitest';
import { loadPack, loadTree } from '../../src/lessons/validate';
import { formatError, type Lesson } from '../../src/lessons/types';
import { LessonRun } from '../../src/lessons/run';
import { exportProgress, importProgress, emptyProgress, lessonState } from '../../src/lessons/progress';
import { host } from './harness';

const TRACK = 'id: demo\ntitle: { en: Demo, zh: 演示 }\n';
const YAML = `id: demo/first
title: { en: First, zh: 第一课 }
summary: { en: "One.", zh: "一。" }
minutes: 5
prerequisites: []
topology: default
nodes: 1
seed: 3
setup: []
steps:
  - id: create
    checks:
      - deploymentReady: { name: web, replicas: 2 }
    solution:
      - kubectl create deployment web --image=nginx:1.27 --replicas=2
  - id: expose
    checks:
      - serviceEndpoints: { name: web, count: 2 }
    solution:
      - kubectl expose deployment web --port 80
  - id: challenge
    challenge: true
    checks:
      - labels: { kind: svc, name: web, labels: { tier: front } }
    solution:
      - kubectl label svc web tier=front
`;
const md = (title: string, ids: string[]) => `# ${title}\n\nIntro.\n\n${ids.map((i) => `## ${i}\n\nText for ${i}.\n`).join('\n')}`;
const pack = (over: Record<string, string> = {}) => ({
  '01-demo/track.yaml': TRACK,
  '01-demo/01-first/lesson.yaml': YAML,
  '01-demo/01-first/en.md': md('First', ['create', 'expose', 'challenge']),
  '01-demo/01-first/zh.md': md('第一课', ['create', 'expose', 'challenge']),
  ...over,
});
const errs = (files: Record<string, string>) => loadTree(files).errors.map(formatError);

describe('loader', () => {
  it('loads a valid pack', () => {
    const c = loadPack(pack());
    expect(c.errors).toEqual([]);
    expect(c.lessons[0]).toMatchObject({ id: 'demo/first', track: 'demo', nodes: 1, seed: 3 });
    expect(c.lessons[0].prose.zh.sections.map((s) => s.id)).toEqual(['create', 'expose', 'challenge']);
    expect(c.tracks[0].lessons).toEqual(['demo/first']);
  });

  it('names a missing section with the file and the step list', () => {
    expect(errs(pack({ '01-demo/01-first/zh.md': md('第一课', ['create', 'challenge']) }))).toEqual([
      'lessons/01-demo/01-first/zh.md: missing section "## expose" (steps: create, expose, challenge)',
    ]);
  });

  it('reports out-of-order, unexpected and title mismatches with lines', () => {
    expect(errs(pack({ '01-demo/01-first/en.md': md('First', ['expose', 'create', 'challenge']) }))).toEqual([
      'lessons/01-demo/01-first/en.md:5: section "## expose" is out of order: sections must follow the steps (steps: create, expose, challenge)',
    ]);
    expect(errs(pack({ '01-demo/01-first/en.md': md('Firsts', ['create', 'expose', 'extra', 'challenge']) }))).toEqual([
      'lessons/01-demo/01-first/en.md:1: title "Firsts" does not match lesson.yaml\'s title "First"',
      'lessons/01-demo/01-first/en.md:13: unexpected section "## extra": no step has this id (steps: create, expose, challenge)',
    ]);
  });

  it('ignores headings inside code blocks and rejects commands in the challenge', () => {
    const en = md('First', ['create', 'expose']) + '\n```\n## not-a-section\n```\n\n## challenge\n\n```sh\nkubectl label svc web tier=front\n```\n';
    expect(errs(pack({ '01-demo/01-first/en.md': en }))).toEqual([
      'lessons/01-demo/01-first/en.md:17: challenge section "## challenge" states the goal without the commands: remove its `sh` blocks',
    ]);
  });

  it('rejects unknown check types and bad fields at their line', () => {
    const y = YAML.replace('deploymentReady: { name: web, replicas: 2 }', 'deploymentReddy: { name: web }').replace('labels: { tier: front }', 'labels: { tier: front }, colour: red');
    expect(errs(pack({ '01-demo/01-first/lesson.yaml': y }))).toEqual([
      expect.stringMatching(/^lessons\/01-demo\/01-first\/lesson.yaml:13: step "create": unknown check type "deploymentReddy" \(known: exists, absent/),
      'lessons/01-demo/01-first/lesson.yaml:24: step "challenge": check "labels": unknown field "colour" (allowed: kind, name, namespace, labels)',
    ]);
    const y2 = YAML.replace('{ name: web, count: 2 }', '{ name: web, count: two }').replace('kind: svc', 'kind: servise');
    expect(errs(pack({ '01-demo/01-first/lesson.yaml': y2 }))).toEqual([
      'lessons/01-demo/01-first/lesson.yaml:18: step "expose": check "serviceEndpoints": field "count" must be a whole number (0 or more)',
      'lessons/01-demo/01-first/lesson.yaml:24: step "challenge": check "labels": field "kind" unknown resource type "servise"',
    ]);
  });

  it('requires a final challenge, known keys, prerequisites, files and both languages', () => {
    const y = YAML.replace('    challenge: true\n', '').replace('prerequisites: []', 'prerequisites: [demo/zero]\nfiles: { pod.yaml: files/pod.yaml }\ncolour: blue');
    const { ['01-demo/01-first/zh.md']: _, ...noZh } = pack({ '01-demo/01-first/lesson.yaml': y });
    expect(errs(noZh)).toEqual([
      'lessons/01-demo/01-first/lesson.yaml:7: unknown key "colour" in lesson.yaml (allowed: id, title, summary, minutes, prerequisites, topology, nodes, seed, setup, files, steps)',
      'lessons/01-demo/01-first/lesson.yaml:6: files: lessons/01-demo/01-first/files/pod.yaml does not exist',
      'lessons/01-demo/01-first/lesson.yaml:23: the last step ("challenge") must be a challenge (challenge: true)',
      'lessons/01-demo/01-first/zh.md: missing zh.md: every lesson has en.md and zh.md',
    ]);
  });

  it('flags YAML traps, duplicate ids and slug/folder mismatches', () => {
    const y = YAML.replace('kubectl label svc web tier=front', 'echo done: yes').replace('id: demo/first', 'id: demo/second');
    expect(errs(pack({ '01-demo/01-first/lesson.yaml': y }))).toEqual([
      'lessons/01-demo/01-first/lesson.yaml:1: id "demo/second": the slug must match the folder name "01-first" (expected "demo/first")',
      'lessons/01-demo/01-first/lesson.yaml:26: step "challenge" solution[0] was read as a map because it contains ": ": put the whole line in quotes',
    ]);
    expect(errs(pack({ '01-demo/02-first/lesson.yaml': YAML, '01-demo/02-first/en.md': md('First', ['create', 'expose', 'challenge']), '01-demo/02-first/zh.md': md('第一课', ['create', 'expose', 'challenge']) }))).toContain(
      'lessons/01-demo/02-first/lesson.yaml:1: id "demo/first": the slug must match the folder name "02-first" (expected "demo/first")'.replace('id "demo/first": the slug must match the folder name "02-first" (expected "demo/first")', 'duplicate lesson id "demo/first" (also lessons/01-demo/01-first)'),
    );
  });
});

function lesson(): Lesson {
  const c = loadPack(pack());
  expect(c.errors).toEqual([]);
  return c.lessons[0];
}

describe('check engine and LessonRun', () => {
  it('says what is missing, passes after the solution, and tracks progress', async () => {
    const l = lesson();
    const h = await host(l);
    const run = new LessonRun(l, { client: h.env.client, now: h.env.now });
    let s = await run.evaluate();
    expect(s).toMatchObject({ current: 0, currentId: 'create', done: false, missing: { en: ['deployment web does not exist yet'], zh: ['Deployment web 还不存在'] } });

    await h.type('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    s = await run.evaluate();
    expect(s.missing.en[0]).toMatch(/^web: [01]\/2 pods (updated|ready|available)$/);
    expect(s.missing.zh[0]).toMatch(/^web：2 个 Pod 中 [01] 个已(更新|就绪)|可用$/);
    await h.waitFor(l.steps[0].checks, 60_000);
    s = await run.evaluate();
    expect(s).toMatchObject({ current: 1, completed: ['create'], newlyCompleted: ['create'], missing: { en: ['service web does not exist yet'] } });

    // Any path: the learner does the challenge's labelling with the expose in one go.
    await h.type('kubectl expose deployment web --port 80 && kubectl label svc web tier=front');
    await h.waitFor(l.steps[1].checks, 60_000);
    s = await run.evaluate();
    expect(s).toMatchObject({ done: true, completed: ['create', 'expose', 'challenge'], newlyCompleted: ['expose', 'challenge'] });

    // Progress: serialisable, exported and imported with validation.
    const p = emptyProgress();
    p.lessons[l.id] = run.toJSON();
    expect(lessonState(p, l.id)).toBe('done');
    const text = exportProgress(p, { learner: 'Li Lei', exportedAt: new Date(0) });
    expect(JSON.parse(text)).toMatchObject({ kind: 'kubeplay-progress', version: 1, learner: 'Li Lei', exportedAt: '1970-01-01T00:00:00.000Z' });
    const back = importProgress(text, [l]);
    expect(back.errors).toEqual([]);
    expect(back.progress!.lessons[l.id]).toEqual(run.toJSON());
    expect(importProgress('{"version":2,"lessons":{}}').errors).toEqual(['unsupported version 2 (expected 1)']);
    expect(importProgress('{"version":1,"lessons":{"x/y":{"completed":"all"}}}').errors[0]).toBe('lessons["x/y"]: completed must be a list of step ids');
    const bad = JSON.parse(text);
    bad.lessons[l.id].completed = ['create', 'renamed'];
    bad.lessons[l.id].done = false;
    const fixed = importProgress(JSON.stringify(bad), [l]);
    expect(fixed.warnings).toEqual([`lessons["${l.id}"]: unknown steps dropped: renamed`]);
    expect(fixed.progress!.lessons[l.id]).toMatchObject({ completed: ['create'], current: 'expose', done: false });

    // A run resumed from stored progress starts where it was.
    const resumed = new LessonRun(l, { client: h.env.client }, { progress: fixed.progress!.lessons[l.id] });
    expect(resumed.currentStep?.id).toBe('expose');
  }, 60_000);

  it('a solution that does not satisfy its checks fails with the missing lines', async () => {
    const l = lesson();
    const h = await host(l);
    await h.type('kubectl create deployment web --image=nginx:1.27');
    const r = await h.waitFor(l.steps[0].checks, 30_000);
    expect(r.passed).toBe(false);
    expect(r.missing.en).toEqual(['web: 1 replicas wanted, the goal is 2']);
  });

  it('evaluates the whole vocabulary against a cluster', async () => {
    const l = lesson();
    const h = await host(l);
    await h.type('kubectl create deployment web --image=nginx:1.27 --replicas=2 && kubectl expose deployment web --port 80 --type=NodePort');
    await h.type('kubectl rollout status deployment/web && kubectl create namespace dev && kubectl run bad --image=nginx:nope && kubectl cordon node01');
    h.idle(20_000);
    const ok = async (check: Record<string, Record<string, unknown>>) => (await h.evaluate([check])).passed;
    const why = async (check: Record<string, Record<string, unknown>>) => (await h.evaluate([check])).missing.en[0];
    expect(await ok({ exists: { kind: 'deploy', name: 'web' } })).toBe(true);
    expect(await why({ exists: { kind: 'cm', name: 'nope' } })).toBe('configmap nope does not exist yet');
    expect(await ok({ absent: { kind: 'pod', name: 'nope' } })).toBe(true);
    expect(await ok({ count: { kind: 'pods', selector: 'app=web', equals: 2 } })).toBe(true);
    expect(await why({ count: { kind: 'pods', selector: 'app=web', min: 3 } })).toBe('pod (app=web): 2, want at least 3');
    expect(await ok({ deploymentReady: { name: 'web', image: 'docker.io/library/nginx:1.27' } })).toBe(true);
    expect(await ok({ podsRunning: { selector: 'app=web', count: 2, image: 'nginx:1.27' } })).toBe(true);
    expect(await why({ podsRunning: { selector: 'app=web', count: 3 } })).toBe('pods (app=web): 2/3 running and ready');
    expect(await why({ podStatus: { name: 'bad', status: 'Running' } })).toMatch(/^pod bad: (ErrImagePull|ImagePullBackOff), want Running$/);
    expect(await why({ podStatus: { selector: 'app=web', status: 'Pending' } })).toBe('pods (app=web): Running, want Pending');
    expect(await ok({ serviceEndpoints: { name: 'web', count: 2 } })).toBe(true);
    expect(await ok({ serviceType: { name: 'web', type: 'NodePort' } })).toBe(true);
    expect(await why({ serviceType: { name: 'web', type: 'LoadBalancer' } })).toBe('service web is NodePort, want LoadBalancer');
    expect(await ok({ labels: { kind: 'deployment', name: 'web', labels: { app: 'web', tier: null } } })).toBe(true);
    expect(await why({ labels: { kind: 'deployment', name: 'web', labels: { tier: 'front' } } })).toBe('deployment web: label tier=front missing');
    expect(await ok({ field: { kind: 'deployment', name: 'web', path: '{.spec.replicas}', equals: 2 } })).toBe(true);
    expect(await why({ field: { kind: 'deployment', name: 'web', path: '{.spec.replicas}', equals: 5 } })).toBe('deployment web {.spec.replicas} is "2", want "5"');
    expect(await ok({ field: { kind: 'svc', name: 'web', path: '{.spec.ports[0].nodePort}', matches: '^3\\d{4}$' } })).toBe(true);
    expect(await why({ field: { kind: 'svc', name: 'gone', path: '{.spec}', not: 'x' } })).toBe('service gone does not exist yet');
    expect(await ok({ kubectl: { args: 'get pods -l app=web -o name', lines: 2 } })).toBe(true);
    expect(await ok({ kubectl: { args: "get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'", equals: 'nginx:1.27' } })).toBe(true);
    expect(await why({ kubectl: { args: 'get foo', contains: 'x' } })).toBe('kubectl get foo: error: the server doesn\'t have a resource type "foo"');
    expect(await ok({ node: { name: 'node01', schedulable: false } })).toBe(true);
    expect(await ok({ node: { name: 'node01', ready: true } })).toBe(true);
    expect(await why({ node: { name: 'node01', stopped: true } })).toBe('node node01 is still running');
    expect(await ok({ node: { name: 'node01', taint: 'node.kubernetes.io/unschedulable:NoSchedule' } })).toBe(true);
    expect(await ok({ namespaceExists: { name: 'dev' } })).toBe(true);
    expect(await why({ namespaceGone: { name: 'dev' } })).toBe('namespace dev still exists');
    expect(await ok({ rolloutRevision: { name: 'web', revision: 1 } })).toBe(true);
    expect(await why({ ranCommand: { matches: 'kubectl\\s+logs' } })).toBe('run a command matching /kubectl\\s+logs/');
    expect(await ok({ ranCommand: { matches: 'kubectl\\s+cordon' } })).toBe(true);
  }, 60_000);
});
