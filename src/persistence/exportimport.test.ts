import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openStore, type PersistenceStore } from './store';
import { decodeShare, encodeShare, exportPlayground, exportProgress, importFile, parseImport, MAX_IMPORT_BYTES } from './exportimport';
import { syntheticState } from './bench';
import { dbName, playgroundWithDeployment, stateOf } from './testing';

async function seeded(): Promise<{ s: PersistenceStore; id: string; text: string }> {
  const s = await openStore({ name: dbName('ex') });
  const pg = await playgroundWithDeployment();
  const m = await s.createPlayground('Web demo');
  if (!m.ok) throw new Error();
  await s.saveSnapshot(m.value.id, stateOf(pg));
  const e = await exportPlayground(s, m.value.id);
  if (!e.ok) throw new Error(JSON.stringify(e));
  expect(e.value.fileName).toBe('kubeplay-web-demo.json');
  return { s, id: m.value.id, text: e.value.text };
}

/** Everything stored, to prove a refused import changed nothing. */
async function dump(s: PersistenceStore) {
  const list = await s.listPlaygrounds();
  if (!list.ok) throw new Error();
  const snaps = await Promise.all(list.value.map((p) => s.loadSnapshot(p.id)));
  return JSON.stringify({ list: list.value, snaps, progress: await s.listProgress(), settings: await s.getSettings() });
}

