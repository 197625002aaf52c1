// Teachers' lesson packs in the panel: a pack (a JSON object of lesson file paths to texts, the
// same format as lessons/) is read and validated as data, nothing in it executes; its lessons
// become extra tracks in the picker. Loaded packs are remembered in localStorage as their text
// (with where they came from), so they survive a reload.
import {
  LessonLoadError,
  packFromText,
  type TrackEntry,
} from "../../lessons/catalog";
import { formatError, type Lesson } from "../../lessons/types";
import type { KeyValue } from "./progress-store";

const KEY = "kubeplay.lessons.packs";

/** What is stored per pack: where it came from (a URL or a file name) and its text. */
export interface StoredPack {
  source: string;
  text: string;
}

/** A pack read and validated: its tracks for the picker and its lessons, ready to open. */
export interface LoadedPack extends StoredPack {
  tracks: TrackEntry[];
  lessons: Lesson[];
}

/** Ids already in the picker (built-in lessons and other packs): a pack may not reuse them. */
export interface Taken {
  tracks: Iterable<string>;
  lessons: Iterable<string>;
}

const storage = (): KeyValue | undefined => {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
};

export function loadStoredPacks(
  kv: KeyValue | undefined = storage(),
): StoredPack[] {
  try {
    const list = JSON.parse(kv?.getItem(KEY) ?? "[]");
    if (!Array.isArray(list)) return [];
    return list
      .filter(
        (p): p is StoredPack =>
          !!p && typeof p.source === "string" && typeof p.text === "string",
      )
      .map((p) => ({ source: p.source, text: p.text }));
  } catch {
    return [];
  }
}

/** False when the browser would not store them (full or denied): they last for this visit only. */
export function saveStoredPacks(
  list: StoredPack[],
  kv: KeyValue | undefined = storage(),
): boolean {
  try {
    if (!kv) return false;
    if (list.length)
      kv.setItem(
        KEY,
        JSON.stringify(list.map((p) => ({ source: p.source, text: p.text }))),
      );
    else kv.removeItem(KEY);
    return true;
  } catch {
    return false;
  }
}

/** The list with this pack added, replacing an earlier one from the same source. */
export function withPack(list: StoredPack[], p: StoredPack): StoredPack[] {
  const i = list.findIndex((x) => x.source === p.source);
  const out = list.map((x) => ({ source: x.source, text: x.text }));
  if (i >= 0) out[i] = { source: p.source, text: p.text };
  else out.push({ source: p.source, text: p.text });
  return out;
}

export function withoutPack(list: StoredPack[], source: string): StoredPack[] {
  return list
    .filter((x) => x.source !== source)
    .map((x) => ({ source: x.source, text: x.text }));
}

/**
 * Reads and validates a pack's text. On success, its tracks (with lessons) for the picker; on
 * failure, the validator's messages (`file:line: reason`), the pack then adds nothing.
 */
export async function readPack(
  text: string,
  source: string,
  taken: Taken,
): Promise<{ pack?: LoadedPack; errors: string[] }> {
  const lessonIds = new Set(taken.lessons);
  const trackIds = new Set(taken.tracks);
  let c;
  try {
    c = await packFromText(text, source, [...lessonIds]);
  } catch (e) {
    if (e instanceof LessonLoadError)
      return { errors: e.errors.map(formatError) };
    return { errors: [`${source}: ${(e as Error)?.message ?? String(e)}`] };
  }
  const errors = c.errors.map(formatError);
  for (const t of c.tracks)
    if (trackIds.has(t.id))
      errors.push(
        `lessons/${t.dir}/track.yaml: track id "${t.id}" is already in the lesson list (a built-in track or another pack)`,
      );
  for (const l of c.lessons)
    if (lessonIds.has(l.id))
      errors.push(
        `lessons/${l.dir}/lesson.yaml: lesson id "${l.id}" is already in the lesson list (a built-in lesson or another pack)`,
      );
  if (!errors.length && !c.lessons.length)
    errors.push(
      `${source}: this pack holds no lessons (lessons/<NN-track>/<NN-lesson>/lesson.yaml, en.md, zh.md)`,
    );
  if (errors.length) return { errors };
  const tracks: TrackEntry[] = c.tracks
    .filter((t) => t.lessons.length)
    .map((t) => ({
      id: t.id,
      dir: t.dir,
      title: t.title,
      lessons: t.lessons.map((id) => {
        const l = c.lessons.find((x) => x.id === id)!;
        return {
          id: l.id,
          track: l.track,
          dir: l.dir,
          title: l.title,
          summary: l.summary,
          minutes: l.minutes,
          prerequisites: l.prerequisites,
          steps: l.steps.length,
        };
      }),
    }));
  return { pack: { source, text, tracks, lessons: c.lessons }, errors: [] };
}

/** Fetches a pack from a URL (as fetchPack does) and reads it, keeping its text to remember it. */
export async function fetchPackText(
  url: string,
  fetcher: typeof fetch = fetch,
): Promise<{ text?: string; errors: string[] }> {
  try {
    const res = await fetcher(url);
    if (!res.ok) return { errors: [`${url}: HTTP ${res.status}`] };
    return { text: await res.text(), errors: [] };
  } catch (e) {
    return { errors: [`${url}: ${(e as Error)?.message ?? String(e)}`] };
  }
}
