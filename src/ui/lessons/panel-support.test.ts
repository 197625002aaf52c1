// The lesson panel's plain-TypeScript helpers: the ApiClient over the worker, the progress store,
// and switching to a lesson's own playground.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiRequest } from '../../api/client';
import type { LessonProgress } from '../../lessons/progress';
import type { Lesson } from '../../lessons/types';
import { workerApiClient } from './client';
import { loadProgress, mergeProgress, saveProgress, type KeyValue } from './progress-store';
import { lessonPlayground, switchCluster, type PlaygroundHost } from './prepare';

const kv = (): KeyValue & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
};

const lp = (id: string, completed: string[], done = false): LessonProgress => ({ id, completed, current: done ? null : 'x', done, startedAt: 1, hints: {}, solutionShown: [], commands: [] });

describe('workerApiClient', () => {
  it('passes requests through and turns watch callbacks into an async iterable that close() ends', async () => {
    const seen: ApiRequest[] = [];
    let push: ((ev: { type: string; object: unknown }) => void) | undefined;
    let stopped = 0;
    const c = workerApiClient({
      api: async (r) => (seen.push(r), { status: 200, body: { ok: true }, contentType: 'application/json' }),
      watch: (r, on) => {
        seen.push(r);
        push = on;
        return () => stopped++;
      },
    });
    expect((await c.request({ verb: 'GET', path: '/version' })).body).toEqual({ ok: true });
    const w = await c.watch({ path: '/api/v1/pods', query: { resourceVersion: '5' } });
    if (!('close' in w)) throw new Error('not a watch');
    expect(seen[1]).toEqual({ verb: 'GET', path: '/api/v1/pods', query: { resourceVersion: '5', watch: 'true' } });
    push!({ type: 'ADDED', object: { metadata: { name: 'a' } } });
    const got: string[] = [];
    const done = (async () => {
      for await (const ev of w) {
        got.push(`${ev.type} ${ev.object.metadata.name}`);
        if (got.length === 2) w.close();
      }
    })();
    await new Promise((r) => setTimeout(r, 0));
    push!({ type: 'DELETED', object: { metadata: { name: 'a' } } });
    await done;
    expect(got).toEqual(['ADDED a', 'DELETED a']);
    expect(stopped).toBe(1);
  });
});

describe('progress store', () => {
  it('saves and loads, and survives damaged entries', () => {
    const s = kv();
    expect(loadProgress(s)).toEqual({ version: 1, lessons: {} });
    saveProgress({ version: 1, lessons: { 'a/b': lp('a/b', ['one']) } }, s);
    expect(loadProgress(s).lessons['a/b'].completed).toEqual(['one']);
    s.setItem('kubeplay.lessons.progress', '{nope');
    expect(loadProgress(s)).toEqual({ version: 1, lessons: {} });
  });

  it('merges an import: the lesson further along wins', () => {
    const mine = { version: 1 as const, lessons: { a: lp('a', ['1', '2']), b: lp('b', ['1']) } };
    const theirs = { version: 1 as const, lessons: { a: lp('a', ['1']), b: lp('b', ['1', '2', '3'], true), c: lp('c', []) } };
    const m = mergeProgress(mine, theirs);
    expect(m.changed).toEqual(['b', 'c']);
    expect(m.progress.lessons.a.completed).toEqual(['1', '2']);
    expect(m.progress.lessons.b.done).toBe(true);
  });
});

describe('switchCluster', () => {
  const lesson = { id: 'basics/create-a-cluster', topology: 'minikube', seed: 101 } as Lesson;
  afterEach(() => vi.unstubAllGlobals());

  function host(status: Awaited<ReturnType<PlaygroundHost['persistStatus']>>, ok = true) {
    const calls: unknown[] = [];
    const h: PlaygroundHost = { persistStatus: async () => status, switchPlayground: async (o) => (calls.push(o), ok) };
    return { h, calls };
  }

  it('is done when the page already runs the lesson playground', async () => {
    const { h, calls } = host({ persistent: true, playgroundName: lessonPlayground(lesson.id) });
    expect(await switchCluster(h, lesson)).toBe(true);
    expect(calls).toEqual([]);
  });

  it('switches (and reloads) to a playground of the lesson topology and seed, once', async () => {
    const s = kv();
    vi.stubGlobal('sessionStorage', s);
    const { h, calls } = host({ persistent: true, playgroundName: 'Playground 1' });
    let reloads = 0;
    void switchCluster(h, lesson, { fresh: true, reload: () => reloads++ });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([{ name: 'Lesson basics/create-a-cluster', topology: 'minikube', seed: 101, nodes: undefined, fresh: true }]);
    expect(reloads).toBe(1);
    // After the reload: there, even though it was asked fresh.
    const after = host({ persistent: true, playgroundName: 'Lesson basics/create-a-cluster' });
    expect(await switchCluster(after.h, lesson, { fresh: true })).toBe(true);
    expect(after.calls).toEqual([]);
    // A switch that did not land does not loop.
    s.setItem('kubeplay.lessons.switching', 'Lesson basics/create-a-cluster');
    expect(await switchCluster(host({ persistent: true, playgroundName: 'Playground 1' }).h, lesson)).toBe(false);
  });

  it('keeps the current cluster when nothing is saved here or another tab owns it', async () => {
    expect(await switchCluster(host({ persistent: false }).h, lesson)).toBe(false);
    expect(await switchCluster(host({ persistent: true, busy: true }).h, lesson)).toBe(false);
    expect(await switchCluster(host({ persistent: true }, false).h, lesson)).toBe(false);
  });

  it('goes back to the sandbox only from a lesson playground', async () => {
    expect(await switchCluster(host({ persistent: true, playgroundName: 'my imported one' }).h, null)).toBe(true);
    const { h, calls } = host({ persistent: true, playgroundName: 'Lesson x/y' });
    void switchCluster(h, null, { reload: () => {} });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([{ name: 'Playground 1' }]);
  });
});