describe('export and import', () => {
  it('round-trips a playground into a new one, leaving the original alone', async () => {
    const { s, id, text } = await seeded();
    const head = JSON.parse(text);
    expect(head).toMatchObject({ kubeplay: 'playground', version: 1, playground: { name: 'Web demo', seed: 1 } });
    const r = await importFile(s, text);
    if (!r.ok || r.value.kind !== 'playground') throw new Error(JSON.stringify(r));
    expect(r.value.meta.id).not.toBe(id);
    expect(r.value.meta.name).toBe('Web demo');
    const a = await s.loadSnapshot(id);
    const b = await s.loadSnapshot(r.value.meta.id);
    expect(a.ok && b.ok && b.value!.state).toEqual(a.ok && a.value!.state);
    expect((await s.listPlaygrounds()).ok && ((await s.listPlaygrounds()) as { value: unknown[] }).value).toHaveLength(2);
    s.close();
  });

  it('round-trips progress', async () => {
    const s = await openStore({ name: dbName('prog') });
    await s.setProgress({ playgroundId: 'p1', learner: 'me', lessons: { 'bootcamp/01': { completed: ['a', 'b'], step: 2, done: true, updatedAt: 3 } } });
    const e = await exportProgress(s);
    if (!e.ok) throw new Error();
    const s2 = await openStore({ name: dbName('prog2') });
    const r = await importFile(s2, e.value.text, { expect: 'progress' });
    expect(r).toEqual({ ok: true, value: { kind: 'progress', count: 1 } });
    expect(await s2.getProgress('p1')).toEqual(await s.getProgress('p1'));
    s.close();
    s2.close();
  });

  it('refuses damaged and hostile files with a clear message and writes nothing', async () => {
    const { s, text } = await seeded();
    const before = await dump(s);
    const file = JSON.parse(text);
    const edit = (f: (x: typeof file) => void) => {
      const c = JSON.parse(text);
      f(c);
      return JSON.stringify(c);
    };
    const cases: [string, string, RegExp][] = [
      ['empty', '   ', /empty/],
      ['not-json', text.slice(0, text.length / 2), /not valid JSON/],
      ['not-kubeplay', JSON.stringify({ hello: 'world' }), /not a kubeplay file/],
      ['wrong-kind', JSON.stringify({ ...file, kubeplay: 'lesson-pack' }), /"lesson-pack"/],
      ['version', JSON.stringify({ ...file, version: 2 }), /newer kubeplay/],
      ['version', JSON.stringify({ ...file, version: '1' }), /Unsupported format version/],
      ['invalid', edit((c) => (c.state.cluster.store.revision = 'abc')), /revision/],
      ['invalid', edit((c) => (c.state.cluster.store.resources.pods = { not: 'a list' })), /must be an array/],
      ['invalid', edit((c) => delete c.state.cluster.store.resources.pods[0].metadata.name), /metadata\.name: must be a string/],
      ['invalid', edit((c) => c.state.cluster.store.resources.pods.push(c.state.cluster.store.resources.pods[0])), /duplicate object/],
      ['invalid', edit((c) => (c.state.cluster.store.resources.pods[0].metadata.resourceVersion = '999999')), /resourceVersion/],
      ['invalid', edit((c) => (c.state.files.entries = [{ path: '../../etc/passwd', type: 'file', mtime: 0, content: '' }])), /absolute normalised path/],
      ['invalid', edit((c) => (c.state.files.entries[0].type = 'symlink')), /"file" or "dir"/],
      ['invalid', edit((c) => (c.state.history = 'rm -rf /')), /history: must be an array/],
      ['invalid', edit((c) => delete c.state.cluster), /state\.cluster: must be an object/],
      ['invalid', edit((c) => (c.playground.name = '')), /playground\.name/],
      ['unsafe', text.replace('"metadata":{', '"metadata":{"__proto__":{"polluted":true},'), /forbidden key "__proto__"/],
      ['unsafe', text.replace('"spec":{', '"spec":{"constructor":{"prototype":{"x":1}},'), /forbidden key "constructor"/],
      ['unsafe', '{"kubeplay":"playground","version":1,"x":' + '['.repeat(200) + ']'.repeat(200) + '}', /nested deeper/],
    ];
    for (const [code, t, msg] of cases) {
      const r = await importFile(s, t);
      expect(r.ok, code).toBe(false);
      if (r.ok) continue;
      expect(r.error.code, t.slice(0, 80)).toBe(code);
      expect(r.error.message.en).toMatch(msg);
      expect(r.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await dump(s)).toBe(before);
    s.close();
  });

  it('refuses files over the size limit before parsing them', () => {
    const r = parseImport('{"kubeplay":"playground","pad":"' + 'x'.repeat(100) + '"}', { maxBytes: 50 });
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(!r.ok && r.error.message.en).toMatch(/larger than/);
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
  });

  it('refuses a progress file where a playground is expected', async () => {
    const r = parseImport(JSON.stringify({ kubeplay: 'progress', version: 1, exportedAt: '', progress: [] }), { expect: 'playground' });
    expect(r).toMatchObject({ ok: false, error: { code: 'wrong-kind' } });
  });
});

describe('share links', () => {
  it('encodes a playground compressed and decodes it back', async () => {
    const pg = await playgroundWithDeployment();
    const state = stateOf(pg);
    const token = await encodeShare({ kind: 'playground', name: 'demo', state });
    expect(token).toMatch(/^z\.[A-Za-z0-9_-]+$/);
    const raw = JSON.stringify(state).length;
    console.log(`[persistence] share link for a ${Math.round(raw / 1024)} KiB playground: ${Math.round(token.length / 1024)} KiB fragment`);
    expect(token.length).toBeLessThan(raw / 3);
    const back = await decodeShare(`#share=${token}`);
    if (!back.ok || back.value.kind !== 'playground') throw new Error(JSON.stringify(back));
    expect(back.value.state).toEqual(JSON.parse(JSON.stringify(state)));
  });

  it('falls back to plain base64url without CompressionStream, and reads lesson shares', async () => {
    const share = { kind: 'lesson' as const, lesson: 'bootcamp/02-deploy', step: 3, files: { version: 1 as const, entries: [{ path: '/root/web.yaml', type: 'file' as const, mtime: 0, content: 'kind: Deployment\n中文' }] } };
    const token = await encodeShare(share, { compress: false });
    expect(token.startsWith('j.')).toBe(true);
    expect(await decodeShare(token)).toEqual({ ok: true, value: share });
  });

  it('refuses damaged, truncated and hostile links', async () => {
    const good = await encodeShare({ kind: 'playground', state: syntheticState(3) });
    const plain = await encodeShare({ kind: 'playground', state: syntheticState(3) }, { compress: false });
    const enc = async (v: unknown) => `j.${Buffer.from(JSON.stringify(v)).toString('base64url')}`;
    const cases: [string, string][] = [
      ['empty', ''],
      ['not-kubeplay', 'hello'],
      ['not-kubeplay', 'z.not base64!'],
      ['not-json', good.slice(0, good.length / 2)],
      ['not-json', plain.slice(0, plain.length / 2)],
      ['not-kubeplay', await enc({ any: 1 })],
      ['wrong-kind', await enc({ kubeplay: 'playground', version: 1 })],
      ['version', await enc({ kubeplay: 'share', version: 9, share: {} })],
      ['invalid', await enc({ kubeplay: 'share', version: 1, share: { kind: 'rootkit' } })],
      ['invalid', await enc({ kubeplay: 'share', version: 1, share: { kind: 'lesson', lesson: '../../x', step: 0 } })],
      ['invalid', await enc({ kubeplay: 'share', version: 1, share: { kind: 'playground', state: { cluster: {} } } })],
      ['unsafe', `j.${Buffer.from('{"kubeplay":"share","version":1,"share":{"__proto__":{"x":1}}}').toString('base64url')}`],
    ];
    for (const [code, t] of cases) {
      const r = await decodeShare(t);
      expect(r.ok, t.slice(0, 40)).toBe(false);
      if (!r.ok) expect(r.error.code, t.slice(0, 40)).toBe(code);
    }
  });

  it('refuses a link that inflates beyond the limit (a deflate bomb)', async () => {
    // 30 MB of spaces compresses to a few KB.
    const cs = new CompressionStream('deflate-raw');
    const w = cs.writable.getWriter();
    void w.write(new Uint8Array(30 * 1024 * 1024).fill(32));
    void w.close();
    const bytes = new Uint8Array(await new Response(cs.readable).arrayBuffer());
    const r = await decodeShare(`z.${Buffer.from(bytes).toString('base64url')}`);
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });
});
