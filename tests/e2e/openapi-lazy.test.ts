// The cluster worker starts without the full OpenAPI schemas (src/worker/schema-source.ts): they
// are a separate file, prefetched after the first prompt, read synchronously when a request needs
// them earlier, and precached for offline use. `kubectl explain` answers the same in every case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, clearScreen, haveChromium, launch, screen, serveSite, typeLine, waitForScreen } from './lib';

const skip = !haveChromium && 'no Chromium at /usr/bin/chromium';
const prompt = (s: string) => s.includes('controlplane:~$');
const explained = (s: string) => /FIELD: +replicas <integer>/.test(s) && /Number of desired pods/.test(s);

test('the worker script leaves the schema documentation in a separate, precached file', () => {
  const assets = readdirSync('dist/assets');
  const worker = assets.find((f) => /^worker-.*\.js$/.test(f));
  const schemas = assets.find((f) => /^k8s-schemas-.*\.json$/.test(f));
  assert.ok(worker && schemas, `assets: ${assets.join(' ')}`);
  const js = readFileSync(`dist/assets/${worker}`, 'utf8');
  assert.doesNotMatch(js, /Pod is a collection of containers/);
  assert.match(readFileSync(`dist/assets/${schemas}`, 'utf8'), /Pod is a collection of containers/);
  assert.ok(readFileSync('dist/sw.js', 'utf8').includes(`assets/${schemas}`), 'the schemas are precached');
});

test('kubectl explain works before the prefetch: the worker reads the file synchronously', { skip }, async () => {
  const site = await serveSite();
  // No service worker here, so every request for the file passes the route below.
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'kubeplay-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    serviceWorkers: 'block',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // The background prefetch fails: the first explain must read the file synchronously.
    const kinds: string[] = [];
    await ctx.route(/k8s-schemas-.*\.json$/, (route) => {
      const kind = route.request().resourceType();
      kinds.push(kind);
      return kind === 'fetch' ? route.abort() : route.continue();
    });
    await page.goto(site.url);
    await waitForScreen(page, prompt, 'the prompt');
    for (let i = 0; i < 150 && !kinds.length; i++) await page.waitForTimeout(100); // the prefetch, 2 s after start
    assert.deepEqual(kinds, ['fetch']);
    await typeLine(page, 'kubectl explain deployment.spec.replicas');
    await waitForScreen(page, explained, 'kubectl explain (synchronous read)');
    assert.deepEqual(kinds, ['fetch', 'xhr']);
    // Loaded once: a second explain makes no request.
    await clearScreen(page);
    await waitForScreen(page, (s) => !explained(s), 'a clear screen');
    await typeLine(page, 'kubectl explain deployment.spec.replicas');
    await waitForScreen(page, explained, 'kubectl explain again');
    assert.deepEqual(kinds, ['fetch', 'xhr']);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    await site.close();
  }
});

test('kubectl explain works after the prefetch, and offline from the service worker', { skip }, async () => {
  const site = await serveSite();
  let open = true;
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(site.url);
    await waitForScreen(page, prompt, 'the prompt');
    await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    await page.waitForTimeout(3000); // past the prefetch
    await typeLine(page, 'kubectl explain deployment.spec.replicas');
    await waitForScreen(page, explained, 'kubectl explain (prefetched)');

    // Offline: the service worker serves the file.
    await site.close();
    open = false;
    await page.reload();
    await waitForScreen(page, prompt, 'the prompt offline');
    await clearScreen(page);
    await waitForScreen(page, (s) => !explained(s), 'a clear screen');
    assert.ok(prompt(await screen(page)));
    await typeLine(page, 'kubectl explain deployment.spec.replicas');
    await waitForScreen(page, explained, 'kubectl explain offline');
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    if (open) await site.close();
  }
});
