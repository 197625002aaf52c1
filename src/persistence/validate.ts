// Strict validation of everything persistence reads back or imports: stored snapshots (a
// corrupted record must be detected, not restored), exported files and share links (which may be
// damaged or hostile). Pure; no browser API. Each refusal names the path and says why, in English
// and Chinese.
import type { ClusterState, FilesState, LessonProgress, Msg, PlaygroundState, Progress } from './types';

export type Check = { ok: true } | { ok: false; path: string; message: Msg };

/** Keys that could reach an object's prototype when data is later merged or spread. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_DEPTH = 64;

class Problem extends Error {
  constructor(
    readonly at: string,
    readonly msg: Msg,
  ) {
    super(`${at}: ${msg.en}`);
  }
}

const bad = (path: string, en: string, zh: string): never => {
  throw new Problem(path, { en, zh });
};

function run(f: () => void): Check {
  try {
    f();
    return { ok: true };
  } catch (e) {
    if (e instanceof Problem) return { ok: false, path: e.at, message: { en: `${e.at}: ${e.msg.en}`, zh: `${e.at}：${e.msg.zh}` } };
    // A RangeError from deeply nested data, or anything unexpected: still a refusal, never a throw.
    return { ok: false, path: '', message: { en: `invalid data (${String((e as Error)?.message ?? e)})`, zh: `数据无效（${String((e as Error)?.message ?? e)}）` } };
  }
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

function object(v: unknown, path: string): Record<string, unknown> {
  if (!isPlain(v)) bad(path, 'must be an object', '必须是对象');
  return v as Record<string, unknown>;
}
function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) bad(path, 'must be an array', '必须是数组');
  return v as unknown[];
}
function string(v: unknown, path: string): string {
  if (typeof v !== 'string') bad(path, 'must be a string', '必须是字符串');
  return v as string;
}
function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(path, 'must be a finite number', '必须是有限数值');
  return v as number;
}
function integer(v: unknown, path: string, min = 0): number {
  if (!Number.isSafeInteger(v) || (v as number) < min) bad(path, `must be an integer ≥ ${min}`, `必须是不小于 ${min} 的整数`);
  return v as number;
}

/**
 * Walks a parsed JSON value once: no key may reach a prototype, nesting stays within MAX_DEPTH.
 * Iterative, so hostile nesting cannot overflow the stack.
 */
export function checkJsonSafety(root: unknown): Check {
  if (safeFast(root)) return { ok: true };
  return run(() => safeSlow(root));
}

/** One pass without building paths (the common, clean case). */
function safeFast(root: unknown): boolean {
  const stack: unknown[] = [root];
  const depths: number[] = [0];
  while (stack.length) {
    const v = stack.pop();
    const depth = depths.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_DEPTH) return false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const c = v[i];
        if (typeof c === 'object' && c !== null) {
          stack.push(c);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const k in v) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') return false;
      const c = (v as Record<string, unknown>)[k];
      if (typeof c === 'object' && c !== null) {
        stack.push(c);
        depths.push(depth + 1);
      }
    }
    // JSON.parse makes "__proto__" an own property that for...in still lists; a non-plain
    // prototype (anything but Object.prototype) cannot come from JSON.
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return false;
  }
  return true;
}

/** The same walk with paths, to say where the problem is. */
function safeSlow(root: unknown): void {
  const stack: [unknown, number, string][] = [[root, 0, '$']];
  while (stack.length) {
    const [v, depth, path] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_DEPTH) bad(path, `nested deeper than ${MAX_DEPTH} levels`, `嵌套超过 ${MAX_DEPTH} 层`);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) stack.push([v[i], depth + 1, `${path}[${i}]`]);
      continue;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) bad(path, 'is not plain data', '不是纯数据');
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) bad(`${path}.${k}`, `forbidden key "${k}"`, `禁止使用的键 "${k}"`);
      const c = (v as Record<string, unknown>)[k];
      if (typeof c === 'object' && c !== null) stack.push([c, depth + 1, `${path}.${k}`]);
    }
  }
}

