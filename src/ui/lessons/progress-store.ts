// Lesson progress in localStorage, where it was kept before IndexedDB (progress-db.ts migrates it
// once) and where it stays when the browser offers no IndexedDB: one JSON
// object keyed by lesson id (the engine's Progress), plus the lesson the learner is in.
import { emptyProgress, type LessonProgress, type Progress } from '../../lessons/progress';

export const PROGRESS_KEY = 'kubeplay.lessons.progress';
const CURRENT = 'kubeplay.lessons.current';

export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const storage = (): KeyValue | undefined => {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
};

export function loadProgress(kv: KeyValue | undefined = storage()): Progress {
  try {
    const p = JSON.parse(kv?.getItem(PROGRESS_KEY) ?? 'null');
    if (p && p.version === 1 && p.lessons && typeof p.lessons === 'object') return p as Progress;
  } catch {
    // A damaged entry: start over rather than break the page.
  }
  return emptyProgress();
}

export function saveProgress(p: Progress, kv: KeyValue | undefined = storage()): void {
  try {
    kv?.setItem(PROGRESS_KEY, JSON.stringify(p));
  } catch {
    // Storage full or denied: progress stays in memory for this visit.
  }
}

export function currentLesson(kv: KeyValue | undefined = storage()): string | null {
  try {
    return kv?.getItem(CURRENT) ?? null;
  } catch {
    return null;
  }
}

export function setCurrentLesson(id: string | null, kv: KeyValue | undefined = storage()): void {
  try {
    if (id) kv?.setItem(CURRENT, id);
    else kv?.removeItem(CURRENT);
  } catch {
    // Not remembered across reloads; nothing else depends on it.
  }
}

/** How far a lesson got: done beats in progress; more completed steps beat fewer. */
function rank(l: LessonProgress): number {
  return (l.done ? 1e6 : 0) + l.completed.length;
}

/** Imported progress merged into the stored one: per lesson, the one further along wins. */
export function mergeProgress(into: Progress, from: Progress): { progress: Progress; changed: string[] } {
  const out: Progress = { version: 1, lessons: { ...into.lessons } };
  const changed: string[] = [];
  for (const [id, l] of Object.entries(from.lessons)) {
    const have = out.lessons[id];
    if (!have || rank(l) > rank(have)) {
      out.lessons[id] = l;
      changed.push(id);
    }
  }
  return { progress: out, changed };
}
