// The first basics lesson, completed in the browser the way a learner would: open the picker,
// choose "Create a cluster", type each step's solution into the terminal, and watch the lesson
// panel check every step (checks run on the cluster's state through the API), then the picker
// shows the lesson as done. Progress lives in IndexedDB: what localStorage held before moves there
// once (and leaves localStorage), and the record is read back from the page's database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Page } from 'playwright-core';
import { haveChromium, launch, serveSite, watchPage } from './lib';

const LESSON = 'basics/create-a-cluster';
const lesson = parse(readFileSync('lessons/01-basics/01-create-a-cluster/lesson.yaml', 'utf8')) as { id: string; steps: { id: string; solution: string[] }[] };

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

/** The last non-empty row is a bare prompt: the previous command has finished. */
const idle = (s: string) => /[#$]$/.test(s.split('\n').map((r) => r.replace(/\s+$/, '')).filter(Boolean).at(-1) ?? '');

async function typeCommand(page: Page, line: string): Promise<void> {
  await waitFor(page, idle, `a prompt before "${line}"`);
  await page.locator('.pane:not([hidden]) .xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await waitFor(page, (s) => s.includes(line) && idle(s), `"${line}" to finish`);
}

/** The lesson progress record in the page's IndexedDB (src/ui/lessons/progress-db.ts). */
function storedProgress(page: Page): Promise<Record<string, { completed: string[]; done: boolean }> | undefined> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kubeplay');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('progress').objectStore('progress').get(['#lessons', 'me']);
          get.onsuccess = () => (open.result.close(), resolve(get.result?.lessons));
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/**
 * Holds back the page's own IndexedDB connection (lesson progress, the playground list) until
 * the test calls window.__releaseIdb(), for the one page load after sessionStorage gets SLOW_IDB.
 * Only the page is slowed: the worker keeps its own connection (init scripts do not run there).
 */
const SLOW_IDB = 'kubeplay.test.slowIdb';
// Plain JavaScript: a function from this file would carry tsx's __name helper into the page.
const HOLD_PAGE_IDB = `(() => {
  if (!sessionStorage.getItem(${JSON.stringify(SLOW_IDB)})) return;
  sessionStorage.removeItem(${JSON.stringify(SLOW_IDB)});
  let release;
  const gate = new Promise((r) => (release = r));
  window.__releaseIdb = release;
  const open = IDBFactory.prototype.open;
  const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess');
  IDBFactory.prototype.open = function (...args) {
    const req = open.apply(this, args);
    Object.defineProperty(req, 'onsuccess', {
      configurable: true,
      get: () => onsuccess.get.call(req),
      set: (fn) => onsuccess.set.call(req, fn && ((ev) => void gate.then(() => fn.call(req, ev)))),
    });
    return req;
  };
})();`;

test('a lesson picked before its stored progress is read continues where the learner left it', { skip: !haveChromium && 'no Chromium at /usr/bin/chromium', timeout: 180000 }, async () => {
  const site = await serveSite();
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    const { errors } = watchPage(page, site.url);
    await page.addInitScript({ content: HOLD_PAGE_IDB });
    await page.goto(site.url);
    await waitFor(page, idle, 'the prompt');
    const panel = page.locator(`[data-testid="lesson"][data-lesson="${LESSON}"]`);
    const step = (id: string, status: string) => panel.locator(`li[data-step="${id}"][data-status="${status}"]`);
    const [first, second] = lesson.steps;

    // The first step done in the lesson's own playground, and a namespace left there.
    await page.getByTestId('lessons-button').click();
    await page.locator(`[data-testid="lesson-picker"] button[data-lesson="${LESSON}"]`).click();
    await step(first.id, 'current').waitFor({ timeout: 30000 });
    for (const line of first.solution) await typeCommand(page, line);
    await step(first.id, 'done').waitFor({ timeout: 15000 });
    await typeCommand(page, 'kubectl create namespace kept');
    for (const end = Date.now() + 15000; (await storedProgress(page))?.[LESSON]?.completed.length !== 1; await page.waitForTimeout(100)) assert.ok(Date.now() < end, 'the first step is saved');
    // Back to the sandbox (its own playground: the page reloads into it).
    // The sandbox shows at once and the reload follows when the switch is saved: wait for the
    // reload itself, or the test's own reload below races it (net::ERR_ABORTED).
    await Promise.all([page.waitForEvent('load', { timeout: 30000 }), page.getByTestId('sandbox-button').click()]);
    await page.getByTestId('sandbox').waitFor({ timeout: 30000 });
    await waitFor(page, idle, 'the sandbox prompt');

    // A visit on which the page's database answers late: the prompt does not wait for it, and the
    // picker cannot know yet that the lesson is in progress.
    await page.evaluate((flag) => sessionStorage.setItem(flag, '1'), SLOW_IDB);
    await page.reload();
    await waitFor(page, idle, 'the prompt while the progress is held back');
    assert.equal(await page.evaluate(() => typeof (window as unknown as { __releaseIdb?: unknown }).__releaseIdb), 'function');
    await page.getByTestId('lessons-button').click();
    const pick = page.locator(`[data-testid="lesson-picker"] button[data-lesson="${LESSON}"]`);
    assert.equal(await pick.getAttribute('data-state'), 'new');
    await pick.click();
    await panel.waitFor();
    // Waiting for the progress, not at step 1.
    assert.equal(await panel.locator('li[data-status="current"]').count(), 0);
    await page.evaluate(() => (window as unknown as { __releaseIdb: () => void }).__releaseIdb());

    // It continues at the second step, on the cluster the learner left (the page reloads into it).
    await step(second.id, 'current').waitFor({ timeout: 30000 });
    assert.equal(await panel.locator(`li[data-step="${first.id}"]`).getAttribute('data-status'), 'done');
    await typeCommand(page, 'kubectl get namespace kept');
    assert.match(await screen(page), /kept\s+Active/);
    assert.deepEqual((await storedProgress(page))?.[LESSON]?.completed, [first.id]);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    await site.close();
  }
});

test('the first basics lesson is completed in the browser by typing its commands', { skip: !haveChromium && 'no Chromium at /usr/bin/chromium', timeout: 120000 }, async () => {
  assert.equal(lesson.id, LESSON);
  const site = await serveSite();
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site.url);
    await waitFor(page, idle, 'the prompt');
    // Progress kept in localStorage by an earlier version moves to IndexedDB once.
    const OLD = 'basics/deploy-an-app';
    await page.evaluate((id) => {
      const l = { id, completed: ['nodes'], current: 'create', done: false, startedAt: 1, hints: {}, solutionShown: [], commands: [] };
      localStorage.setItem('kubeplay.lessons.progress', JSON.stringify({ version: 1, lessons: { [id]: l } }));
    }, OLD);
    await page.reload();
    await waitFor(page, idle, 'the prompt after the reload');
    await page.waitForFunction(() => localStorage.getItem('kubeplay.lessons.progress') === null, null, { timeout: 15000 });
    assert.deepEqual((await storedProgress(page))?.[OLD]?.completed, ['nodes']);

    // The picker: every track, the lesson not started yet.
    await page.getByTestId('lessons-button').click();
    const picker = page.getByTestId('lesson-picker');
    await picker.waitFor();
    const pick = picker.locator(`button[data-lesson="${LESSON}"]`);
    assert.equal(await pick.getAttribute('data-state'), 'new');
    assert.match(await pick.innerText(), /Create a cluster/);
    await pick.click();

    const panel = page.locator(`[data-testid="lesson"][data-lesson="${LESSON}"]`);
    await panel.waitFor();
    const step = (id: string) => panel.locator(`li[data-step="${id}"]`);
    await step(lesson.steps[0].id).and(page.locator('[data-status="current"]')).waitFor({ timeout: 15000 });
    // Click-to-run blocks are rendered from the prose.
    assert.ok((await panel.locator('button[data-run]').count()) >= 4);

    for (const s of lesson.steps) {
      assert.notEqual(await step(s.id).getAttribute('data-status'), 'done', `${s.id} is not done before its commands`);
      for (const line of s.solution) await typeCommand(page, line);
      await step(s.id).and(page.locator('[data-status="done"]')).waitFor({ timeout: 15000 });
    }

    // Every step shows as checked, the lesson as complete.
    for (const s of lesson.steps) {
      assert.equal(await step(s.id).getAttribute('data-status'), 'done', s.id);
      assert.equal(await step(s.id).locator('.check').innerText(), '✓');
    }
    await page.getByTestId('lesson-done').waitFor();
    assert.equal(await panel.getAttribute('data-done'), 'true');

    // The picker marks it done (and the progress survives a reload).
    await page.getByTestId('lessons-button').click();
    assert.equal(await picker.locator(`button[data-lesson="${LESSON}"]`).getAttribute('data-state'), 'done');
    await page.reload();
    await page.getByTestId('lessons-button').click();
    await picker.locator(`button[data-lesson="${LESSON}"][data-state="done"]`).waitFor({ timeout: 15000 });
    assert.equal(await picker.locator(`button[data-lesson="${OLD}"]`).getAttribute('data-state'), 'in-progress');
    // Kept in IndexedDB, not in localStorage.
    const stored = await storedProgress(page);
    assert.equal(stored?.[LESSON]?.done, true);
    assert.deepEqual(stored?.[LESSON]?.completed, lesson.steps.map((s) => s.id));
    assert.equal(await page.evaluate(() => localStorage.getItem('kubeplay.lessons.progress')), null);

    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    await site.close();
  }
});
