// The lesson panel's progress against a store that answers late: a lesson picked (or restarted,
// or opened from a share link) before the stored progress is read must continue where the learner
// left it, and nothing may be written over the stored progress before it is read.
import { describe, expect, it } from 'vitest';
import type { LessonProgress, Progress } from '../../lessons/progress';
import { ProgressBook, type ProgressIO } from './progress-book';

const lp = (id: string, completed: string[], done = false): LessonProgress => ({ id, completed, current: done ? null : 'next', done, startedAt: 1, hints: {}, solutionShown: [], commands: [] });

const STORED: Progress = { version: 1, lessons: { a: lp('a', ['s1', 's2']), b: lp('b', ['x', 'y'], true) } };

/** A store whose reads wait until the test lets them answer (`answer`, or `fail` for a failed read). */
function slowStore(stored: Progress = STORED) {
  const reads: { asked: boolean; answer: () => void; fail: () => void }[] = [];
  const writes: Progress[] = [];
  let hurried = 0;
  const io: ProgressIO = {
    load: (asked) =>
      new Promise((resolve, reject) => {
        reads.push({ asked, answer: () => resolve(structuredClone(stored)), fail: () => reject(new Error('read failed')) });
      }),
    hurry: () => void hurried++,
    save: async (p) => void writes.push(structuredClone(p)),
  };
  return { io, reads, writes, hurried: () => hurried };
}

/** Lets every pending promise callback run (the fake store answers in microtasks). */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ProgressBook', () => {
  it('reads nothing until asked, then in the background (the first prompt does not wait for it)', () => {
    const s = slowStore();
    const book = new ProgressBook(s.io);
    expect(s.reads).toEqual([]);
    void book.load();
    void book.load();
    expect(s.reads.map((r) => r.asked)).toEqual([false]);
    expect(s.hurried()).toBe(0);
  });

  it('a lesson picked before the stored progress is read waits for it and continues where it was left', async () => {
    const s = slowStore();
    const seen: Progress[] = [];
    const book = new ProgressBook(s.io, (p) => seen.push(p));
    void book.load();
    let got: LessonProgress | undefined | 'pending' = 'pending';
    void book.opening('a').then((l) => (got = l));
    await settle();
    expect(got).toBe('pending');
    expect(s.hurried()).toBe(1);
    s.reads[0].answer();
    await settle();
    expect(got).toMatchObject({ id: 'a', completed: ['s1', 's2'] });
    expect(seen.at(-1)?.lessons.b.done).toBe(true);
    expect(s.writes).toEqual([]);
  });

  it('writes nothing before the read; an earlier state never replaces what is stored', async () => {
    const s = slowStore();
    const book = new ProgressBook(s.io);
    void book.load();
    // The runner's state at step 1, recorded before the read came back.
    book.record(lp('a', []));
    await settle();
    expect(s.writes).toEqual([]);
    s.reads[0].answer();
    await book.saved();
    expect(s.writes.length).toBeGreaterThan(0);
    expect(s.writes.at(-1)?.lessons.a.completed).toEqual(['s1', 's2']);
    expect(s.writes.at(-1)?.lessons.b.done).toBe(true);
    // A later, further state is kept.
    book.record(lp('a', ['s1', 's2', 's3']));
    await book.saved();
    expect(s.writes.at(-1)?.lessons.a.completed).toEqual(['s1', 's2', 's3']);
  });

  it('a fresh start (restart, a shared lesson) before the read forgets that lesson only', async () => {
    const s = slowStore();
    const book = new ProgressBook(s.io);
    void book.load();
    let got: LessonProgress | undefined | 'pending' = 'pending';
    void book.opening('a', { fresh: true }).then((l) => (got = l));
    await settle();
    expect(got).toBe('pending');
    expect(s.writes).toEqual([]);
    s.reads[0].answer();
    await settle();
    expect(got).toBeUndefined();
    expect(s.writes.length).toBeGreaterThan(0);
    for (const w of s.writes) expect(w.lessons.b?.done).toBe(true);
    expect(s.writes.at(-1)?.lessons.a).toBeUndefined();
  });

  it('an import before the read is merged with what is stored', async () => {
    const s = slowStore();
    const book = new ProgressBook(s.io);
    void book.load();
    const changed = book.merge({ version: 1, lessons: { a: lp('a', ['s1']), c: lp('c', ['z']) } });
    s.reads[0].answer();
    expect(await changed).toEqual(['c']);
    await book.saved();
    expect(Object.keys(s.writes.at(-1)?.lessons ?? {}).sort()).toEqual(['a', 'b', 'c']);
    expect(s.writes.at(-1)?.lessons.a.completed).toEqual(['s1', 's2']);
  });

  it('after a failed read it reads again before writing, and writes nothing while it cannot read', async () => {
    const s = slowStore();
    const book = new ProgressBook(s.io);
    void book.load();
    s.reads[0].fail();
    await settle();
    book.record(lp('c', ['z']));
    await settle();
    expect(s.reads.length).toBe(2);
    s.reads[1].fail();
    await book.saved();
    expect(s.writes).toEqual([]);
    // Still kept for this visit, and written (with what is stored) once a read works.
    book.record(lp('c', ['z', 'w']));
    await settle();
    s.reads[2].answer();
    await book.saved();
    expect(s.writes.at(-1)?.lessons.c.completed).toEqual(['z', 'w']);
    expect(s.writes.at(-1)?.lessons.a.completed).toEqual(['s1', 's2']);
  });
});
