// What the playground menu does, apart from drawing it: list, open, create, rename, delete and
// reset playgrounds. The page's database connection (src/ui/store.ts) reads and renames; the
// worker switches (it saves the current playground, releases it and the page reloads into the
// other), so the playground the worker is writing is never deleted under it.
import type { Msg, PersistenceStore, PlaygroundMeta } from '../../persistence';
import { persistence } from '../persistence';
import { translate, type MessageKey, type Params } from '../i18n/translate';
import { dedupe, nameProblem, nextPlaygroundName, topologyOptions, type Topology } from './names';
import { keepLesson, lessonOf, recordLesson } from './lesson-link';

export interface SwitchHost {
  switchPlayground(o: { name: string; topology?: string; seed?: number; nodes?: number; fresh?: boolean }): Promise<boolean>;
}

export interface MenuDeps {
  store: PersistenceStore;
  host: SwitchHost;
  /** The playground this page runs. */
  currentId: string;
  /** After a switch: the page reloads into the other playground. */
  reload(): void;
  /** The lesson the page reopens after the reload (a lesson's playground is "Lesson <id>"). */
  setLesson(id: string | null): void;
  /** Web Locks, to refuse deleting a playground another tab has open. */
  locks?: Pick<LockManager, 'query'>;
}

export type Outcome = { ok: true } | { ok: false; message: Msg };

export const both = (key: MessageKey, params?: Params): Msg => ({ en: translate('en', key, params), zh: translate('zh', key, params) });
const failed = (m: Msg): Outcome => ({ ok: false, message: { en: translate('en', 'pg.failed', { message: m.en }), zh: translate('zh', 'pg.failed', { message: m.zh }) } });
const refused = (key: MessageKey, params?: Params): Outcome => ({ ok: false, message: both(key, params) });

/** Every playground, most recently saved first, with duplicate names made unique once. */
export async function listAll(store: PersistenceStore): Promise<PlaygroundMeta[]> {
  const r = await store.listPlaygrounds();
  if (!r.ok) return [];
  const fixes = dedupe(r.value);
  if (!fixes.length) return r.value;
  for (const f of fixes) await store.renamePlayground(f.id, f.name);
  const again = await store.listPlaygrounds();
  return again.ok ? again.value : r.value;
}

async function go(d: MenuDeps, o: Parameters<SwitchHost['switchPlayground']>[0], lesson: string | null = null): Promise<Outcome> {
  const ok = await d.host.switchPlayground(o).catch(() => false);
  if (!ok) return refused('pg.busyElsewhere');
  if (o.fresh) await recordLesson(d.store, o.name, lesson);
  d.setLesson(lesson);
  d.reload();
  return { ok: true };
}

/**
 * Opens a playground just made from an imported file or a share link. When the worker cannot
 * switch to it (another tab owns this page's playground, the request failed), it is deleted
 * again, so nothing is left from the attempt; the message says why.
 */
export async function openCreated(store: PersistenceStore, host: SwitchHost, meta: Pick<PlaygroundMeta, 'id' | 'name'>): Promise<Outcome> {
  const ok = await host.switchPlayground({ name: meta.name }).catch(() => false);
  if (ok) return { ok: true };
  const gone = await store.deletePlayground(meta.id);
  return gone.ok ? refused('pg.busyElsewhere') : failed(gone.error.message);
}

export async function openPlayground(d: MenuDeps, meta: Pick<PlaygroundMeta, 'id' | 'name' | 'lesson'>): Promise<Outcome> {
  if (meta.id === d.currentId) return { ok: true };
  return go(d, { name: meta.name }, lessonOf(meta));
}

export async function createPlayground(d: MenuDeps, name: string, topology: Topology): Promise<Outcome> {
  const list = await listAll(d.store);
  const p = nameProblem(name, list);
  if (p) return refused(p.key, p.key === 'pg.nameTaken' ? { name: p.name } : undefined);
  if (topology.kind === 'nodes' && !(Number.isInteger(topology.nodes) && topology.nodes >= 1 && topology.nodes <= 100)) return refused('pg.nodesInvalid');
  return go(d, { name: name.trim(), ...topologyOptions(topology), fresh: true }, lessonOf({ name: name.trim() }));
}

export async function renamePlayground(d: MenuDeps, id: string, name: string): Promise<Outcome> {
  const list = await listAll(d.store);
  const p = nameProblem(name, list, id);
  if (p) return refused(p.key, p.key === 'pg.nameTaken' ? { name: p.name } : undefined);
  // A lesson's playground stays the lesson's under its new name (lesson-link.ts).
  const meta = list.find((m) => m.id === id);
  const r = await d.store.renamePlayground(id, name.trim(), meta ? keepLesson(meta) : {});
  return r.ok ? { ok: true } : failed(r.error.message);
}

async function openElsewhere(d: MenuDeps, id: string): Promise<boolean> {
  try {
    const q = await d.locks?.query();
    if (!q?.held?.length) return false;
    const { lockName } = await persistence();
    return q.held.some((l) => l.name === lockName(id));
  } catch {
    return false;
  }
}

/**
 * Deletes a playground. The current one is left first (for the most recently used other one, or
 * a new one when it was the last), then deleted while no worker writes it.
 */
export async function deletePlayground(d: MenuDeps, id: string): Promise<Outcome> {
  if (id !== d.currentId) {
    if (await openElsewhere(d, id)) return refused('pg.busyElsewhere');
    const r = await d.store.deletePlayground(id);
    return r.ok ? { ok: true } : failed(r.error.message);
  }
  const list = await listAll(d.store);
  const other = list.find((m) => m.id !== id);
  const target = other ? { name: other.name } : { name: nextPlaygroundName(list.map((m) => m.name)), fresh: true };
  const ok = await d.host.switchPlayground(target).catch(() => false);
  if (!ok) return refused('pg.busyElsewhere');
  d.setLesson(other ? lessonOf(other) : null);
  const r = await d.store.deletePlayground(id);
  d.reload();
  return r.ok ? { ok: true } : failed(r.error.message);
}

/** Starts the current playground over: same name, same topology, a fresh cluster and workspace. */
export async function resetPlayground(d: MenuDeps): Promise<Outcome> {
  const meta = await d.store.getPlayground(d.currentId);
  if (!meta.ok) return failed(meta.error.message);
  const snap = await d.store.loadSnapshot(d.currentId);
  const options = snap.ok && snap.value ? snap.value.state.cluster.options : {};
  return go(d, { name: meta.value.name, topology: options.topology ?? meta.value.topology, nodes: options.nodes, seed: meta.value.seed, fresh: true }, lessonOf(meta.value));
}
