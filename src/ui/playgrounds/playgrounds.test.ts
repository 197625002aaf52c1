import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../i18n/translate';
import { openStore, type PersistenceStore } from '../../persistence';
import { dbName, stateOf } from '../../persistence/testing';
import { Playground } from '../../worker/playground';
import { importFile, playgroundFileText } from '../../persistence';
import type { Lesson } from '../../lessons/types';
import { lessonPlayground, switchCluster } from '../lessons/prepare';
import { createPlayground, deletePlayground, listAll, openCreated, openPlayground, renamePlayground, resetPlayground, type MenuDeps } from './actions';
import { lessonHost } from './lesson-link';
import { dedupe, nameProblem, nextPlaygroundName, topologyOptions, uniqueName } from './names';


// Chinese is loaded on demand in the page (i18n/translate.ts); these check both languages.
beforeAll(() => loadCatalogue('zh'));
describe('playground names', () => {
  it('makes names unique and proposes the next free one', () => {
    expect(uniqueName('web', [])).toBe('web');
    expect(uniqueName('web', ['WEB', 'web (2)'])).toBe('web (3)');
    expect(nextPlaygroundName(['Playground 1', 'Playground 3'])).toBe('Playground 2');
  });
  it('says why a name cannot be used', () => {
    const list = [{ id: 'a', name: 'One' }];
    expect(nameProblem('  ', list)).toEqual({ key: 'pg.nameInvalid' });
    expect(nameProblem('x'.repeat(101), list)).toEqual({ key: 'pg.nameInvalid' });
    expect(nameProblem('one', list)).toEqual({ key: 'pg.nameTaken', name: 'one' });
    expect(nameProblem('one', list, 'a')).toBeNull();
  });
  it('renames later duplicates, the oldest keeps its name', () => {
    const m = (id: string, name: string, createdAt: number) => ({ id, name, createdAt, updatedAt: 0, seed: 1 });
    expect(dedupe([m('b', 'web', 2), m('a', 'web', 1), m('c', 'x', 3)])).toEqual([{ id: 'b', name: 'web (2)' }]);
  });
  it('turns the form into worker options', () => {
    expect(topologyOptions({ kind: 'default' })).toEqual({});
    expect(topologyOptions({ kind: 'minikube' })).toEqual({ topology: 'minikube' });
    expect(topologyOptions({ kind: 'nodes', nodes: 5 })).toEqual({ nodes: 5 });
  });
});

/** A worker stand-in doing what persist.ts's switchTo does to the store. */
function fakeWorker(store: PersistenceStore) {
  const calls: Record<string, unknown>[] = [];
  return {
    calls,
    async switchPlayground(o: { name: string; topology?: string; nodes?: number; seed?: number; fresh?: boolean }) {
      calls.push(o);
      const list = await store.listPlaygrounds();
      const same = list.ok ? list.value.filter((m) => m.name === o.name) : [];
      if (o.fresh) for (const m of same) await store.deletePlayground(m.id);
      let id = o.fresh ? undefined : same[0]?.id;
      if (!id) {
        const r = await store.createPlayground(o.name, { state: stateOf(new Playground({ topology: o.topology, nodes: o.nodes, seed: o.seed })), topology: o.topology });
        if (!r.ok) return false;
        id = r.value.id;
      }
      await store.setSettings({ currentPlayground: id });
      return true;
    },
  };
}

async function setup() {
  const store = await openStore({ name: dbName('menu') });
  const first = await store.createPlayground('Playground 1', { state: stateOf(new Playground({ seed: 1 })) });
  if (!first.ok) throw new Error('create');
  const worker = fakeWorker(store);
  let reloads = 0;
  let lesson: string | null | undefined;
  const deps: MenuDeps = { store, host: worker, currentId: first.value.id, reload: () => void reloads++, setLesson: (id) => void (lesson = id) };
  return { store, worker, deps, first: first.value, reloads: () => reloads, lesson: () => lesson };
}

