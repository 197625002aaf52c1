// The terminal on its own: builds src/ui/terminal/demo.html (Terminal.svelte + a fake in-page
// Session) into a temporary folder, serves it with vite preview and types into it in Chromium.
// The screen is read back through xterm's buffer and its screen-reader DOM.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { BrowserContext, Page } from 'playwright-core';
import { haveChromium, launch } from './lib';

const skip = !haveChromium && 'no Chromium at /usr/bin/chromium';

describe('terminal (demo page)', { skip }, () => {
  let outDir = '';
  let server: PreviewServer;
  let url = '';
  let ctx: BrowserContext;

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'kubeplay-terminal-demo-'));
    await build({
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, rolldownOptions: { input: 'src/ui/terminal/demo.html' } },
    });
    server = await preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
    const addr = server.httpServer.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/src/ui/terminal/demo.html`;
    ctx = await launch();
  });

  after(async () => {
    await ctx?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function open(query = ''): Promise<{ page: Page; errors: string[]; foreign: string[] }> {
    const page = await ctx.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => !r.url().startsWith(url.replace(/\/src\/.*$/, '')) && !r.url().startsWith('data:') && foreign.push(r.url()));
    await page.goto(url + query);
    await page.waitForFunction(() => !!window.kubeplayTerminal, null, { timeout: 15000 });
    await page.click('.xterm');
    return { page, errors, foreign };
  }

  const screen = (page: Page) => page.evaluate(() => window.kubeplayTerminal!.screenText());

  async function waitScreen(page: Page, want: (rows: string[]) => boolean, what: string): Promise<string[]> {
    const deadline = Date.now() + 5000;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = await screen(page);
      if (want(rows)) return rows;
      await page.waitForTimeout(20);
    }
    assert.fail(`screen never showed ${what}:\n${rows.join('\n')}`);
  }

  const last = (rows: string[]) => rows[rows.length - 1] ?? '';
  const PROMPT = 'controlplane:~$ ';

  test('first prompt, typing, output, history, completion, Ctrl-C, Ctrl-R', async () => {
    const { page, errors, foreign } = await open();
    assert.ok(await page.evaluate(() => performance.getEntriesByName('terminal-prompt').length === 1), 'terminal-prompt mark');
    await waitScreen(page, (r) => last(r) === PROMPT.trimEnd(), 'the prompt');

    await page.keyboard.type('echo hello   world');
    await page.keyboard.press('Enter');
    let rows = await waitScreen(page, (r) => r.includes('hello world') && last(r) === PROMPT.trimEnd(), 'echo output');
    assert.deepEqual(rows.slice(-3), [PROMPT + 'echo hello   world', 'hello world', PROMPT.trimEnd()]);

    // Editing keys: Home, word moves, Ctrl-K.
    await page.keyboard.type('echo two three');
    await page.keyboard.press('Alt+b');
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Home');
    await page.keyboard.type('x');
    await page.keyboard.press('Delete');
    await waitScreen(page, (r) => last(r) === PROMPT + 'xcho two', 'edited line');
    await page.keyboard.press('End');
    await page.keyboard.press('Control+u');

    // Tab completes a single candidate; two Tabs list several.
    await page.keyboard.type('kubectl ge');
    await page.keyboard.press('Tab');
    await waitScreen(page, (r) => last(r) === PROMPT + 'kubectl get', 'completed verb');
    await page.keyboard.press('Enter');
    await waitScreen(page, (r) => r.some((l) => l.startsWith('web    1/1     Running')) && last(r) === PROMPT.trimEnd(), 'kubectl output');
    await page.keyboard.type('kubectl de');
    await page.keyboard.press('Tab');
    await page.waitForTimeout(50);
    await page.keyboard.press('Tab');
    rows = await waitScreen(page, (r) => r.some((l) => /^delete\s+deploy\s+describe$/.test(l)), 'candidate list');
    assert.equal(last(rows), PROMPT + 'kubectl de');
    await page.keyboard.press('Control+c');
    await waitScreen(page, (r) => r[r.length - 2] === PROMPT + 'kubectl de^C' && last(r) === PROMPT.trimEnd(), '^C at the prompt');

    // History: Up recalls; Ctrl-R searches.
    await page.keyboard.press('ArrowUp');
    await waitScreen(page, (r) => last(r) === PROMPT + 'kubectl get', 'recalled line');
    await page.keyboard.press('Control+u');
    await page.keyboard.press('Control+r');
    await page.keyboard.type('hello');
    await waitScreen(page, (r) => last(r) === "(reverse-i-search)`hello': echo hello   world", 'reverse search');
    await page.keyboard.press('Control+g');
    await waitScreen(page, (r) => last(r) === PROMPT.trimEnd(), 'search aborted');

    // A running command: Ctrl-C interrupts it and the prompt comes back.
    await page.keyboard.type('watch');
    await page.keyboard.press('Enter');
    await waitScreen(page, (r) => r.includes('tick 2'), 'streamed output');
    await page.keyboard.type('q');
    await page.keyboard.press('Control+c');
    rows = await waitScreen(page, (r) => last(r) === PROMPT.trimEnd() && r.some((l) => l.endsWith('^C')), 'interrupted watch');
    assert.deepEqual(await page.evaluate(() => window.kubeplayTerminalInputs), ['q']);

    // The screen-reader DOM holds the text too.
    await page.waitForFunction(() => /hello world/.test(document.querySelector('.xterm-accessibility-tree')?.textContent ?? ''), null, { timeout: 5000 });

    // History is saved for the next visit.
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('demo-history') ?? '[]'));
    assert.deepEqual(saved, ['echo hello   world', 'kubectl get ', 'watch']);

    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    await page.close();
  });

  test('history persists across reloads; paste runs each line; nested read-line; wrapping; CJK', async () => {
    const { page, errors } = await open();
    await page.keyboard.press('ArrowUp');
    await waitScreen(page, (r) => last(r) === PROMPT + 'watch', 'history from the last visit');
    await page.keyboard.press('Control+u');

    // Paste through the browser's paste event: every line runs in turn.
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'echo one\necho two\n');
      document.querySelector('.xterm textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    let rows = await waitScreen(page, (r) => r.includes('two') && last(r) === PROMPT.trimEnd(), 'pasted lines');
    assert.deepEqual(rows.slice(-5), [PROMPT + 'echo one', 'one', PROMPT + 'echo two', 'two', PROMPT.trimEnd()]);

    // A program with its own prompt.
    await page.keyboard.type('ask');
    await page.keyboard.press('Enter');
    await waitScreen(page, (r) => last(r) === '/ #', 'nested prompt');
    await page.keyboard.type('ls');
    await page.keyboard.press('Enter');
    await waitScreen(page, (r) => r.includes('sh: ls') && last(r) === '/ #', 'nested output');
    await page.keyboard.press('Control+d');
    await waitScreen(page, (r) => last(r) === PROMPT.trimEnd(), 'back at the top prompt');

    // A line longer than the terminal wraps, and editing at its start keeps it intact.
    const cols = await page.evaluate(() => window.kubeplayTerminal!.term.cols);
    const long = 'echo ' + 'abcdefghij'.repeat(Math.ceil(cols / 10) + 1);
    await page.keyboard.type(long);
    await page.keyboard.press('Home');
    await page.keyboard.press('Delete');
    await page.keyboard.type('E');
    rows = await waitScreen(page, (r) => r.join('').includes(PROMPT + 'E' + long.slice(1)), 'wrapped line');
    const cursor = await page.evaluate(() => {
      const b = window.kubeplayTerminal!.term.buffer.active;
      return { x: b.cursorX, y: b.cursorY + b.viewportY };
    });
    assert.equal(rows[cursor.y].slice(0, cursor.x), PROMPT + 'E');
    await page.keyboard.press('Control+c');

    // Wide characters (as an input method delivers them: xterm's onData with the composed text).
    await page.keyboard.type('echo ');
    await page.evaluate(() => window.kubeplayTerminal!.term.input('中文'));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('x');
    await waitScreen(page, (r) => last(r) === PROMPT + 'echo 中x文', 'CJK editing');
    await page.keyboard.press('Enter');
    await waitScreen(page, (r) => r.includes('中x文'), 'CJK output');

    assert.deepEqual(errors, []);
    await page.close();
  });

  test('light theme and links', async () => {
    const { page, errors } = await open('?theme=light');
    const bg = await page.evaluate(() => window.kubeplayTerminal!.term.options.theme?.background);
    assert.equal(bg, '#ffffff');
    await page.keyboard.type('link');
    await page.keyboard.press('Enter');
    await waitScreen(page, (r) => r.includes('docs: https://kubernetes.io/docs/home/'), 'link output');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
