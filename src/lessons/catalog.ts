// The browser's lessons: a small index (lessons/index.json, written by scripts/check-lessons.mjs
// at build time) for the picker, and each lesson's files loaded lazily when it is opened, so no
// lesson content is in the first-visit bundle. Lessons added since the index was written are
// still found (their folders are globbed) and loaded on demand.
import type { Catalog } from './validate';
import type { Lang, Lesson, LessonIndex, LessonIndexEntry, LoadError, Localized } from './types';

type Loader = () => Promise<string>;

const yamls = import.meta.glob('/lessons/*/*/lesson.yaml', { query: '?raw', import: 'default' }) as Record<string, Loader>;
const mds = import.meta.glob('/lessons/*/*/*.md', { query: '?raw', import: 'default' }) as Record<string, Loader>;
const assets = import.meta.glob('/lessons/*/*/files/**', { query: '?raw', import: 'default' }) as Record<string, Loader>;
const tracks = import.meta.glob('/lessons/*/track.yaml', { query: '?raw', import: 'default' }) as Record<string, Loader>;
const indexes = import.meta.glob('/lessons/index.json', { eager: true, import: 'default' }) as Record<string, LessonIndex>;

/** The index written at build time (empty when it has not been generated). */
export const INDEX: LessonIndex = indexes['/lessons/index.json'] ?? { version: 1, tracks: [] };

const dirOf = (p: string) => p.replace(/^\/lessons\//, '').split('/').slice(0, 2).join('/');

/** Lesson folders present in this build (`01-basics/02-deploy-an-app`). */
export function lessonDirs(): string[] {
  return Object.keys(yamls).map(dirOf).sort();
}

export class LessonLoadError extends Error {
  constructor(readonly errors: LoadError[]) {
    super(errors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`).join('\n'));
  }
}

async function filesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const wanted = (p: string) => p.startsWith(`/lessons/${dir}/`);
  const track = dir.split('/')[0];
  const jobs: Promise<void>[] = [];
  for (const [p, load] of [...Object.entries(yamls), ...Object.entries(mds), ...Object.entries(assets)]) if (wanted(p)) jobs.push(load().then((t) => void (out[p.slice(1)] = t)));
  const t = tracks[`/lessons/${track}/track.yaml`];
  if (t) jobs.push(t().then((x) => void (out[`lessons/${track}/track.yaml`] = x)));
  await Promise.all(jobs);
  return out;
}

const cache = new Map<string, Promise<Lesson>>();

/** Loads and validates one lesson by id (or folder). Rejects with LessonLoadError. */
export function loadLesson(idOrDir: string): Promise<Lesson> {
  const hit = cache.get(idOrDir);
  if (hit) return hit;
  const p = (async () => {
    const dir = INDEX.tracks.flatMap((t) => t.lessons).find((l) => l.id === idOrDir)?.dir ?? (yamls[`/lessons/${idOrDir}/lesson.yaml`] ? idOrDir : await findDir(idOrDir));
    if (!dir) throw new LessonLoadError([{ file: 'lessons', message: `no lesson "${idOrDir}"` }]);
    const { loadTree } = await import('./validate');
    const c: Catalog = loadTree(await filesOf(dir), allIds());
    const lesson = c.lessons[0];
    if (c.errors.length || !lesson) throw new LessonLoadError(c.errors.length ? c.errors : [{ file: `lessons/${dir}`, message: 'not a lesson' }]);
    return lesson;
  })();
  cache.set(idOrDir, p);
  p.catch(() => cache.delete(idOrDir));
  return p;
}

function allIds(): string[] {
  return INDEX.tracks.flatMap((t) => t.lessons.map((l) => l.id));
}

/** A lesson missing from the index: look for its id by reading the unindexed folders' yaml. */
async function findDir(id: string): Promise<string | undefined> {
  const indexed = new Set(INDEX.tracks.flatMap((t) => t.lessons.map((l) => l.dir)));
  for (const dir of lessonDirs()) {
    if (indexed.has(dir)) continue;
    const text = await yamls[`/lessons/${dir}/lesson.yaml`]();
    if (new RegExp(`^id:\\s*["']?${id.replace(/[/-]/g, '\\$&')}["']?\\s*$`, 'm').test(text)) return dir;
  }
  return undefined;
}

export interface TrackEntry {
  id: string;
  dir: string;
  title: Localized;
  lessons: LessonIndexEntry[];
}

/**
 * The picker's list: the index, plus any lesson folders the index does not know yet (loaded and
 * validated now; broken ones are left out and reported in `errors`).
 */
export async function listTracks(): Promise<{ tracks: TrackEntry[]; errors: LoadError[] }> {
  const out: TrackEntry[] = INDEX.tracks.map((t) => ({ ...t, lessons: [...t.lessons] }));
  const indexed = new Set(out.flatMap((t) => t.lessons.map((l) => l.dir)));
  const missing = lessonDirs().filter((d) => !indexed.has(d));
  const errors: LoadError[] = [];
  if (missing.length) {
    const { loadTree } = await import('./validate');
    const files: Record<string, string> = {};
    for (const d of missing) Object.assign(files, await filesOf(d));
    const c = loadTree(files, allIds());
    errors.push(...c.errors);
    for (const t of c.tracks) {
      let entry = out.find((x) => x.dir === t.dir);
      if (!entry) out.push((entry = { id: t.id, dir: t.dir, title: t.title, lessons: [] }));
      for (const id of t.lessons) {
        const l = c.lessons.find((x) => x.id === id)!;
        entry.lessons.push({ id: l.id, track: l.track, dir: l.dir, title: l.title, summary: l.summary, minutes: l.minutes, prerequisites: l.prerequisites, steps: l.steps.length });
        cache.set(l.id, Promise.resolve(l));
      }
      entry.lessons.sort((a, b) => a.dir.localeCompare(b.dir));
    }
    out.sort((a, b) => a.dir.localeCompare(b.dir));
  }
  return { tracks: out, errors };
}

/** The prose of a lesson in one language (falls back to English). */
export function prose(lesson: Lesson, lang: Lang) {
  return lesson.prose[lang] ?? lesson.prose.en;
}

/** Fetches a teacher's pack from a URL: a JSON object { "<path>": "<text>", ... } (data only). */
export async function fetchPack(url: string, known: string[] = allIds()): Promise<Catalog> {
  const res = await fetch(url);
  if (!res.ok) throw new LessonLoadError([{ file: url, message: `HTTP ${res.status}` }]);
  return packFromText(await res.text(), url, known);
}

/** A pack file's text (a JSON map of paths to file texts) to a validated catalog. */
export async function packFromText(text: string, source = 'pack', known: string[] = allIds()): Promise<Catalog> {
  let files: unknown;
  try {
    files = JSON.parse(text);
  } catch (e) {
    throw new LessonLoadError([{ file: source, message: `a lesson pack is a JSON object of file paths to texts: ${(e as Error).message}` }]);
  }
  if (!files || typeof files !== 'object' || Array.isArray(files) || !Object.values(files).every((v) => typeof v === 'string'))
    throw new LessonLoadError([{ file: source, message: 'a lesson pack is a JSON object of file paths to texts' }]);
  const { loadPack } = await import('./validate');
  return loadPack(files as Record<string, string>, known);
}
