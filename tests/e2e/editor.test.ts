// The editor on its own: builds src/ui/editor/demo.html (an Edit button that mounts Editor.svelte
// over an in-page workspace) into a temporary folder, serves it with vite preview and drives it in
// Chromium. Checks that Monaco is lazy (its chunk is not fetched before the click), that the
// monaco-yaml worker really answers with the Kubernetes schema (completion, hover, markers: the
// createWebWorker shim of toolchain.md), and the tabs, Ctrl+S, Apply, Diff and kubectl edit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { BrowserContext, Page } from 'playwright-core';
import { haveChromium, launch } from './lib';

const skip = !haveChromium && 'no Chromium at /usr/bin/chromium';

// What the page can reach (typed loosely: Monaco's objects cross page.evaluate as `any`).
declare global {
  interface Window {
    kubeplayEditorDemo: {
      files: Map<string, string>;
      applied: string[];
      write(path: string, text: string): Promise<void>;
      edit(text: string, title?: string, signal?: AbortSignal): Promise<string | null>;
      handle?: {
        monaco: any;
        editor: any;
        text(): string;
        markers(): { message: string; severity: number; startLineNumber: number }[];
        openFile(path: string): Promise<void>;
      };
    };
    editResult?: Promise<string | null>;
  }
}

const POD_AT_SPEC = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  \n';