const RESOURCE = /^[a-z0-9]([a-z0-9.-]{0,252})$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const MAX_OBJECTS = 200_000;
export const MAX_FILES = 20_000;
export const MAX_HISTORY = 10_000;

function clusterInto(v: unknown, p: string): void {
  const c = object(v, p);
  if (c.version !== 1) bad(`${p}.version`, `unsupported cluster snapshot version ${JSON.stringify(c.version)} (expected 1)`, `不支持的集群快照版本 ${JSON.stringify(c.version)}（应为 1）`);
  finite(c.now, `${p}.now`);
  finite(c.seed, `${p}.seed`);
  const o = object(c.options ?? {}, `${p}.options`);
  if (o.topology !== undefined && o.topology !== null) string(o.topology, `${p}.options.topology`);
  if (o.nodes !== undefined && o.nodes !== null) integer(o.nodes, `${p}.options.nodes`);
  const s = object(c.store, `${p}.store`);
  const revision = integer(s.revision, `${p}.store.revision`);
  const resources = object(s.resources, `${p}.store.resources`);
  let count = 0;
  for (const [r, list] of Object.entries(resources)) {
    const rp = `${p}.store.resources[${JSON.stringify(r)}]`;
    if (!RESOURCE.test(r)) bad(rp, 'is not a resource name', '不是资源名称');
    const items = array(list, rp);
    count += items.length;
    if (count > MAX_OBJECTS) bad(`${p}.store.resources`, `more than ${MAX_OBJECTS} objects`, `对象超过 ${MAX_OBJECTS} 个`);
    const seen = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      // The common case is checked without building path strings (10,000 objects in a few ms).
      const obj = items[i] as { metadata?: { name?: unknown; namespace?: unknown; resourceVersion?: unknown }; kind?: unknown; apiVersion?: unknown };
      const md = isPlain(obj) ? obj.metadata : undefined;
      const ns = md && isPlain(md) ? md.namespace : undefined;
      const rv = md?.resourceVersion;
      const fine =
        md !== undefined &&
        isPlain(md) &&
        typeof md.name === 'string' &&
        md.name !== '' &&
        (ns === undefined || (typeof ns === 'string' && (ns === '' || NAMESPACE.test(ns)))) &&
        (obj.kind === undefined || typeof obj.kind === 'string') &&
        (obj.apiVersion === undefined || typeof obj.apiVersion === 'string') &&
        (rv === undefined || (typeof rv === 'string' && /^[0-9]+$/.test(rv) && Number(rv) <= revision));
      if (fine) {
        const key = `${ns ?? ''}/${md.name as string}`;
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
      }
      objectInto(items[i], `${rp}[${i}]`, revision, seen);
    }
  }
}

/** The slow path with a precise message: only reached for an object that fails. */
function objectInto(v: unknown, ip: string, revision: number, seen: Set<string>): void {
  const obj = object(v, ip);
  const md = object(obj.metadata, `${ip}.metadata`);
  const name = string(md.name, `${ip}.metadata.name`);
  if (!name) bad(`${ip}.metadata.name`, 'must not be empty', '不能为空');
  let ns = '';
  if (md.namespace !== undefined) {
    ns = string(md.namespace, `${ip}.metadata.namespace`);
    if (ns && !NAMESPACE.test(ns)) bad(`${ip}.metadata.namespace`, `"${ns}" is not a namespace name`, `"${ns}" 不是合法的命名空间名称`);
  }
  if (obj.kind !== undefined) string(obj.kind, `${ip}.kind`);
  if (obj.apiVersion !== undefined) string(obj.apiVersion, `${ip}.apiVersion`);
  if (md.resourceVersion !== undefined) {
    const rv = string(md.resourceVersion, `${ip}.metadata.resourceVersion`);
    if (!/^[0-9]+$/.test(rv) || Number(rv) > revision)
      bad(`${ip}.metadata.resourceVersion`, `"${rv}" is not a revision ≤ the store's ${revision}`, `"${rv}" 不是不大于存储修订号 ${revision} 的修订号`);
  }
  const key = `${ns}/${name}`;
  if (seen.has(key)) bad(ip, `duplicate object ${key}`, `重复的对象 ${key}`);
  seen.add(key);
}

