// Which lesson a playground belongs to. The lesson panel (lessons/prepare.ts) and the worker know
// a lesson's playground by its name, "Lesson <id>"; once the learner renames it in the menu, the
// playground's record keeps the lesson (PlaygroundMeta.lesson, written by the rename). lessonHost
// puts the two together for the lesson panel: the renamed playground still answers to the
// lesson's name, so the lesson finds it again instead of starting a new one.
import type { PersistenceStore, PlaygroundMeta } from '../../persistence';
import { lessonPlayground, type PlaygroundHost } from '../lessons/prepare';

const PREFIX = lessonPlayground('');

/** The lesson of a playground: recorded by a rename, or said by its name; null for the others. */
export function lessonOf(meta: Pick<PlaygroundMeta, 'name' | 'lesson'>): string | null {
  return meta.lesson ?? (meta.name.startsWith(PREFIX) ? meta.name.slice(PREFIX.length) : null);
}

/** What a rename must record so the playground stays its lesson's (nothing for the others). */
export function keepLesson(meta: Pick<PlaygroundMeta, 'name' | 'lesson'>): { lesson?: string } {
  const lesson = lessonOf(meta);
  return lesson ? { lesson } : {};
}

async function list(store: () => Promise<PersistenceStore>): Promise<PlaygroundMeta[]> {
  const r = await (await store()).listPlaygrounds();
  return r.ok ? r.value : [];
}

/**
 * After a fresh start under a name that does not say the lesson (the worker replaced the
 * playground with a new record), records the lesson on the new one.
 */
export async function recordLesson(store: PersistenceStore, name: string, lesson: string | null): Promise<void> {
  if (!lesson || name === lessonPlayground(lesson)) return;
  const r = await store.listPlaygrounds();
  const made = r.ok ? r.value.find((m) => m.name === name) : undefined;
  if (made && made.lesson !== lesson) await store.renamePlayground(made.id, made.name, { lesson });
}

/** The lesson panel's host: the worker's, with renamed lesson playgrounds answering to their lesson's name. */
export function lessonHost(host: PlaygroundHost, store: () => Promise<PersistenceStore>): PlaygroundHost {
  return {
    async persistStatus() {
      const st = await host.persistStatus();
      if (!st?.persistent || !st.playgroundName || st.playgroundName.startsWith(PREFIX)) return st;
      const current = (await list(store)).find((m) => m.name === st.playgroundName);
      const lesson = current?.lesson;
      return lesson ? { ...st, playgroundName: lessonPlayground(lesson) } : st;
    },
    async switchPlayground(o) {
      const lesson = o.name.startsWith(PREFIX) ? o.name.slice(PREFIX.length) : null;
      // The most recently used playground of the lesson (the list comes newest first).
      const renamed = lesson ? (await list(store)).find((m) => lessonOf(m) === lesson) : undefined;
      if (!lesson || !renamed || renamed.name === o.name) return host.switchPlayground(o);
      const ok = await host.switchPlayground({ ...o, name: renamed.name });
      if (ok && o.fresh) await recordLesson(await store(), renamed.name, lesson);
      return ok;
    },
  };
}
