// The top bar keeps to one line on a laptop screen (1,280 px, and 1,024 px) in English and in
// Chinese, dark and light; its less-used actions sit in a ⋯ menu that works from the keyboard.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { haveChromium, launch, serveSite, waitForScreen, watchPage, type Site } from './lib';

const skip = !haveChromium && 'no Chromium at /usr/bin/chromium';

/** The bar's height and the tops and bottoms of its visible controls. */
async function bar(page: Page) {
  return page.getByTestId('top-bar').evaluate((h) => {
    const kids = [...h.children].map((c) => c.getBoundingClientRect()).filter((r) => r.height > 0);
    return {
      height: h.getBoundingClientRect().height,
      tallest: Math.max(...kids.map((r) => r.height)),
      tops: kids.map((r) => Math.round(r.top)),
      bottoms: kids.map((r) => Math.round(r.bottom)),
      overflows: h.scrollWidth > h.clientWidth,
    };
  });
}

describe('the top bar on a laptop screen', { skip, timeout: 180000 }, () => {
  let site: Site;
  let ctx: BrowserContext;
  before(async () => {
    site = await serveSite();
    ctx = await launch();
  });
  after(async () => {
    await ctx?.close();
    await site?.close();
  });

  for (const width of [1280, 1024])
    for (const lang of ['en', 'zh'] as const)
      for (const theme of ['dark', 'light'] as const)
        test(`one line at ${width} px, ${lang}, ${theme}`, async () => {
          const page = await ctx.newPage();
          try {
            const watched = watchPage(page, site.url);
            await page.setViewportSize({ width, height: 800 });
            await page.addInitScript(([l, t]) => (localStorage.setItem('kubeplay.lang', l), localStorage.setItem('kubeplay.theme', t)), [lang, theme]);
            await page.goto(site.url);
            await waitForScreen(page, (s) => s.includes('controlplane:~$'), 'the prompt');
            // The version is filled in after the first answer: wait for it so the bar has its final content.
            await page.getByTestId('server-version').filter({ hasText: 'v1.32.0' }).waitFor({ state: 'attached' });
            assert.equal(await page.locator('html').getAttribute('lang'), lang === 'zh' ? 'zh-CN' : 'en');
            assert.equal(await page.locator('.app').getAttribute('class').then((c) => c?.split(' ').includes(theme)), true);
            const b = await bar(page);
            // One line: one horizontal line crosses every control, and the bar is less than two controls high.
            assert.ok(b.tops.length >= 7, `controls seen: ${b.tops.length}`);
            assert.ok(Math.max(...b.tops) < Math.min(...b.bottoms), `controls on more than one line: tops ${b.tops}, bottoms ${b.bottoms}`);
            assert.ok(b.height < 2 * b.tallest, `bar ${b.height}px high for controls ${b.tallest}px high`);
            assert.equal(b.overflows, false);
            assert.deepEqual(watched.errors, []);
          } finally {
            await page.close();
          }
        });

  test('the ⋯ menu: Enter opens it on its first item, arrows move, Escape closes it and returns the focus', async () => {
    const page = await ctx.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.addInitScript(() => localStorage.setItem('kubeplay.lang', 'en'));
      await page.goto(site.url);
      await waitForScreen(page, (s) => s.includes('controlplane:~$'), 'the prompt');
      const more = page.getByTestId('more-button');
      assert.equal(await more.getAttribute('aria-label'), 'More actions');
      await more.focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('more-menu').waitFor();
      assert.equal(await more.getAttribute('aria-expanded'), 'true');
      const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
      assert.deepEqual(await page.getByRole('menuitem').allInnerTexts(), ['Export', 'Import', 'Reset']);
      assert.equal(await focused(), 'Export');
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), 'Import');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), 'Reset');
      await page.keyboard.press('Home');
      assert.equal(await focused(), 'Export');
      assert.match(await page.getByTestId('more-menu').innerText(), /Server Version: v1\.32\.0/);
      await page.keyboard.press('Escape');
      await page.getByTestId('more-menu').waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'more-button');
      // ArrowUp on the button opens it on the last item; a click elsewhere closes it.
      await page.keyboard.press('ArrowUp');
      await page.getByTestId('more-menu').waitFor();
      assert.equal(await focused(), 'Reset');
      await page.locator('.pane:not([hidden]) .xterm').click();
      await page.getByTestId('more-menu').waitFor({ state: 'detached' });
      // In Chinese the menu speaks Chinese.
      await page.getByRole('button', { name: '中文' }).click();
      await more.click();
      assert.deepEqual(await page.getByRole('menuitem').allInnerTexts(), ['导出', '导入', '重置']);
      assert.equal(await more.getAttribute('aria-label'), '更多操作');
    } finally {
      await page.close();
    }
  });
});