describe('editor (demo page)', { skip }, () => {
  let outDir = '';
  let server: PreviewServer;
  let origin = '';
  let url = '';
  let ctx: BrowserContext;
  let setupChunk = '';

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'kubeplay-editor-demo-'));
    await build({
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, rolldownOptions: { input: 'src/ui/editor/demo.html' } },
    });
    setupChunk = readdirSync(join(outDir, 'assets')).find((f) => /^setup-.*\.js$/.test(f)) ?? '';
    server = await preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
    const addr = server.httpServer.address();
    origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    url = `${origin}/src/ui/editor/demo.html`;
    ctx = await launch();
  });

  after(async () => {
    await ctx?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function setText(page: Page, text: string, line: number, column: number): Promise<void> {
    await page.evaluate(
      ([text, line, column]) => {
        const ed = window.kubeplayEditorDemo.handle!.editor;
        ed.setValue(text);
        ed.setPosition({ lineNumber: line, column });
        ed.focus();
      },
      [text, line, column] as const,
    );
  }

  /** Ctrl+Space until the suggest widget lists `want` (the YAML worker needs a moment to start). */
  async function suggestions(page: Page, want: string): Promise<string[]> {
    const deadline = Date.now() + 20000;
    let labels: string[] = [];
    while (Date.now() < deadline) {
      await page.keyboard.press('Control+Space');
      try {
        await page.locator('.suggest-widget.visible .monaco-list-row').first().waitFor({ timeout: 2000 });
        await page.waitForTimeout(150);
        labels = await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allTextContents();
        if (labels.includes(want)) return labels;
      } catch {
        /* not shown yet */
      }
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
    }
    assert.fail(`completion never offered ${want}; last list: ${labels.join(', ')}`);
  }

  async function markers(page: Page, want: (m: string[]) => boolean, what: string): Promise<string[]> {
    const deadline = Date.now() + 15000;
    let msgs: string[] = [];
    while (Date.now() < deadline) {
      msgs = await page.evaluate(() => window.kubeplayEditorDemo.handle!.markers().map((m) => `${m.startLineNumber}: ${m.message}`));
      if (want(msgs)) return msgs;
      await page.waitForTimeout(100);
    }
    assert.fail(`markers never showed ${what}: ${JSON.stringify(msgs)}`);
  }

  test('Monaco loads on the Edit click only; completion, hover and markers come from the Kubernetes schema', async () => {
    assert.ok(setupChunk, 'the build has a lazy setup-*.js chunk');
    const page = await ctx.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    const requested: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      requested.push(r.url());
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(url);
    await page.getByTestId('edit-button').waitFor();
    await page.waitForLoadState('networkidle');
    const before = requested.filter((u) => /setup-|editor\.worker|yaml\.worker|codicon/.test(u));
    assert.deepEqual(before, [], 'no Monaco chunk before the click');

    await page.getByTestId('edit-button').click();
    await page.waitForFunction(() => !!window.kubeplayEditorDemo.handle, null, { timeout: 30000 });
    assert.ok(requested.some((u) => u.endsWith(setupChunk)), `${setupChunk} was requested after the click`);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('monaco-ready').length), 1, 'monaco-ready mark');
    assert.deepEqual(await page.getByTestId('editor-tab').allTextContents(), ['~/web.yaml']);
    assert.match(await page.evaluate(() => window.kubeplayEditorDemo.handle!.text()), /^apiVersion: v1\nkind: Pod/);
    // YAML highlighting: Monarch tokens on the view lines.
    await page.locator('.view-lines .mtk1, .view-lines [class*="mtk"]').first().waitFor();

    // Ctrl+Space under `spec:` of a Pod offers PodSpec's fields.
    await setText(page, POD_AT_SPEC, 6, 3);
    const labels = await suggestions(page, 'containers');
    assert.ok(labels.includes('affinity') && !labels.includes('replicas'), `PodSpec's fields, no Deployment's: ${labels.join(', ')}`);
    // The list is virtual: filter it to see a field further down.
    await page.keyboard.type('restartP');
    await page.locator('.suggest-widget.visible .monaco-list-row .label-name', { hasText: 'restartPolicy' }).first().waitFor();
    await page.keyboard.press('Escape');

    // Enum values: restartPolicy.
    await setText(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  restartPolicy: \n', 6, 18);
    const enums = await suggestions(page, 'OnFailure');
    assert.ok(enums.includes('Always') && enums.includes('Never'), enums.join(', '));
    await page.keyboard.press('Escape');

    // Markers: an unknown field, a wrong type, a missing required field.
    await setText(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n  colour: blue\n', 1, 1);
    const unknown = await markers(page, (m) => m.some((x) => /colour/.test(x)), 'the unknown field');
    assert.ok(unknown.some((x) => x.startsWith('9: ') && /Property colour is not allowed/.test(x)), unknown.join('\n'));
    await page.locator('.view-overlays .squiggly-error, .view-overlays .squiggly-warning, .view-overlays [class*="squiggly"]').first().waitFor({ timeout: 10000 });

    await setText(page, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n  selector: {}\n  template:\n    spec:\n      restartPolicy: Always\n', 1, 1);
    const typed = await markers(page, (m) => m.some((x) => x.startsWith('6: ')) && m.some((x) => /containers/.test(x)), 'wrong type and missing containers');
    assert.ok(typed.some((x) => x.startsWith('6: ') && /Incorrect type. Expected "integer"/.test(x)), typed.join('\n'));
    assert.ok(typed.some((x) => /Missing property "containers"/.test(x)), typed.join('\n'));

    // A wrong apiVersion for a known kind.
    await setText(page, 'apiVersion: v1\nkind: Deployment\nmetadata:\n  name: web\n', 1, 1);
    const wrongVersion = await markers(page, (m) => m.some((x) => /apps\/v1/.test(x)), 'the apiVersion hint');
    assert.ok(wrongVersion.some((x) => x.startsWith('1: ')), wrongVersion.join('\n'));

    // Hover: the field's description.
    await setText(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: []\n', 6, 5);
    const deadline = Date.now() + 15000;
    let hover = '';
    while (Date.now() < deadline && !/List of containers belonging to the pod/.test(hover)) {
      await page.evaluate(() => window.kubeplayEditorDemo.handle!.editor.trigger('test', 'editor.action.showHover', {}));
      await page.waitForTimeout(300);
      hover = (await page.locator('.monaco-hover').allTextContents()).join(' ');
    }
    assert.match(hover, /List of containers belonging to the pod/);

    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    await page.close();
  });

  test('tabs, Ctrl+S, changes from the shell, Apply, Diff and kubectl edit', async () => {
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.getByTestId('edit-button').click();
    await page.waitForFunction(() => !!window.kubeplayEditorDemo.handle, null, { timeout: 30000 });

    // Edit and save with Ctrl+S: the workspace has the text; the dirty mark comes and goes.
    await page.evaluate(() => {
      const ed = window.kubeplayEditorDemo.handle!.editor;
      ed.setPosition({ lineNumber: 4, column: 12 });
      ed.focus();
    });
    await page.keyboard.type('-v2');
    await page.getByTestId('editor-tab').filter({ hasText: '●' }).waitFor();
    await page.keyboard.press('Control+s');
    await page.getByTestId('editor-tab').filter({ hasText: '●' }).waitFor({ state: 'detached' });
    assert.match(await page.evaluate(() => window.kubeplayEditorDemo.files.get('/root/web.yaml')!), /name: web-v2\n/);

    // A change from the shell reloads a clean tab.
    await page.evaluate(() => window.kubeplayEditorDemo.write('/root/web.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: from-shell\n'));
    await page.waitForFunction(() => window.kubeplayEditorDemo.handle!.text().includes('from-shell'));

    // New file: a second tab, written to the workspace.
    await page.getByTestId('editor-new').click();
    await page.getByTestId('editor-new-name').fill('svc.yaml');
    await page.getByTestId('editor-new-name').press('Enter');
    await page.getByTestId('editor-tab').filter({ hasText: '~/svc.yaml' }).waitFor();
    assert.equal(await page.evaluate(() => window.kubeplayEditorDemo.files.get('/root/svc.yaml')), '');
    await page.evaluate(() => window.kubeplayEditorDemo.handle!.editor.setValue('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n'));

    // Apply saves, then sends the text; the output is shown.
    await page.getByTestId('editor-apply').click();
    await page.getByTestId('editor-output').filter({ hasText: 'service/web created' }).waitFor();
    assert.match(await page.evaluate(() => window.kubeplayEditorDemo.files.get('/root/svc.yaml')!), /kind: Service/);
    assert.equal(await page.evaluate(() => window.kubeplayEditorDemo.applied.length), 1);

    // Diff: Monaco's diff editor against the live object.
    await page.getByTestId('editor-tab').filter({ hasText: '~/web.yaml' }).click();
    await page.getByTestId('editor-diff').click();
    await page.getByTestId('editor-output').filter({ hasText: '+++ merged' }).waitFor();
    await page.locator('[data-testid="editor-diffview"] .monaco-diff-editor').waitFor();

    // kubectl edit: Save resolves with the edited text, Cancel with null.
    await page.evaluate(() => {
      window.editResult = window.kubeplayEditorDemo.edit('# Please edit the object below.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n', 'pod/web');
    });
    await page.getByTestId('editor-tab').filter({ hasText: 'kubectl edit pod/web' }).waitFor();
    await page.evaluate(() => {
      const ed = window.kubeplayEditorDemo.handle!.editor;
      ed.setPosition({ lineNumber: 5, column: 12 });
      ed.focus();
    });
    await page.keyboard.type('-edited');
    await page.keyboard.press('Control+s');
    assert.match((await page.evaluate(() => window.editResult!))!, /name: web-edited\n/);
    await page.getByTestId('editor-tab').filter({ hasText: 'kubectl edit' }).waitFor({ state: 'detached' });

    await page.evaluate(() => {
      window.editResult = window.kubeplayEditorDemo.edit('apiVersion: v1\nkind: Pod\n', 'pod/web');
    });
    await page.getByTestId('editor-cancel').click();
    assert.equal(await page.evaluate(() => window.editResult!), null);

    // kubectl gives up (Ctrl-C): the tab closes and the request resolves null. Title from the text.
    await page.evaluate(() => {
      const ac = new AbortController();
      window.editResult = window.kubeplayEditorDemo.edit('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n', undefined, ac.signal);
      setTimeout(() => ac.abort(), 300);
    });
    await page.getByTestId('editor-tab').filter({ hasText: 'kubectl edit deployment/api' }).waitFor();
    assert.equal(await page.evaluate(() => window.editResult!), null);
    await page.getByTestId('editor-tab').filter({ hasText: 'kubectl edit' }).waitFor({ state: 'detached' });
    assert.deepEqual(await page.getByTestId('editor-tab').allTextContents(), ['~/web.yaml', '~/svc.yaml']);

    assert.deepEqual(errors, []);
    await page.close();
  });
});
