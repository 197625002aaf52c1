// The built page boots the cluster worker and gives a working terminal: typed kubectl commands
// reach the simulated cluster. No console errors, and no request leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { haveChromium, launch, serveSite } from './lib';

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

test('the page boots the worker and runs kubectl in its terminal', { skip: !haveChromium && 'no Chromium at /usr/bin/chromium' }, async () => {
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
    await waitFor(page, (s) => s.includes('controlplane:~$'), 'the prompt');
    await page.locator('.pane:not([hidden]) .xterm').click();
    await page.keyboard.type('kubectl get nodes');
    await page.keyboard.press('Enter');
    const out = await waitFor(page, (s) => s.includes('node02'), 'kubectl get nodes');
    assert.match(out, /NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    assert.match(out, /controlplane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.0/);
    assert.match(out, /node01\s+Ready\s+<none>/);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
  } finally {
    await ctx.close();
    await site.close();
  }
});
