// Offline: after one visit the service worker (sw-plugin.ts → dist/sw.js) holds the whole app.
// The test visits the built site, waits for the service worker, shuts the server down, reloads,
// and uses the page: the prompt comes back and kubectl answers; if the Monaco editor is on the
// page, its lazy chunks and workers load too. Every response comes from the service worker, no
// request fails, and no request ever leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { haveChromium, launch, serveSite, type Site } from './lib';

async function screen(page: Page): Promise<string> {
  return page.locator('.pane:not([hidden]) .xterm-rows').innerText();
}

async function waitFor(page: Page, pred: (text: string) => boolean, what: string, ms = 20000): Promise<string> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    last = await screen(page);
    if (pred(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
}

/** The Edit button of the main page, when the editor is there. */
function editButton(page: Page) {
  return page.locator('[data-testid=edit], [data-testid=edit-button]').or(page.getByRole('button', { name: 'Edit', exact: true })).first();
}

test('the built sw.js precaches every emitted file', () => {
  const sw = readFileSync('dist/sw.js', 'utf8');
  const files = JSON.parse(/^const FILES = (.*);$/m.exec(sw)![1]) as string[];
  const html = readFileSync('dist/index.html', 'utf8');
  assert.ok(files.includes('index.html'));
  for (const m of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) assert.ok(files.includes(m[1]), `${m[1]} is precached`);
  assert.ok(files.some((f) => /^assets\/worker-.*\.js$/.test(f)), 'the cluster worker is precached');
  assert.match(sw, /const VERSION = "[0-9a-f]{16}";/);
});

/** dist/ served under a sub-path, as a static host would (base './' makes every URL relative). */
async function serveAt(path: string): Promise<Site> {
  const server = await preview({ base: path, build: { outDir: 'dist' }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
  const addr = server.httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}${path}`, server, close: () => server.close() };
}

const skip = !haveChromium && 'no Chromium at /usr/bin/chromium';

test('after one visit the app works with the server gone', { skip }, () => offline(serveSite(), true));
test('offline from a sub-path too', { skip }, () => offline(serveAt('/kubeplay/play/'), false));

async function offline(serving: Promise<Site>, useEditor: boolean): Promise<void> {
  const site = await serving;
  let serverOpen = true;
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    ctx.on('request', (r) => !r.url().startsWith(site.url) && !r.url().startsWith('data:') && foreign.push(r.url()));

    // First visit, online.
    await page.goto(site.url);
    await waitFor(page, (s) => s.includes('controlplane:~$'), 'the prompt');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, site.url);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(r.url);
      return { names, urls };
    });
    assert.equal(cached.names.length, 1);
    assert.match(cached.names[0], /^kubeplay-[0-9a-f]{16}$/);
    assert.ok(cached.urls.some((u) => u.endsWith('/index.html')));

    // The network goes away.
    await site.close();
    serverOpen = false;
    await assert.rejects(fetch(site.url), 'the server is really down');

    const responses: { url: string; fromSW: boolean; status: number }[] = [];
    const failed: string[] = [];
    page.on('response', (r) => !r.url().startsWith('data:') && responses.push({ url: r.url(), fromSW: r.fromServiceWorker(), status: r.status() }));
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));

    await page.reload();
    await waitFor(page, (s) => s.includes('controlplane:~$'), 'the prompt, offline');
    await page.locator('.pane:not([hidden]) .xterm').click();
    await page.keyboard.type('kubectl get nodes');
    await page.keyboard.press('Enter');
    const out = await waitFor(page, (s) => s.includes('node02'), 'kubectl get nodes, offline');
    assert.match(out, /controlplane\s+Ready\s+control-plane/);

    // The lazy editor, when the page has one: Monaco's chunks and workers come from the cache too.
    // A new YAML file makes Monaco start both of its workers (editor and monaco-yaml).
    const edit = editButton(page);
    if (useEditor && (await edit.count())) {
      await edit.click();
      await page.locator('[data-testid=editor-new]:not([disabled])').waitFor({ timeout: 30000 });
      await page.getByTestId('editor-new').click();
      await page.getByTestId('editor-new-name').fill('offline.yaml');
      await page.getByTestId('editor-new-name').press('Enter');
      await page.locator('.monaco-editor').first().waitFor({ timeout: 30000 });
      await page.locator('.monaco-editor textarea').first().focus();
      await page.keyboard.type('kind: Deployment\n');
      const end = Date.now() + 20000;
      while (!responses.some((r) => /yaml\.worker-[^/]*\.js$/.test(r.url)) && Date.now() < end) await page.waitForTimeout(100);
      assert.ok(responses.some((r) => /editor\.worker-[^/]*\.js$/.test(r.url)), "Monaco's editor worker loaded offline");
      assert.ok(responses.some((r) => /yaml\.worker-[^/]*\.js$/.test(r.url)), 'the monaco-yaml worker loaded offline');
    }

    if (process.env.DEBUG_OFFLINE) console.log(responses);
    assert.ok(responses.some((r) => r.url.endsWith('.js')), 'scripts were loaded');
    assert.deepEqual(responses.filter((r) => !r.fromSW), [], 'every response comes from the service worker');
    assert.deepEqual(responses.filter((r) => r.status !== 200), [], 'every response is a 200');
    assert.deepEqual(failed, [], 'no request failed');
    assert.deepEqual(foreign, [], 'no request left the origin');
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await ctx.close();
    if (serverOpen) await site.close();
  }
}
