// Share links: the current playground (its exported state) compressed into the URL fragment,
// `#share=z.<base64url deflate-raw JSON>` (src/persistence encodes and validates). The fragment
// never reaches a server. Opening a link validates it completely before anything is written, and
// a good one becomes a NEW playground (never replacing one), named after the shared one.
import { decodeShare, encodeShare, parseImport, SHARE_PARAM, type Msg, type PersistenceStore, type ShareState } from '../../persistence';
import { loadCatalogue, translate } from '../i18n/translate';
import { listAll, openCreated, type SwitchHost } from '../playgrounds/actions';
import { uniqueName } from '../playgrounds/names';

export interface ShareLink {
  url: string;
  /** Characters of the fragment (what a chat app or a browser has to carry). */
  fragmentChars: number;
}

/** The page's address without its fragment: a link works from any sub-path. */
export const baseUrl = (href: string) => href.replace(/#.*$/, '');

/** A share link for an exported playground file's text (WorkerClient.exportState). */
export async function playgroundLink(exportText: string, href: string): Promise<ShareLink | { error: Msg }> {
  const f = parseImport(exportText, { expect: 'playground' });
  if (!f.ok) return { error: f.error.message };
  if (f.value.kubeplay !== 'playground') return { error: { en: 'not a playground', zh: '不是练习环境' } };
  return linkFor({ kind: 'playground', name: f.value.playground.name, state: f.value.state }, href);
}

/** A share link for the lesson in progress: its id, the step, and the workspace's files. */
export async function lessonLink(exportText: string, at: { lesson: string; step: number }, href: string): Promise<ShareLink | { error: Msg }> {
  const f = parseImport(exportText, { expect: 'playground' });
  if (!f.ok) return { error: f.error.message };
  if (f.value.kubeplay !== 'playground') return { error: { en: 'not a playground', zh: '不是练习环境' } };
  return linkFor({ kind: 'lesson', lesson: at.lesson, step: at.step, files: f.value.state.files }, href);
}

export async function linkFor(share: ShareState, href: string): Promise<ShareLink> {
  const fragment = `${SHARE_PARAM}=${await encodeShare(share)}`;
  return { url: `${baseUrl(href)}#${fragment}`, fragmentChars: fragment.length + 1 };
}

/** Whether a fragment carries a share link at all (then it is read, or refused with a message). */
export const hasShare = (hash: string) => new RegExp(`(?:^#?|&)${SHARE_PARAM}=`).test(hash);

const notOpened = (m: Msg): Msg => ({ en: translate('en', 'share.refused', { message: m.en }), zh: translate('zh', 'share.refused', { message: m.zh }) });

export type Received = { ok: true; share: ShareState; summary: Msg } | { ok: false; message: Msg };

/** Reads the fragment: the validated state and a one-line summary, or why it is refused. */
export async function receive(hash: string): Promise<Received> {
  await loadCatalogue('zh'); // the summary is made in both languages
  const r = await decodeShare(hash);
  if (!r.ok) return { ok: false, message: notOpened(r.error.message) };
  const s = r.value;
  if (s.kind === 'lesson') {
    const p = { lesson: s.lesson, step: s.step + 1 };
    return { ok: true, share: s, summary: { en: translate('en', 'share.receivedLesson', p), zh: translate('zh', 'share.receivedLesson', p) } };
  }
  const objects = Object.values(s.state.cluster.store.resources).reduce((n, l) => n + l.length, 0);
  const files = s.state.files.entries.filter((e) => e.type === 'file').length;
  const p = { name: s.name ?? 'Playground', objects, files };
  return { ok: true, share: s, summary: { en: translate('en', 'share.received', p), zh: translate('zh', 'share.received', p) } };
}

/**
 * Saves a shared playground as a new playground ("Shared: web", or "Shared: web (2)") and asks
 * the worker to switch to it; resolves to the new name, or the reason it could not (then the new
 * playground is gone again: nothing changed).
 */
export async function openShared(store: PersistenceStore, host: SwitchHost, share: Extract<ShareState, { kind: 'playground' }>, lang: 'en' | 'zh'): Promise<{ name: string } | { error: Msg }> {
  const taken = (await listAll(store)).map((m) => m.name);
  const name = uniqueName(translate(lang, 'share.sharedName', { name: share.name ?? 'Playground' }), taken);
  const created = await store.createPlayground(name, { state: share.state });
  if (!created.ok) return { error: notOpened(created.error.message) };
  const opened = await openCreated(store, host, created.value);
  return opened.ok ? { name } : { error: notOpened(opened.message) };
}
