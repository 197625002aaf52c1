// Progress: what a learner has done, as plain JSON. Kept per lesson, serialisable (IndexedDB
// stores it as is), exportable to a file a teacher collects and importable with validation.

export interface LessonProgress {
  id: string;
  /** Ids of the completed steps, in the order they were completed. */
  completed: string[];
  /** The step the learner is on; null once the lesson is done. */
  current: string | null;
  done: boolean;
  /** Virtual or wall-clock ms (the host decides; it passes `now`). */
  startedAt: number;
  finishedAt?: number;
  /** How many hints were revealed per step, and the steps whose solution was shown. */
  hints: Record<string, number>;
  solutionShown: string[];
  /** The last command lines typed in this lesson (ranCommand checks read them), bounded. */
  commands: string[];
}

export interface Progress {
  version: 1;
  lessons: Record<string, LessonProgress>;
}

export interface ProgressExport extends Progress {
  kind: 'kubeplay-progress';
  exportedAt: string;
  /** Whatever the learner typed as their name for the teacher (optional). */
  learner?: string;
}

export const MAX_COMMANDS = 200;

export function emptyProgress(): Progress {
  return { version: 1, lessons: {} };
}

/** The JSON a learner downloads and a teacher collects. */
export function exportProgress(p: Progress, o: { learner?: string; exportedAt?: Date } = {}): string {
  const out: ProgressExport = { kind: 'kubeplay-progress', version: 1, exportedAt: (o.exportedAt ?? new Date()).toISOString(), ...(o.learner ? { learner: o.learner } : {}), lessons: p.lessons };
  return JSON.stringify(out, null, 2) + '\n';
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Reads an exported (or stored) progress file. Unknown lessons are kept unless `lessons` is given
 * (then they are dropped and reported); step ids not in the lesson are dropped and reported.
 */
export function importProgress(
  text: string,
  lessons?: { id: string; steps: { id: string }[] }[],
): { progress?: Progress & { learner?: string }; errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { errors: [`not JSON: ${(e as Error).message}`], warnings };
  }
  if (!isObj(data)) return { errors: ['a progress file is a JSON object'], warnings };
  if (data.kind !== undefined && data.kind !== 'kubeplay-progress') errors.push(`kind must be "kubeplay-progress", not ${JSON.stringify(data.kind)}`);
  if (data.version !== 1) errors.push(`unsupported version ${JSON.stringify(data.version)} (expected 1)`);
  if (!isObj(data.lessons)) errors.push('lessons must be an object keyed by lesson id');
  if (errors.length) return { errors, warnings };
  const out: Progress & { learner?: string } = { version: 1, lessons: {} };
  if (typeof data.learner === 'string') out.learner = data.learner;
  for (const [id, raw] of Object.entries(data.lessons as Record<string, unknown>)) {
    const where = `lessons["${id}"]`;
    if (!isObj(raw)) {
      errors.push(`${where} must be an object`);
      continue;
    }
    const bad: string[] = [];
    if (raw.id !== undefined && raw.id !== id) bad.push(`id ${JSON.stringify(raw.id)} differs from its key`);
    if (!strings(raw.completed)) bad.push('completed must be a list of step ids');
    if (raw.current !== null && typeof raw.current !== 'string') bad.push('current must be a step id or null');
    if (typeof raw.done !== 'boolean') bad.push('done must be true or false');
    if (typeof raw.startedAt !== 'number') bad.push('startedAt must be a number (ms)');
    if (raw.finishedAt !== undefined && typeof raw.finishedAt !== 'number') bad.push('finishedAt must be a number (ms)');
    if (raw.hints !== undefined && !(isObj(raw.hints) && Object.values(raw.hints).every((n) => typeof n === 'number' && n >= 0))) bad.push('hints must map step ids to counts');
    if (raw.solutionShown !== undefined && !strings(raw.solutionShown)) bad.push('solutionShown must be a list of step ids');
    if (raw.commands !== undefined && !strings(raw.commands)) bad.push('commands must be a list of strings');
    if (bad.length) {
      errors.push(...bad.map((b) => `${where}: ${b}`));
      continue;
    }
    let lp: LessonProgress = {
      id,
      completed: [...new Set(raw.completed as string[])],
      current: raw.current as string | null,
      done: raw.done as boolean,
      startedAt: raw.startedAt as number,
      ...(raw.finishedAt !== undefined ? { finishedAt: raw.finishedAt as number } : {}),
      hints: { ...((raw.hints as Record<string, number>) ?? {}) },
      solutionShown: [...((raw.solutionShown as string[]) ?? [])],
      commands: ((raw.commands as string[]) ?? []).slice(-MAX_COMMANDS),
    };
    if (lessons) {
      const l = lessons.find((x) => x.id === id);
      if (!l) {
        warnings.push(`${where}: no such lesson here; skipped`);
        continue;
      }
      lp = reconcile(lp, l, (m) => warnings.push(`${where}: ${m}`));
    }
    out.lessons[id] = lp;
  }
  return errors.length ? { errors, warnings } : { progress: out, errors, warnings };
}

/** Fits a stored progress to the lesson as it is now (steps renamed or removed since). */
export function reconcile(lp: LessonProgress, lesson: { steps: { id: string }[] }, warn: (m: string) => void = () => {}): LessonProgress {
  const ids = lesson.steps.map((s) => s.id);
  const unknown = lp.completed.filter((s) => !ids.includes(s));
  if (unknown.length) warn(`unknown steps dropped: ${unknown.join(', ')}`);
  const completed = lp.completed.filter((s) => ids.includes(s));
  // Progress is the prefix of steps completed in order.
  let k = 0;
  while (k < ids.length && completed.includes(ids[k])) k++;
  const done = k === ids.length;
  return { ...lp, completed: ids.slice(0, k), current: done ? null : ids[k], done, ...(done ? {} : { finishedAt: undefined }) };
}

/** The picker's view: done, in progress or not started. */
export function lessonState(p: Progress, id: string): 'done' | 'in-progress' | 'new' {
  const l = p.lessons[id];
  return !l ? 'new' : l.done ? 'done' : 'in-progress';
}
