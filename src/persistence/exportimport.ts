// Export and import of a playground or of lesson progress as a JSON file, and share links that
// carry a compressed playground or lesson state in the URL fragment. Import trusts nothing: size,
// JSON syntax, the format header, kind and version, the structure of every part, and keys that
// could reach a prototype are all checked before anything is written; a refusal says why in
// English and Chinese and leaves stored data untouched (an imported playground is always a new
// one; progress is written in one transaction only after every record passed).
import type { PersistenceStore } from './store';
import { checkJsonSafety, validateFiles, validateProgress, validateState } from './validate';
import type { FilesState, Msg, PlaygroundMeta, PlaygroundState, Progress, Result } from './types';

export const FORMAT_VERSION = 1;
/** Largest file import accepts (bytes of UTF-8, checked on characters first). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Largest share link fragment, and largest state a share link may inflate to. */
export const MAX_SHARE_CHARS = 4 * 1024 * 1024;
export const MAX_SHARE_BYTES = 20 * 1024 * 1024;

export interface PlaygroundFile {
  kubeplay: 'playground';
  version: 1;
  exportedAt: string;
  playground: { name: string; topology?: string; seed: number; createdAt: number };
  state: PlaygroundState;
}

export interface ProgressFile {
  kubeplay: 'progress';
  version: 1;
  exportedAt: string;
  progress: Progress[];
}

export type KubeplayFile = PlaygroundFile | ProgressFile;

export type ImportErrorCode = 'too-large' | 'empty' | 'not-json' | 'not-kubeplay' | 'wrong-kind' | 'version' | 'unsafe' | 'invalid' | 'store';

export interface ImportError {
  code: ImportErrorCode;
  message: Msg;
  detail?: string;
}

export type ImportResult<T> = { ok: true; value: T } | { ok: false; error: ImportError };

const refuse = <T>(code: ImportErrorCode, en: string, zh: string, detail?: string): ImportResult<T> => ({
  ok: false,
  error: { code, message: { en, zh }, detail },
});

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------- export ----------

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'playground';

/** The file text for a playground and its state. */
export function playgroundFileText(meta: Pick<PlaygroundMeta, 'name' | 'topology' | 'seed' | 'createdAt'>, state: PlaygroundState, exportedAt = new Date()): string {
  const file: PlaygroundFile = {
    kubeplay: 'playground',
    version: FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    playground: { name: meta.name, ...(meta.topology !== undefined ? { topology: meta.topology } : {}), seed: meta.seed, createdAt: meta.createdAt },
    state,
  };
  return JSON.stringify(file);
}

export function progressFileText(progress: Progress[], exportedAt = new Date()): string {
  const file: ProgressFile = { kubeplay: 'progress', version: FORMAT_VERSION, exportedAt: exportedAt.toISOString(), progress };
  return JSON.stringify(file);
}

/**
 * A playground's newest saved state as a file. Flush the write-behind first so the file has the
 * latest changes, or pass `state` (the live state) to export it directly.
 */
export async function exportPlayground(store: PersistenceStore, id: string, state?: PlaygroundState): Promise<Result<{ fileName: string; text: string }>> {
  const meta = await store.getPlayground(id);
  if (!meta.ok) return meta;
  let s = state;
  if (!s) {
    const snap = await store.loadSnapshot(id);
    if (!snap.ok) return snap;
    if (!snap.value) return { ok: false, error: { code: 'not-found', message: { en: 'This playground has no saved state yet.', zh: '此练习场还没有保存的状态。' } } };
    s = snap.value.state;
  }
  return { ok: true, value: { fileName: `kubeplay-${slug(meta.value.name)}.json`, text: playgroundFileText(meta.value, s) } };
}

export async function exportProgress(store: PersistenceStore, learner?: string): Promise<Result<{ fileName: string; text: string }>> {
  const p = await store.listProgress(learner);
  if (!p.ok) return p;
  return { ok: true, value: { fileName: 'kubeplay-progress.json', text: progressFileText(p.value) } };
}

// ---------- parse and validate ----------