describe('playground menu actions', () => {
  it('creates a playground from a topology and switches to it', async () => {
    const s = await setup();
    expect(await createPlayground(s.deps, 'Two nodes', { kind: 'nodes', nodes: 2 })).toEqual({ ok: true });
    expect(s.worker.calls).toEqual([{ name: 'Two nodes', nodes: 2, fresh: true }]);
    expect(s.reloads()).toBe(1);
    expect(s.lesson()).toBeNull();
    const list = await listAll(s.store);
    const made = list.find((m) => m.name === 'Two nodes')!;
    const snap = await s.store.loadSnapshot(made.id);
    const nodes = snap.ok && snap.value ? snap.value.state.cluster.store.resources['nodes'].map((n) => n.metadata.name) : [];
    expect(nodes).toEqual(['controlplane', 'node01', 'node02']);
    const settings = await s.store.getSettings();
    expect(settings.ok && settings.value.currentPlayground).toBe(made.id);
  });
  it('refuses a taken name, a bad name and a bad node count without switching', async () => {
    const s = await setup();
    const taken = await createPlayground(s.deps, 'playground 1', { kind: 'default' });
    expect(taken.ok === false && taken.message.en).toBe('A playground called “playground 1” already exists.');
    expect(taken.ok === false && taken.message.zh).toBe('已有名为“playground 1”的练习环境。');
    expect((await createPlayground(s.deps, '', { kind: 'default' })).ok).toBe(false);
    expect((await createPlayground(s.deps, 'Big', { kind: 'nodes', nodes: 0 })).ok).toBe(false);
    expect(s.worker.calls).toEqual([]);
    expect(s.reloads()).toBe(0);
  });
  it('opens another playground by its name; a lesson playground reopens its lesson', async () => {
    const s = await setup();
    const other = await s.store.createPlayground('Lesson 01-basics/02-deploy');
    if (!other.ok) throw new Error('create');
    expect(await openPlayground(s.deps, other.value)).toEqual({ ok: true });
    expect(s.worker.calls).toEqual([{ name: 'Lesson 01-basics/02-deploy' }]);
    expect(s.lesson()).toBe('01-basics/02-deploy');
    // The current one: nothing to do.
    expect(await openPlayground(s.deps, s.first)).toEqual({ ok: true });
    expect(s.worker.calls.length).toBe(1);
  });
  it('renames, keeping names unique', async () => {
    const s = await setup();
    await s.store.createPlayground('Other');
    expect((await renamePlayground(s.deps, s.first.id, 'Other')).ok).toBe(false);
    expect(await renamePlayground(s.deps, s.first.id, ' Mine ')).toEqual({ ok: true });
    const m = await s.store.getPlayground(s.first.id);
    expect(m.ok && m.value.name).toBe('Mine');
  });
  it('deletes another playground at once, unless another tab has it open', async () => {
    const s = await setup();
    const other = await s.store.createPlayground('Other');
    if (!other.ok) throw new Error('create');
    const held = { query: async () => ({ held: [{ name: `kubeplay:playground:${other.value.id}`, mode: 'exclusive' as const }], pending: [] }) };
    expect((await deletePlayground({ ...s.deps, locks: held }, other.value.id)).ok).toBe(false);
    expect((await s.store.getPlayground(other.value.id)).ok).toBe(true);
    expect(await deletePlayground(s.deps, other.value.id)).toEqual({ ok: true });
    expect((await s.store.getPlayground(other.value.id)).ok).toBe(false);
    expect(s.worker.calls).toEqual([]);
  });
  it('deletes the current playground after switching away (to a new one when it was the last)', async () => {
    const s = await setup();
    expect(await deletePlayground(s.deps, s.first.id)).toEqual({ ok: true });
    expect(s.worker.calls).toEqual([{ name: 'Playground 2', fresh: true }]);
    const list = await listAll(s.store);
    expect(list.map((m) => m.name)).toEqual(['Playground 2']);
    expect(s.reloads()).toBe(1);
  });
  it('resets the current playground with its name and topology', async () => {
    const s = await setup();
    const mk = await s.store.createPlayground('Mini', { state: stateOf(new Playground({ topology: 'minikube' })), topology: 'minikube', seed: 7 });
    if (!mk.ok) throw new Error('create');
    expect(await resetPlayground({ ...s.deps, currentId: mk.value.id })).toEqual({ ok: true });
    expect(s.worker.calls).toEqual([{ name: 'Mini', topology: 'minikube', nodes: undefined, seed: 7, fresh: true }]);
  });
});

describe('an imported playground that cannot be opened', () => {
  it('is deleted again: the list is as before, and the message says why', async () => {
    const s = await setup();
    const text = playgroundFileText({ name: 'web', seed: 1, createdAt: 0 }, stateOf(new Playground({ seed: 2 })));
    const r = await importFile(s.store, text, { name: 'web' });
    if (!r.ok || r.value.kind !== 'playground') throw new Error('import');
    // The worker cannot switch: another tab owns this page's playground, or the request failed.
    for (const switchPlayground of [async () => false, async () => Promise.reject(new Error('worker gone'))]) {
      const again = await importFile(s.store, text, { name: 'web (2)' });
      if (!again.ok || again.value.kind !== 'playground') throw new Error('import');
      const out = await openCreated(s.store, { switchPlayground }, again.value.meta);
      expect(out).toEqual({ ok: false, message: { en: 'Open in another tab: switching is not possible from here.', zh: '已在另一个标签页中打开：无法在这里切换。' } });
      expect((await listAll(s.store)).map((m) => m.name).sort()).toEqual(['Playground 1', 'web']);
    }
    expect(await openCreated(s.store, s.worker, r.value.meta)).toEqual({ ok: true });
    expect(s.worker.calls).toEqual([{ name: 'web' }]);
  });
});

