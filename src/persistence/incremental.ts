// Incremental saving (schema version 4). A playground's saved state is a generation: one whole
// state (a snapshot record, the same JSON as version 3) followed by deltas, each holding the
// objects written and deleted since the save before it plus the small rest of the state (virtual
// time, revision, files, history, namespace). A flush after a typical change writes one delta of a
// few objects; once the deltas grow large the next flush starts a new generation by writing a
// whole state, built from the JSON already produced for each object rather than serialising them
// all again. Each record is written in one transaction, so every prefix of a generation is a
// state that was really saved: a damaged delta loses only itself and what came after it, and the
// previous generation is kept whole as the fallback for a damaged base.
import type { KubeObject } from '../api/types';
import type { PlaygroundState } from './types';

/** A delta's JSON: `{"frame":<the state without objects>,"put":{res:[obj]},"del":{res:[[ns,name]]}}`. */
export interface DeltaBody {
  frame: PlaygroundState;
  put: Record<string, KubeObject[]>;
  del: Record<string, [string, string][]>;
}

/** Start a new generation when the deltas reach this many, ... */
export const MAX_DELTAS = 100;
/** ... or when their JSON exceeds half the base's plus this much (so small states rarely compact). */
export const DELTA_SLACK_CHARS = 256 * 1024;

interface Saved {
  resource: string;
  /** False once replaced or deleted: an old reference coming back is not the saved object. */
  live: boolean;
  ref: KubeObject;
  uid: unknown;
  rv: unknown;
  /** The object's JSON, once produced (kept for the next whole state). */
  json?: string;
  mark: number;
}

/** What was last saved for one playground: the generation, its last delta, and every object. */
export class Tracker {
  private readonly objects = new Map<string, Map<string, Saved>>();
  /** The saved entry of each object reference seen: unchanged objects are found without a key. */
  private readonly byRef = new WeakMap<KubeObject, Saved>();
  private mark = 0;
  /** The saved state until the first use indexes it (off the load path: the first flush does). */
  private unindexed: PlaygroundState | undefined;

  constructor(
    /** The generation: the seq of its base snapshot record. */
    public gen: number,
    /** The last delta saved in it (0: the base alone). */
    public seq: number,
    public baseChars: number,
    public deltaChars: number,
    state: PlaygroundState,
  ) {
    this.unindexed = state;
  }

  private index(): Map<string, Map<string, Saved>> {
    const state = this.unindexed;
    if (state) {
      this.unindexed = undefined;
      for (const [r, items] of Object.entries(state.cluster.store.resources)) {
        const m = new Map<string, Saved>();
        for (const o of items) {
          const s: Saved = { resource: r, live: true, ref: o, uid: o.metadata.uid, rv: o.metadata.resourceVersion, mark: 0 };
          m.set(keyOf(o), s);
          this.byRef.set(o, s);
        }
        this.objects.set(r, m);
      }
    }
    return this.objects;
  }

  /** Whether the next save should start a new generation rather than add a delta of `chars`. */
  wantsBase(chars: number): boolean {
    return this.seq >= MAX_DELTAS || this.deltaChars + chars > this.baseChars / 2 + DELTA_SLACK_CHARS;
  }

