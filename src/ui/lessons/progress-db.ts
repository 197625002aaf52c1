// Lesson progress in IndexedDB (src/persistence's progress store), one record for the learner
// holding every lesson. Progress is not tied to a playground (a lesson's playground can be reset
// or deleted and its progress stays), so the record sits under a playground id no playground has.
// What localStorage held before is merged in once and removed; without IndexedDB, localStorage
// stays the store.
import type { PersistenceStore, Progress as StoredProgress } from '../../persistence';
import { persistence } from '../persistence';
import { emptyProgress, importProgress, type Progress } from '../../lessons/progress';
import { loadProgress, mergeProgress, PROGRESS_KEY, saveProgress, type KeyValue } from './progress-store';

/** The progress store's playground slot for lesson progress (never a playground's id). */
export const LESSONS_SLOT = '#lessons';

const local = (): KeyValue | undefined => {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
};

/** Whose progress the record is (src/persistence, loaded on first use). */
const learner = async () => (await persistence()).DEFAULT_LEARNER;

/** The stored record: each lesson's progress plus the fields the store checks (step, updatedAt). */
export function toRecord(p: Progress, now: number, learner: string): StoredProgress {
  const lessons: StoredProgress['lessons'] = {};
  for (const [id, l] of Object.entries(p.lessons)) lessons[id] = { ...l, step: l.completed.length, updatedAt: now };
  return { playgroundId: LESSONS_SLOT, learner, lessons };
}

/** Back from a stored record, checked like an imported file (a damaged lesson entry is dropped). */
export function fromRecord(rec: StoredProgress | null): Progress {
  if (!rec) return emptyProgress();
  const lessons: Record<string, unknown> = {};
  for (const [id, l] of Object.entries(rec.lessons)) {
    const { step: _s, updatedAt: _u, ...rest } = l as unknown as Record<string, unknown>;
    const one = importProgress(JSON.stringify({ version: 1, lessons: { [id]: rest } }));
    if (one.progress?.lessons[id]) lessons[id] = one.progress.lessons[id];
  }
  return { version: 1, lessons: lessons as Progress['lessons'] };
}

export async function loadLessonProgress(store: PersistenceStore, kv: KeyValue | undefined = local(), now = Date.now()): Promise<Progress> {
  if (!store.persistent) return loadProgress(kv);
  const r = await store.getProgress(LESSONS_SLOT);
  let p = fromRecord(r.ok ? r.value : null);
  let before: string | null = null;
  try {
    before = kv?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    before = null;
  }
  if (before !== null) {
    p = mergeProgress(p, loadProgress(kv)).progress;
    const w = await store.setProgress(toRecord(p, now, await learner()));
    if (w.ok) kv?.removeItem(PROGRESS_KEY);
  }
  return p;
}

export async function saveLessonProgress(store: PersistenceStore, p: Progress, kv: KeyValue | undefined = local(), now = Date.now()): Promise<void> {
  if (store.persistent) {
    const w = await store.setProgress(toRecord(p, now, await learner()));
    if (w.ok) return;
  }
  saveProgress(p, kv);
}
