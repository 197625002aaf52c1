// The built page boots the cluster worker and shows the server's /version, with no console
// errors and no request leaving the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haveChromium, launch, serveSite } from './lib';

test('the page boots the worker and shows the cluster version', { skip: !haveChromium && 'no Chromium at /usr/bin/chromium' }, async () => {
  const site = await serveSite();
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => !r.url().startsWith(site.url) && !r.url().startsWith('data:') && foreign.push(r.url()));
    await page.goto(site.url);
    await page.getByTestId('server-version').filter({ hasText: 'v1.32.0' }).waitFor({ timeout: 15000 });
    assert.equal(await page.getByTestId('server-version').textContent(), 'Server Version: v1.32.0');
    await page.getByTestId('nodes').waitFor();
    assert.equal(await page.getByTestId('nodes').textContent(), 'Nodes: controlplane, node01, node02');
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
  } finally {
    await ctx.close();
    await site.close();
  }
});