  /**
   * The changes from the saved state to `state`. An object counts as unchanged when it is the same
   * reference or has the same uid and resourceVersion: the store stamps a new resourceVersion on
   * every write, so equal ones mean equal content (a restored playground holds copies).
   */
  diff(state: PlaygroundState): Diff {
    const objects = this.index();
    const mark = ++this.mark;
    const put: Diff['put'] = [];
    const del: Diff['del'] = [];
    const resources = state.cluster.store.resources;
    for (const [r, items] of Object.entries(resources)) {
      const m = objects.get(r);
      let seen = 0;
      for (const o of items) {
        const same = this.byRef.get(o);
        if (same !== undefined && same.live && same.resource === r) {
          same.mark = mark;
          seen++;
          continue;
        }
        const s = m?.get(keyOf(o));
        if (s && (s.ref === o || (s.uid === o.metadata.uid && s.rv === o.metadata.resourceVersion))) {
          s.ref = o;
          this.byRef.set(o, s);
          s.mark = mark;
          seen++;
          continue;
        }
        put.push({ resource: r, object: o, json: JSON.stringify(o) });
        if (s) {
          s.mark = mark;
          seen++;
        }
      }
      if (m && seen < m.size) for (const [k, s] of m) if (s.mark !== mark) del.push({ resource: r, key: k });
    }
    for (const [r, m] of objects) if (!Object.prototype.hasOwnProperty.call(resources, r)) for (const k of m.keys()) del.push({ resource: r, key: k });
    return { put, del };
  }

  /** Records a committed delta (or, with base, a committed new generation). */
  commit(d: Diff, o: { gen: number; seq: number; chars: number; base: boolean }): void {
    this.index();
    for (const p of d.put) {
      let m = this.objects.get(p.resource);
      if (!m) this.objects.set(p.resource, (m = new Map()));
      const key = keyOf(p.object);
      const old = m.get(key);
      if (old) old.live = false;
      const s: Saved = { resource: p.resource, live: true, ref: p.object, uid: p.object.metadata.uid, rv: p.object.metadata.resourceVersion, json: p.json, mark: this.mark };
      m.set(key, s);
      this.byRef.set(p.object, s);
    }
    for (const x of d.del) {
      const m = this.objects.get(x.resource);
      const old = m?.get(x.key);
      if (old) old.live = false;
      m?.delete(x.key);
      if (m && !m.size) this.objects.delete(x.resource);
    }
    this.gen = o.gen;
    this.seq = o.seq;
    if (o.base) {
      this.baseChars = o.chars;
      this.deltaChars = 0;
    } else this.deltaChars += o.chars;
  }

  /** The JSON of a saved object (produced now if it never was), for a whole state. */
  jsonOf(resource: string, o: KubeObject): string {
    const s = this.index().get(resource)?.get(keyOf(o));
    if (!s || s.ref !== o) return JSON.stringify(o);
    return (s.json ??= JSON.stringify(o));
  }
}

export interface Diff {
  put: { resource: string; object: KubeObject; json: string }[];
  del: { resource: string; key: string }[];
}

export function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function splitKey(k: string): [string, string] {
  const i = k.indexOf('/');
  return [k.slice(0, i), k.slice(i + 1)];
}

/** The state with only the objects a diff writes: enough to validate a save whose other objects
 * were validated when they were saved. */
export function changedPart(state: PlaygroundState, d: Diff): PlaygroundState {
  const resources: Record<string, KubeObject[]> = {};
  for (const p of d.put) (resources[p.resource] ??= []).push(p.object);
  return { ...state, cluster: { ...state.cluster, store: { ...state.cluster.store, resources } } };
}

/** The state without its objects: what every delta carries whole. */
function frameOf(state: PlaygroundState): PlaygroundState {
  return { ...state, cluster: { ...state.cluster, store: { ...state.cluster.store, resources: {} } } };
}

/** A delta's JSON text. */
export function deltaJson(state: PlaygroundState, d: Diff): string {
  const put = new Map<string, string[]>();
  for (const p of d.put) (put.get(p.resource) ?? put.set(p.resource, []).get(p.resource)!).push(p.json);
  const del = new Map<string, [string, string][]>();
  for (const x of d.del) (del.get(x.resource) ?? del.set(x.resource, []).get(x.resource)!).push(splitKey(x.key));
  const puts = [...put].map(([r, list]) => `${JSON.stringify(r)}:[${list.join(',')}]`).join(',');
  const dels = [...del].map(([r, list]) => `${JSON.stringify(r)}:${JSON.stringify(list)}`).join(',');
  return `{"frame":${JSON.stringify(frameOf(state))},"put":{${puts}},"del":{${dels}}}`;
}