function filesInto(v: unknown, p: string): void {
  const f = object(v, p);
  if (f.version !== 1) bad(`${p}.version`, `unsupported workspace version ${JSON.stringify(f.version)} (expected 1)`, `不支持的工作区版本 ${JSON.stringify(f.version)}（应为 1）`);
  const entries = array(f.entries, `${p}.entries`);
  if (entries.length > MAX_FILES) bad(`${p}.entries`, `more than ${MAX_FILES} files`, `文件超过 ${MAX_FILES} 个`);
  for (let i = 0; i < entries.length; i++) {
    const ep = `${p}.entries[${i}]`;
    const e = object(entries[i], ep);
    const path = string(e.path, `${ep}.path`);
    if (!path.startsWith('/') || path.includes('\0') || path.split('/').some((s) => s === '..' || s === '.'))
      bad(`${ep}.path`, `"${path}" is not an absolute normalised path`, `"${path}" 不是规范的绝对路径`);
    if (e.type !== 'file' && e.type !== 'dir') bad(`${ep}.type`, 'must be "file" or "dir"', '必须是 "file" 或 "dir"');
    finite(e.mtime, `${ep}.mtime`);
    if (e.type === 'file') string(e.content, `${ep}.content`);
  }
}

function stateInto(v: unknown, p: string): void {
  const s = object(v, p);
  clusterInto(s.cluster, `${p}.cluster`);
  filesInto(s.files, `${p}.files`);
  const h = array(s.history, `${p}.history`);
  if (h.length > MAX_HISTORY) bad(`${p}.history`, `more than ${MAX_HISTORY} entries`, `超过 ${MAX_HISTORY} 条`);
  h.forEach((l, i) => string(l, `${p}.history[${i}]`));
  const ns = string(s.namespace, `${p}.namespace`);
  if (!NAMESPACE.test(ns)) bad(`${p}.namespace`, `"${ns}" is not a namespace name`, `"${ns}" 不是合法的命名空间名称`);
  const vt = finite(s.virtualTime, `${p}.virtualTime`);
  if (vt !== (s.cluster as { now: number }).now) bad(`${p}.virtualTime`, 'differs from the cluster snapshot\'s time', '与集群快照的时间不一致');
}

export const validateCluster = (v: unknown, path = 'cluster'): Check => run(() => clusterInto(v, path));
export const validateFiles = (v: unknown, path = 'files'): Check => run(() => filesInto(v, path));
/** A whole PlaygroundState: cluster snapshot, workspace, history, namespace, virtual time. */
export const validateState = (v: unknown, path = 'state'): Check => run(() => stateInto(v, path));

function lessonInto(v: unknown, p: string): void {
  const l = object(v, p);
  array(l.completed, `${p}.completed`).forEach((s, i) => string(s, `${p}.completed[${i}]`));
  integer(l.step, `${p}.step`);
  if (typeof l.done !== 'boolean') bad(`${p}.done`, 'must be true or false', '必须是 true 或 false');
  finite(l.updatedAt, `${p}.updatedAt`);
}

export const validateProgress = (v: unknown, path = 'progress'): Check =>
  run(() => {
    const pr = object(v, path);
    string(pr.playgroundId, `${path}.playgroundId`);
    string(pr.learner, `${path}.learner`);
    for (const [id, l] of Object.entries(object(pr.lessons, `${path}.lessons`))) lessonInto(l, `${path}.lessons[${JSON.stringify(id)}]`);
  });

export type { ClusterState, FilesState, LessonProgress, PlaygroundState, Progress };
