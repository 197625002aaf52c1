// The worker's persistence: which playground this tab owns, its restore on start, write-behind
// saving after every change, and export/import. Uses src/persistence (idb, or memory).
import type { ClusterSnapshot } from '../cluster/cluster';
import type { FsSnapshot } from '../shell';
import {
  acquirePlayground,
  exportPlayground,
  importFile,
  openStore,
  WriteBehind,
  type Lease,
  type PersistenceStore,
  type PlaygroundState,
} from '../persistence';
import { Playground, type PlaygroundOptions } from './playground';

export interface PersistStatus {
  persistent: boolean;
  /** Why the app runs in memory, or that the saved state was recovered from the previous save. */
  message?: { en: string; zh: string };
  /** Another tab owns this playground: this one runs without saving until it takes over. */
  busy?: boolean;
  playgroundId?: string;
  playgroundName?: string;
}

export interface Persisted {
  /** The playground; after start() possibly a fresh one (a saved state that could not start). */
  readonly pg: Playground;
  /**
   * Starts the cluster's components, deferred so the first prompt can be answered before
   * (ClusterOptions.deferStart): call it before anything else uses the playground.
   */
  start(): void;
  /** Whether status is final before start(): nothing was restored, so start() cannot fall back. */
  readonly statusKnownBeforeStart: boolean;
  status: PersistStatus;
  markDirty(): void;
  flush(): Promise<void>;
  exportText(): Promise<{ fileName: string; text: string } | { error: string }>;
  importText(text: string): Promise<{ ok: true } | { error: { en: string; zh: string } }>;
  /** Forgets the saved state of this playground; the page reloads a fresh one. */
  reset(): Promise<void>;
  /**
   * Makes the playground called `name` current (a lesson's own cluster, with its topology and
   * seed), creating it fresh when there is none or `fresh` is set. This one is saved first; the
   * page reloads into the other. False when nothing is saved here (memory only, another tab).
   */
  switchTo(o: { name: string; topology?: string; seed?: number; nodes?: number; fresh?: boolean }): Promise<boolean>;
  takeOver?(): Promise<void>;
}

