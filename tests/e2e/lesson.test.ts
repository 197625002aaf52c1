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
import { haveChromium, launch, serveSite } from './lib';

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
