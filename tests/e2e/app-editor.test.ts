// The editor in the full app (the built index.html): Monaco is not loaded before the Editor
// button; a new file in the workspace gets a Deployment typed in; the Kubernetes schema offers a
// completion and marks a wrong field; Apply creates it; the terminal's `kubectl get deploy` shows
// it, and the shell sees the editor's file (`cat`). The detailed editor behaviour (tabs, Ctrl+S,
// Diff, kubectl edit) is covered on the editor's own page in editor.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { clearScreen, haveChromium, launch, serveSite, typeLine, waitForScreen, watchPage } from './lib';

const skip = !haveChromium && 'no Chromium at /usr/bin/chromium';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

/** Replaces the editor's text by pasting it (typing would auto-indent each line). */
async function setText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator('[data-testid="editor"] .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

test('the full app: write a Deployment in the editor, see completion and a marker, Apply, and kubectl get deploy shows it', { skip, timeout: 180000 }, async () => {
  const site = await serveSite();
  const ctx = await launch();
  try {
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1500, height: 900 });
    const watched = watchPage(page, site.url);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(site.url);
    await waitForScreen(page, (s) => s.includes('controlplane:~$'), 'the prompt', 30000);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(requested.filter((u) => /setup-|editor\.worker|yaml\.worker|codicon/.test(u)), [], 'no Monaco chunk before the Editor button');

    await page.getByTestId('edit').click();
    await page.getByTestId('editor-new').waitFor({ timeout: 60000 });
    await page.locator('[data-testid="editor-new"]:not([disabled])').waitFor({ timeout: 60000 });
    await page.getByTestId('editor-new').click();
    await page.getByTestId('editor-new-name').fill('web.yaml');
    await page.getByTestId('editor-new-name').press('Enter');
    await page.getByTestId('editor-tab').filter({ hasText: '~/web.yaml' }).waitFor();
    await page.locator('[data-testid="editor"] .monaco-editor').first().waitFor();

    // A completion under the Deployment's spec: DeploymentSpec's fields.
    await setText(page, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  r\n');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    const deadline = Date.now() + 30000;
    let labels: string[] = [];
    while (Date.now() < deadline && !labels.includes('replicas')) {
      await page.keyboard.press('Control+Space');
      try {
        await page.locator('.suggest-widget.visible .monaco-list-row').first().waitFor({ timeout: 2000 });
        await page.waitForTimeout(150);
        labels = await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allTextContents();
      } catch {
        /* the YAML worker is still starting */
      }
      if (!labels.includes('replicas')) {
        await page.keyboard.press('Escape');
        await page.waitForTimeout(300);
      }
    }
    // Typed "r": DeploymentSpec's fields starting with r, not PodSpec's (restartPolicy).
    assert.ok(labels.includes('replicas') && labels.includes('revisionHistoryLimit') && !labels.includes('restartPolicy'), `DeploymentSpec's fields offered: ${labels.join(', ')}`);
    await page.keyboard.press('Escape');

    // A wrong type is marked.
    await setText(page, DEPLOYMENT.replace('replicas: 2', 'replicas: two'));
    await page.locator('[data-testid="editor"] .view-overlays [class*="squiggly"]').first().waitFor({ timeout: 20000 });

    // The right text, applied: the editor says so, and the terminal sees the Deployment and the file.
    await setText(page, DEPLOYMENT);
    await page.locator('[data-testid="editor"] .view-overlays [class*="squiggly"]').first().waitFor({ state: 'detached', timeout: 20000 });
    await page.getByTestId('editor-apply').click();
    await page.getByTestId('editor-output').filter({ hasText: 'deployment.apps/web created' }).waitFor({ timeout: 20000 });

    await clearScreen(page);
    await typeLine(page, 'kubectl get deploy; grep -c nginx web.yaml');
    const out = await waitForScreen(page, (s) => /^web\s+\d\/2\s/m.test(s) && /^2$/m.test(s), 'kubectl get deploy showing web', 30000);
    assert.match(out, /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
    assert.deepEqual(watched.errors, []);
    assert.deepEqual(watched.foreign, []);
  } finally {
    await ctx.close();
    await site.close();
  }
});