function utf8Bytes(text: string): number {
  // Cheap bound first: UTF-8 is at most 3 bytes per UTF-16 unit.
  if (text.length * 3 <= MAX_IMPORT_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

/** Parses JSON text and checks it for hostile structure (prototype keys, extreme nesting). */
function parseJson(text: string, limit: number, what: Msg): ImportResult<unknown> {
  if (typeof text !== 'string' || !text.trim()) return refuse('empty', `The ${what.en} is empty.`, `${what.zh}是空的。`);
  if (text.length > limit || utf8Bytes(text) > limit)
    return refuse('too-large', `The ${what.en} is larger than ${Math.round(limit / 1024 / 1024)} MB.`, `${what.zh}超过 ${Math.round(limit / 1024 / 1024)} MB。`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    const m = String((e as Error).message);
    return refuse('not-json', `The ${what.en} is not valid JSON (${m}).`, `${what.zh}不是有效的 JSON（${m}）。`, m);
  }
  const safe = checkJsonSafety(v);
  if (!safe.ok) return refuse('unsafe', `The ${what.en} was refused: ${safe.message.en}.`, `${what.zh}被拒绝：${safe.message.zh}。`, safe.path);
  return { ok: true, value: v };
}

function header(v: unknown, kinds: string[], what: Msg): ImportResult<Record<string, unknown>> {
  if (!isPlain(v) || typeof v.kubeplay !== 'string')
    return refuse('not-kubeplay', `This is not a kubeplay ${what.en} (no "kubeplay" header).`, `这不是 kubeplay 的${what.zh}（缺少 "kubeplay" 头）。`);
  if (!kinds.includes(v.kubeplay))
    return refuse('wrong-kind', `This kubeplay ${what.en} holds "${v.kubeplay}", expected ${kinds.map((k) => `"${k}"`).join(' or ')}.`, `此 kubeplay ${what.zh}包含 "${v.kubeplay}"，应为 ${kinds.map((k) => `"${k}"`).join(' 或 ')}。`);
  if (v.version !== FORMAT_VERSION) {
    const newer = typeof v.version === 'number' && v.version > FORMAT_VERSION;
    return refuse(
      'version',
      newer ? `This ${what.en} was made by a newer kubeplay (format ${v.version}); this one reads format ${FORMAT_VERSION}. Update the page and retry.` : `Unsupported format version ${JSON.stringify(v.version)} (expected ${FORMAT_VERSION}).`,
      newer ? `此${what.zh}由更新版本的 kubeplay 生成（格式 ${v.version}）；当前版本只能读取格式 ${FORMAT_VERSION}。请更新页面后重试。` : `不支持的格式版本 ${JSON.stringify(v.version)}（应为 ${FORMAT_VERSION}）。`,
    );
  }
  return { ok: true, value: v };
}

const invalid = <T>(what: Msg, m: Msg, path: string): ImportResult<T> => refuse('invalid', `The ${what.en} is damaged: ${m.en}.`, `${what.zh}已损坏：${m.zh}。`, path);

const FILE: Msg = { en: 'file', zh: '文件' };

/** Checks a file's text completely; writes nothing. */
export function parseImport(text: string, opts: { expect?: 'playground' | 'progress'; maxBytes?: number } = {}): ImportResult<KubeplayFile> {
  const j = parseJson(text, opts.maxBytes ?? MAX_IMPORT_BYTES, FILE);
  if (!j.ok) return j;
  const h = header(j.value, opts.expect ? [opts.expect] : ['playground', 'progress'], FILE);
  if (!h.ok) return h;
  const v = h.value;
  if (v.kubeplay === 'playground') {
    const pg = v.playground;
    if (!isPlain(pg) || typeof pg.name !== 'string' || !pg.name.trim() || pg.name.length > 100)
      return invalid(FILE, { en: 'playground.name must be a name of 1 to 100 characters', zh: 'playground.name 必须是 1 到 100 个字符的名称' }, 'playground.name');
    if (pg.topology !== undefined && typeof pg.topology !== 'string') return invalid(FILE, { en: 'playground.topology must be a string', zh: 'playground.topology 必须是字符串' }, 'playground.topology');
    const c = validateState(v.state, 'state');
    if (!c.ok) return invalid(FILE, c.message, c.path);
    return { ok: true, value: v as unknown as PlaygroundFile };
  }
  if (!Array.isArray(v.progress)) return invalid(FILE, { en: 'progress must be a list', zh: 'progress 必须是列表' }, 'progress');
  for (let i = 0; i < v.progress.length; i++) {
    const c = validateProgress(v.progress[i], `progress[${i}]`);
    if (!c.ok) return invalid(FILE, c.message, c.path);
  }
  return { ok: true, value: v as unknown as ProgressFile };
}

export type Imported = { kind: 'playground'; meta: PlaygroundMeta } | { kind: 'progress'; count: number };

/**
 * Imports a file: a playground becomes a NEW playground (never replacing one); progress records
 * are written together in one transaction. Nothing is written unless the whole file passed.
 */
export async function importFile(
  store: PersistenceStore,
  text: string,
  opts: { expect?: 'playground' | 'progress'; name?: string; progressPlaygroundId?: string } = {},
): Promise<ImportResult<Imported>> {
  const p = parseImport(text, opts);
  if (!p.ok) return p;
  const f = p.value;
  if (f.kubeplay === 'playground') {
    const r = await store.createPlayground(opts.name ?? f.playground.name, { state: f.state, seed: f.playground.seed, topology: f.playground.topology });
    if (!r.ok) return { ok: false, error: { code: 'store', message: r.error.message, detail: r.error.detail } };
    return { ok: true, value: { kind: 'playground', meta: r.value } };
  }
  const records = opts.progressPlaygroundId ? f.progress.map((x) => ({ ...x, playgroundId: opts.progressPlaygroundId! })) : f.progress;
  const r = await store.putProgress(records);
  if (!r.ok) return { ok: false, error: { code: 'store', message: r.error.message, detail: r.error.detail } };
  return { ok: true, value: { kind: 'progress', count: r.value } };
}

// ---------- share links ----------

export type ShareState =
  | { kind: 'playground'; name?: string; state: PlaygroundState }
  | { kind: 'lesson'; lesson: string; step: number; files?: FilesState };

interface ShareEnvelope {
  kubeplay: 'share';
  version: 1;
  share: ShareState;
}

/** The URL fragment parameter: `#share=<token>`. */
export const SHARE_PARAM = 'share';

const hasCompression = () => typeof (globalThis as { CompressionStream?: unknown }).CompressionStream === 'function' && typeof (globalThis as { DecompressionStream?: unknown }).DecompressionStream === 'function';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function pipe(bytes: Uint8Array, stream: GenericTransformStream, limit: number): Promise<Uint8Array | null> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = (stream.readable as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/**
 * A playground or lesson state as a URL-fragment token: `z.<base64url of deflate-raw JSON>`
 * where CompressionStream exists, else `j.<base64url of JSON>`.
 */
export async function encodeShare(share: ShareState, opts: { compress?: boolean } = {}): Promise<string> {
  const env: ShareEnvelope = { kubeplay: 'share', version: FORMAT_VERSION, share };
  const bytes = new TextEncoder().encode(JSON.stringify(env));
  if (opts.compress !== false && hasCompression()) {
    const z = await pipe(bytes, new CompressionStream('deflate-raw'), Infinity);
    if (z) return `z.${toBase64Url(z)}`;
  }
  return `j.${toBase64Url(bytes)}`;
}

const LINK: Msg = { en: 'share link', zh: '分享链接' };

/** Reads a token (or a whole fragment `#share=...`) back, with the same checks as import. */
export async function decodeShare(fragment: string): Promise<ImportResult<ShareState>> {
  let token = String(fragment ?? '').trim().replace(/^#/, '');
  const m = new RegExp(`(?:^|&)${SHARE_PARAM}=([^&]*)`).exec(token);
  if (m) token = m[1];
  if (!token) return refuse('empty', 'The share link is empty.', '分享链接是空的。');
  if (token.length > MAX_SHARE_CHARS) return refuse('too-large', 'The share link is too long.', '分享链接太长。');
  const kind = token.slice(0, 2);
  const bytes = kind === 'z.' || kind === 'j.' ? fromBase64Url(token.slice(2)) : null;
  if (!bytes) return refuse('not-kubeplay', 'This is not a kubeplay share link (it may have been cut short when copied).', '这不是 kubeplay 分享链接（可能在复制时被截断）。');
  let raw: Uint8Array | null = bytes;
  if (kind === 'z.') {
    if (!hasCompression()) return refuse('version', 'This browser cannot open compressed share links.', '此浏览器无法打开压缩的分享链接。');
    try {
      raw = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_SHARE_BYTES);
    } catch {
      return refuse('not-json', 'The share link is damaged (it does not decompress; it may have been cut short when copied).', '分享链接已损坏（无法解压，可能在复制时被截断）。');
    }
    if (!raw) return refuse('too-large', `The share link expands to more than ${MAX_SHARE_BYTES / 1024 / 1024} MB.`, `分享链接解压后超过 ${MAX_SHARE_BYTES / 1024 / 1024} MB。`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return refuse('not-json', 'The share link is damaged (not UTF-8 text).', '分享链接已损坏（不是 UTF-8 文本）。');
  }
  const j = parseJson(text, MAX_SHARE_BYTES, LINK);
  if (!j.ok) return j;
  const h = header(j.value, ['share'], LINK);
  if (!h.ok) return h;
  const s = h.value.share;
  if (!isPlain(s)) return invalid(LINK, { en: 'share must be an object', zh: 'share 必须是对象' }, 'share');
  if (s.kind === 'playground') {
    if (s.name !== undefined && (typeof s.name !== 'string' || s.name.length > 100)) return invalid(LINK, { en: 'share.name must be a short string', zh: 'share.name 必须是较短的字符串' }, 'share.name');
    const c = validateState(s.state, 'share.state');
    if (!c.ok) return invalid(LINK, c.message, c.path);
    return { ok: true, value: s as unknown as ShareState };
  }
  if (s.kind === 'lesson') {
    if (typeof s.lesson !== 'string' || !/^[a-z0-9][a-z0-9._/-]{0,199}$/.test(s.lesson)) return invalid(LINK, { en: 'share.lesson must be a lesson id', zh: 'share.lesson 必须是课程 id' }, 'share.lesson');
    if (!Number.isSafeInteger(s.step) || (s.step as number) < 0) return invalid(LINK, { en: 'share.step must be an integer ≥ 0', zh: 'share.step 必须是不小于 0 的整数' }, 'share.step');
    if (s.files !== undefined) {
      const c = validateFiles(s.files, 'share.files');
      if (!c.ok) return invalid(LINK, c.message, c.path);
    }
    return { ok: true, value: s as unknown as ShareState };
  }
  return invalid(LINK, { en: `unknown share kind ${JSON.stringify(s.kind)}`, zh: `未知的分享类型 ${JSON.stringify(s.kind)}` }, 'share.kind');
}
