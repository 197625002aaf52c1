import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore, playgroundFileText } from '../../persistence';
import { dbName, playgroundWithDeployment, stateOf } from '../../persistence/testing';
import { hasShare, openShared, playgroundLink, receive } from './share';
import { loadCatalogue } from '../i18n/translate';

describe('share links', () => {
  beforeAll(() => loadCatalogue('zh'));
  it('round-trips a playground through the fragment and opens it as a new playground', async () => {
    const pg = await playgroundWithDeployment();
    const text = playgroundFileText({ name: 'web', seed: 1, createdAt: 0 }, stateOf(pg));
    const link = await playgroundLink(text, 'http://localhost/sub/path/?x=1#old');
    if ('error' in link) throw new Error(link.error.en);
    expect(link.url.startsWith('http://localhost/sub/path/?x=1#share=z.')).toBe(true);
    // Compressed well below the JSON's size.
    expect(link.fragmentChars).toBeLessThan(text.length / 3);
    const hash = new URL(link.url).hash;
    expect(hasShare(hash)).toBe(true);
    const r = await receive(hash);
    if (!r.ok) throw new Error(r.message.en);
    expect(r.summary.en).toMatch(/^A shared playground “web” \(\d+ objects, 1 files\) is in this link\.$/);
    const store = await openStore({ name: dbName('share') });
    await store.createPlayground('Shared: web');
    const switched: string[] = [];
    const out = await openShared(store, { switchPlayground: async (o) => (switched.push(o.name), true) }, r.share as never, 'en');
    expect(out).toEqual({ name: 'Shared: web (2)' });
    expect(switched).toEqual(['Shared: web (2)']);
    const list = await store.listPlaygrounds();
    const made = list.ok ? list.value.find((m) => m.name === 'Shared: web (2)') : undefined;
    const snap = await store.loadSnapshot(made!.id);
    expect(snap.ok && snap.value?.state.cluster.store.resources['deployments.apps'].map((d) => d.metadata.name)).toContain('web');
  });
  it('lists nothing new when the switch to the shared playground fails', async () => {
    const pg = await playgroundWithDeployment();
    const link = await playgroundLink(playgroundFileText({ name: 'web', seed: 1, createdAt: 0 }, stateOf(pg)), 'http://h/');
    if ('error' in link) throw new Error(link.error.en);
    const r = await receive(new URL(link.url).hash);
    if (!r.ok) throw new Error(r.message.en);
    const store = await openStore({ name: dbName('share-fail') });
    await store.createPlayground('Playground 1');
    // The worker cannot switch (another tab owns this page's playground), or the request fails.
    for (const switchPlayground of [async () => false, async () => Promise.reject(new Error('worker gone'))]) {
      const out = await openShared(store, { switchPlayground }, r.share as never, 'en');
      expect(out).toEqual({
        error: {
          en: 'The share link was not opened: Open in another tab: switching is not possible from here. Nothing was changed.',
          zh: '分享链接未打开：已在另一个标签页中打开：无法在这里切换。没有做任何更改。',
        },
      });
      const list = await store.listPlaygrounds();
      expect(list.ok && list.value.map((m) => m.name)).toEqual(['Playground 1']);
    }
  });
  it('refuses a damaged or cut link with a message in both languages', async () => {
    const pg = await playgroundWithDeployment();
    const link = await playgroundLink(playgroundFileText({ name: 'web', seed: 1, createdAt: 0 }, stateOf(pg)), 'http://h/');
    if ('error' in link) throw new Error('link');
    const hash = new URL(link.url).hash;
    const cut = await receive(hash.slice(0, hash.length / 2));
    expect(cut.ok).toBe(false);
    expect(!cut.ok && cut.message.en).toMatch(/^The share link was not opened: .+ Nothing was changed\.$/);
    expect(!cut.ok && cut.message.zh).toMatch(/^分享链接未打开：.+没有做任何更改。$/);
    const junk = await receive('#share=j.' + Buffer.from('{"kubeplay":"share","version":1,"share":{"kind":"playground","state":{"__proto__":1}}}').toString('base64url'));
    expect(junk.ok).toBe(false);
    expect(hasShare('#nothing')).toBe(false);
  });
});