describe('a lesson playground renamed in the menu', () => {
  const lesson = { id: '01-basics/02-deploy', topology: 'minikube', seed: 5 } as Lesson;

  /** What the lesson panel talks to (App.svelte): the worker stand-in and its status, through lessonHost. */
  function lessonPanelHost(s: Awaited<ReturnType<typeof setup>>) {
    const persistStatus = async () => {
      const st = await s.store.getSettings();
      const id = st.ok ? st.value.currentPlayground : null;
      const m = id ? await s.store.getPlayground(id) : undefined;
      return { persistent: true, playgroundId: id ?? undefined, playgroundName: m?.ok ? m.value.name : undefined };
    };
    return lessonHost({ persistStatus, switchPlayground: (o) => s.worker.switchPlayground(o) }, async () => s.store);
  }
  const prepare = (h: ReturnType<typeof lessonPanelHost>, l: Lesson | null) =>
    new Promise<boolean>((resolve) => void switchCluster(h, l, { reload: () => resolve(true) }).then(resolve));

  it('stays the lesson’s playground: the lesson finds it, opening it reopens the lesson', async () => {
    const s = await setup();
    const host = lessonPanelHost(s);
    // The lesson panel makes the lesson's playground; the learner renames it.
    expect(await prepare(host, lesson)).toBe(true);
    const made = (await listAll(s.store)).find((m) => m.name === lessonPlayground(lesson.id))!;
    expect(await renamePlayground(s.deps, made.id, 'My deploy')).toEqual({ ok: true });
    // The page now runs it: the lesson is there, nothing switches.
    s.worker.calls.length = 0;
    expect(await prepare(host, lesson)).toBe(true);
    expect(s.worker.calls).toEqual([]);
    // Back to the sandbox (it is a lesson playground), then to the lesson: the renamed one again.
    expect(await prepare(host, null)).toBe(true);
    expect(await prepare(host, lesson)).toBe(true);
    expect(s.worker.calls).toEqual([{ name: 'Playground 1' }, { name: 'My deploy', topology: 'minikube', seed: 5, nodes: undefined, fresh: undefined }]);
    expect((await listAll(s.store)).map((m) => m.name).sort()).toEqual(['My deploy', 'Playground 1']);
    // Opened from the menu, it reopens its lesson.
    const byId = async (id: string) => (await listAll(s.store)).find((m) => m.id === id)!;
    await s.store.setSettings({ currentPlayground: s.first.id });
    expect(await openPlayground(s.deps, await byId(made.id))).toEqual({ ok: true });
    expect(s.lesson()).toBe(lesson.id);
    // Starting the lesson over makes a fresh cluster under the learner's name, still the lesson's.
    expect(await host.switchPlayground({ name: lessonPlayground(lesson.id), topology: 'minikube', seed: 5, fresh: true })).toBe(true);
    const fresh = (await listAll(s.store)).find((m) => m.name === 'My deploy')!;
    expect(fresh.id).not.toBe(made.id);
    await s.store.setSettings({ currentPlayground: s.first.id });
    expect(await openPlayground(s.deps, await byId(fresh.id))).toEqual({ ok: true });
    expect(s.lesson()).toBe(lesson.id);
    // Renamed again, and renamed back: still the lesson's.
    expect(await renamePlayground(s.deps, fresh.id, 'Deploy, take 2')).toEqual({ ok: true });
    expect(await renamePlayground(s.deps, fresh.id, lessonPlayground(lesson.id))).toEqual({ ok: true });
    expect(await renamePlayground(s.deps, fresh.id, 'Deploy, take 3')).toEqual({ ok: true });
    await s.store.setSettings({ currentPlayground: s.first.id });
    s.worker.calls.length = 0;
    expect(await prepare(host, lesson)).toBe(true);
    expect(s.worker.calls).toEqual([{ name: 'Deploy, take 3', topology: 'minikube', seed: 5, nodes: undefined, fresh: undefined }]);
    // Reset from the menu: a fresh cluster, still the lesson's.
    const take3 = (await listAll(s.store)).find((m) => m.name === 'Deploy, take 3')!;
    expect(await resetPlayground({ ...s.deps, currentId: take3.id })).toEqual({ ok: true });
    expect(s.lesson()).toBe(lesson.id);
    const reset = (await listAll(s.store)).find((m) => m.name === 'Deploy, take 3')!;
    expect(reset.id).not.toBe(take3.id);
    expect(reset.lesson).toBe(lesson.id);
  });
});
