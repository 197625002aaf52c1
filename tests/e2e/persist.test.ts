// A reload continues where the learner was: the cluster (and its virtual time) and the workspace
// come back from IndexedDB; a second tab does not write over the first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { haveChromium, launch, serveSite } from './lib';

const screen = (page: Page) => page.locator('.pane:not([hidden]) .xterm-rows').innerText();

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

async function type(page: Page, line: string) {
  await page.locator('.pane:not([hidden]) .xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test('a reload restores the cluster and the workspace; a second tab leaves them alone', { skip: !haveChromium && 'no Chromium at /usr/bin/chromium' }, async () => {
  const site = await serveSite();
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    await page.goto(site.url);
    await waitFor(page, (s) => s.includes('controlplane:~$'), 'the prompt');
    await type(page, 'kubectl create deployment saved --image=nginx:1.27');
    await waitFor(page, (s) => s.includes('deployment.apps/saved created'), 'the create');
    await type(page, 'echo kept > note.txt');
    // Let the write-behind flush (at most every second), then make the page hide and flush.
    await page.waitForTimeout(1500);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.reload();
    await waitFor(page, (s) => s.includes('controlplane:~$'), 'the prompt after reload');
    await type(page, 'kubectl get deployments -o name; cat note.txt');
    const out = await waitFor(page, (s) => s.includes('kept'), 'the restored state');
    assert.match(out, /deployment\.apps\/saved/);
    // A second tab on the same playground is told it is open elsewhere, and does not save.
    const second = await ctx.newPage();
    await second.goto(site.url);
    await second.locator('.banner').waitFor({ timeout: 15000 });
    assert.match(await second.locator('.banner').innerText(), /another tab/);
  } finally {
    await ctx.close();
    await site.close();
  }
});