export async function startPersisted(base: PlaygroundOptions): Promise<Persisted> {
  const store: PersistenceStore = await openStore();
  performance.mark('kubeplay-worker-store-open');
  const status: PersistStatus = { persistent: store.persistent };
  if (!store.persistent && store.fallbackReason) status.message = store.fallbackReason.message;
  const settings = await store.getSettings();
  let id = settings.ok ? settings.value.currentPlayground : null;
  if (!id) {
    const list = await store.listPlaygrounds();
    id = list.ok && list.value.length ? list.value[0].id : null;
  }
  // A first visit: the playground made here has no saved state to read back.
  let createdHere = false;
  if (!id) {
    const created = await store.createPlayground('Playground 1', {});
    id = created.ok ? created.value.id : null;
    if (created.ok) {
      createdHere = true;
      status.playgroundName = created.value.name;
    }
  }
  let lease: Lease | undefined;
  let takeOver: (() => Promise<Lease>) | undefined;
  // Writing the setting and reading the name overlap the rest (other object stores); both are
  // waited for before the playground is handed out.
  let settingsWritten: Promise<unknown> | undefined;
  let named: Promise<void> | undefined;
  if (id) {
    settingsWritten = store.setSettings({ currentPlayground: id });
    if (!createdHere) named = store.getPlayground(id).then((meta) => void (meta.ok && (status.playgroundName = meta.value.name)));
    status.playgroundId = id;
    const acquired = await acquirePlayground(id, { onLost: () => wb?.stop(), beforeHandOver: () => wb?.flush().then(() => undefined) });
    if (acquired.status === 'owner') lease = acquired.lease;
    else {
      status.busy = true;
      takeOver = acquired.takeOver;
    }
  }
  let restored: PlaygroundState | null = null;
  if (id && !(createdHere && lease)) {
    const loaded = await store.loadSnapshot(id);
    if (loaded.ok && loaded.value) {
      restored = loaded.value.state;
      if (loaded.value.recovered) status.message = { en: 'The last save was damaged; the one before it was restored.', zh: '最近一次保存已损坏，已恢复上一次保存的状态。' };
    }
  }
  performance.mark('kubeplay-worker-state-read');
  // A saved state that passes validation but cannot be rebuilt or started: start fresh, keep the record.
  const cannotRestore = () => {
    status.message = { en: 'The saved playground could not be restored; a fresh one was started.', zh: '无法恢复已保存的练习环境，已新建一个。' };
    return new Playground(base);
  };
  let pg: Playground;
  try {
    pg = restored
      ? new Playground({ ...base, deferStart: true, snapshot: restored.cluster as unknown as ClusterSnapshot, files: restored.files as FsSnapshot, history: restored.history, namespace: restored.namespace })
      : new Playground({ ...base, deferStart: true });
  } catch {
    restored = null;
    pg = cannotRestore();
  }
  await Promise.all([settingsWritten, named]);
  performance.mark('kubeplay-worker-playground');
  const playgroundId = id;
  const wb: WriteBehind | undefined =
    playgroundId && lease
      ? new WriteBehind({
          collect: () => pg.state() as unknown as PlaygroundState,
          save: (s) => store.saveSnapshot(playgroundId, s),
        })
      : undefined;
  let lastRevision = pg.cluster.store.revision();
  let started = false;
  return {
    get pg() {
      return pg;
    },
    status,
    statusKnownBeforeStart: !restored,
    start() {
      if (started) return;
      started = true;
      try {
        pg.cluster.start();
      } catch (e) {
        if (!restored) throw e;
        pg = cannotRestore();
      }
      pg.fs.onChange(() => wb?.markDirty());
      lastRevision = pg.cluster.store.revision();
    },
    markDirty() {
      const rev = pg.cluster.store.revision();
      if (rev !== lastRevision) {
        lastRevision = rev;
        wb?.markDirty();
      }
    },
    async flush() {
      await wb?.flush();
    },
    async exportText() {
      if (!playgroundId) return { error: 'no playground' };
      const r = await exportPlayground(store, playgroundId, pg.state() as unknown as PlaygroundState);
      return r.ok ? r.value : { error: r.error.message.en };
    },
    async importText(text) {
      const r = await importFile(store, text);
      if (!r.ok) return { error: r.error.message };
      const newId = (r.value as { playground?: { id: string } }).playground?.id;
      if (newId) await store.setSettings({ currentPlayground: newId });
      return { ok: true };
    },
    async reset() {
      wb?.stop();
      if (playgroundId) {
        await store.deletePlayground(playgroundId);
        const created = await store.createPlayground('Playground 1', {});
        if (created.ok) await store.setSettings({ currentPlayground: created.value.id });
      }
      await lease?.release();
    },
    async switchTo(o) {
      if (!store.persistent || !lease || !wb) return false;
      await wb.flush();
      const list = await store.listPlaygrounds();
      const same = list.ok ? list.value.filter((m) => m.name === o.name) : [];
      let target = o.fresh ? undefined : same[0]?.id;
      if (o.fresh) for (const m of same) await store.deletePlayground(m.id);
      if (!target) {
        const state = new Playground({ ...base, topology: o.topology, seed: o.seed, nodes: o.nodes }).state() as unknown as PlaygroundState;
        const created = await store.createPlayground(o.name, { state, seed: o.seed, topology: o.topology });
        if (!created.ok) return false;
        target = created.value.id;
      }
      wb.stop();
      await store.setSettings({ currentPlayground: target });
      await lease.release();
      return true;
    },
    takeOver: takeOver
      ? async () => {
          lease = await takeOver!();
        }
      : undefined,
  };
}