/**
 * The whole state's JSON, equal to JSON.parse-ing back to `state`, with each object's text taken
 * from `objectJson` (the tracker's, so unchanged objects are not serialised again).
 */
export function stateJson(state: PlaygroundState, objectJson: (resource: string, o: KubeObject) => string): string {
  const { cluster, ...rest } = state;
  const { store, ...clusterRest } = cluster;
  const { resources, ...storeRest } = store;
  const res = Object.entries(resources)
    .map(([r, items]) => `${JSON.stringify(r)}:[${items.map((o) => objectJson(r, o)).join(',')}]`)
    .join(',');
  const obj = (head: string, tail: string) => (head === '{}' ? `{${tail}}` : `${head.slice(0, -1)},${tail}}`);
  const storeText = obj(JSON.stringify(storeRest), `"resources":{${res}}`);
  const clusterText = obj(JSON.stringify(clusterRest), `"store":${storeText}`);
  const restText = JSON.stringify(rest);
  return restText === '{}' ? `{"cluster":${clusterText}}` : `{"cluster":${clusterText},${restText.slice(1)}`;
}

/**
 * Applies parsed deltas in order to a state (a fresh parse, reused). Each resource a delta touches
 * is indexed once by key; resources that gained objects are put back in the store's snapshot
 * order (namespace compared with a '/' after it, then name: the order of keyOf's text).
 */
export function applyDeltas(state: PlaygroundState, deltas: DeltaBody[]): PlaygroundState {
  const resources = state.cluster.store.resources;
  const touched = new Map<string, { byKey: Map<string, KubeObject>; grew: boolean }>();
  const table = (r: string) => {
    let t = touched.get(r);
    if (!t) {
      const byKey = new Map<string, KubeObject>();
      for (const o of resources[r] ?? []) byKey.set(keyOf(o), o);
      touched.set(r, (t = { byKey, grew: false }));
    }
    return t;
  };
  let frame: PlaygroundState | undefined;
  for (const d of deltas) {
    for (const [r, list] of Object.entries(d.del)) {
      const t = table(r);
      for (const [ns, name] of list) t.byKey.delete(`${ns}/${name}`);
    }
    for (const [r, list] of Object.entries(d.put)) {
      const t = table(r);
      for (const o of list) {
        const k = keyOf(o);
        if (!t.byKey.has(k)) t.grew = true;
        t.byKey.set(k, o);
      }
    }
    frame = d.frame;
  }
  for (const [r, t] of touched) {
    if (!t.byKey.size) {
      delete resources[r];
      continue;
    }
    // A Map keeps the first insertion's place: replacements and deletions keep the order.
    resources[r] = t.grew ? [...t.byKey].sort((x, y) => byString(x[0], y[0])).map((e) => e[1]) : [...t.byKey.values()];
  }
  if (!frame) return state;
  return { ...frame, cluster: { ...frame.cluster, store: { ...frame.cluster.store, resources } } };
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A parsed delta has the shape applyDeltas expects (the final state is validated in full). */
export function isDeltaBody(v: unknown): v is DeltaBody {
  const d = v as DeltaBody;
  if (!d || typeof d !== 'object' || !d.frame || typeof d.frame !== 'object' || !d.put || typeof d.put !== 'object' || !d.del || typeof d.del !== 'object') return false;
  const f = d.frame as { cluster?: { store?: { resources?: unknown } } };
  if (!f.cluster || typeof f.cluster !== 'object' || !f.cluster.store || typeof f.cluster.store !== 'object') return false;
  for (const list of Object.values(d.put)) if (!Array.isArray(list) || !list.every((o) => o && typeof o === 'object' && o.metadata && typeof o.metadata === 'object')) return false;
  for (const list of Object.values(d.del)) if (!Array.isArray(list) || !list.every((k) => Array.isArray(k) && k.length === 2 && typeof k[0] === 'string' && typeof k[1] === 'string')) return false;
  return true;
}
