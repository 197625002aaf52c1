import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { memoryStore, openStore } from '../../persistence';
import { dbName } from '../../persistence/testing';
import type { Progress } from '../../lessons/progress';
import { LESSONS_SLOT, loadLessonProgress, saveLessonProgress } from './progress-db';
import { PROGRESS_KEY, type KeyValue } from './progress-store';

function kv(init: Record<string, string> = {}): KeyValue & { data: Record<string, string> } {
  const data = { ...init };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] };
}

const lesson = (id: string, completed: string[], done = false) => ({ id, completed, current: done ? null : 'next', done, startedAt: 5, hints: {}, solutionShown: [], commands: ['kubectl get pods'] });

describe('lesson progress in IndexedDB', () => {
  it('migrates what localStorage held once, merged with what is stored, then forgets it', async () => {
    const store = await openStore({ name: dbName('progress') });
    const stored: Progress = { version: 1, lessons: { a: lesson('a', ['s1']) } };
    await saveLessonProgress(store, stored, kv());
    const old = kv({ [PROGRESS_KEY]: JSON.stringify({ version: 1, lessons: { a: lesson('a', ['s1', 's2']), b: lesson('b', ['x'], true) } }) });
    const p = await loadLessonProgress(store, old);
    expect(p.lessons.a.completed).toEqual(['s1', 's2']);
    expect(p.lessons.b.done).toBe(true);
    expect(old.data[PROGRESS_KEY]).toBeUndefined();
    // Read again from IndexedDB alone: the same.
    expect(await loadLessonProgress(store, kv())).toEqual(p);
    const rec = await store.getProgress(LESSONS_SLOT);
    expect(rec.ok && rec.value?.lessons.a).toMatchObject({ step: 2, done: false });
  });
  it('drops a damaged lesson entry instead of failing the whole record', async () => {
    const store = await openStore({ name: dbName('progress') });
    await store.setProgress({ playgroundId: LESSONS_SLOT, learner: 'me', lessons: { a: { completed: ['s1'], step: 1, done: false, updatedAt: 1 }, b: { ...lesson('b', ['x']), step: 1, updatedAt: 1 } } as never });
    const p = await loadLessonProgress(store, kv());
    expect(Object.keys(p.lessons)).toEqual(['b']);
  });
  it('stays in localStorage without IndexedDB', async () => {
    const store = memoryStore();
    const where = kv();
    await saveLessonProgress(store, { version: 1, lessons: { a: lesson('a', ['s1']) } }, where);
    expect(JSON.parse(where.data[PROGRESS_KEY]).lessons.a.completed).toEqual(['s1']);
    expect((await loadLessonProgress(store, where)).lessons.a.completed).toEqual(['s1']);
  });
});
