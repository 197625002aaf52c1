// Several playgrounds through the full app's top bar: create one from a topology, switch between
// them (each keeps its own cluster and files), rename with the keyboard, delete with the inline
// confirmation; export a playground to a file and import it back through the real file input (a
// damaged file is refused with the message and changes nothing); and a share link opened in a
// second browser becomes a new playground there (a damaged link is refused, nothing changes); an
// import a second tab cannot open leaves nothing behind; a renamed lesson playground stays the lesson's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { clearScreen, haveChromium, launch, serveSite, typeLine, waitForScreen, watchPage, type Site } from './lib';

const skip = !haveChromium && 'no Chromium at /usr/bin/chromium';

async function names(page: Page): Promise<string[]> {
  return page.locator('[data-testid="playground-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
}

async function openMenu(page: Page): Promise<void> {
  if ((await page.getByTestId('playgrounds-button').getAttribute('aria-expanded')) !== 'true') await page.getByTestId('playgrounds-button').click();
  await page.getByTestId('playgrounds-menu').waitFor();
  await page.locator('[data-testid="playground-item"]').first().waitFor();
}

/** Runs a line after clearing the screen and waits for `want` in its output. */
async function run(page: Page, line: string, want: RegExp | string, prompt = 'controlplane:~$'): Promise<string> {
  await clearScreen(page);
  await typeLine(page, line);
  return waitForScreen(page, (s) => (typeof want === 'string' ? s.includes(want) : want.test(s)) && s.trimEnd().endsWith(prompt.trim()), `${line} → ${want}`);
}

/** After a switch the page reloads: wait for the new page's prompt. */
async function reloaded(page: Page, prompt = 'controlplane:~$'): Promise<void> {
  await page.waitForEvent('load', { timeout: 30000 });
  await waitForScreen(page, (s) => s.includes(prompt), 'the prompt after the switch', 30000);
}

describe('playgrounds, export/import and share links (full app)', { skip, timeout: 240000 }, () => {
  let site: Site;
  let ctx: BrowserContext;
  let page: Page;
  let watched: ReturnType<typeof watchPage>;

  before(async () => {
    site = await serveSite();
    ctx = await launch();
    page = await ctx.newPage();
    watched = watchPage(page, site.url);
    await page.goto(site.url);
    await waitForScreen(page, (s) => s.includes('controlplane:~$'), 'the prompt', 30000);
  });

  after(async () => {
    await ctx?.close();
    await site?.close();
  });

  test('create from a topology, switch, rename and delete', async () => {
    await run(page, 'kubectl create deployment one --image=nginx:1.27 && echo first > a.txt', 'deployment.apps/one created');
    assert.equal(await page.getByTestId('playground-name').innerText(), 'Playground 1');

    // A new minikube playground: its own one-node cluster, no deployment, no file.
    await openMenu(page);
    await page.getByTestId('new-playground-name').fill('Mini');
    await page.getByTestId('new-playground-topology').selectOption('minikube');
    await Promise.all([reloaded(page, 'minikube:~$'), page.getByTestId('create-playground').click()]);
    assert.equal(await page.getByTestId('playground-name').innerText(), 'Mini');
    const nodes = await run(page, 'kubectl get nodes -o name; kubectl get deploy; ls', 'No resources found', 'minikube:~$');
    assert.match(nodes, /node\/minikube/);
    assert.doesNotMatch(nodes, /a\.txt|node01/);

    // A third with 4 worker nodes.
    await openMenu(page);
    await page.getByTestId('new-playground-name').fill('Four');
    await page.getByTestId('new-playground-topology').selectOption('nodes');
    await page.getByTestId('new-playground-nodes').fill('4');
    await Promise.all([reloaded(page), page.getByTestId('create-playground').click()]);
    await run(page, 'kubectl get nodes -o name | wc -l', /^5$/m);

    // Reset (confirmed): the same playground, name and topology, with a fresh cluster.
    await run(page, 'kubectl create deployment gone --image=nginx:1.27', 'deployment.apps/gone created');
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('more-button').click();
    await Promise.all([reloaded(page), page.getByRole('menuitem', { name: 'Reset' }).click()]);
    assert.equal(await page.getByTestId('playground-name').innerText(), 'Four');
    await run(page, 'kubectl get deploy; kubectl get nodes -o name | wc -l', /No resources found[\s\S]*^5$/m);

    // A taken name is refused in the form, and nothing switches.
    await openMenu(page);
    await page.getByTestId('new-playground-name').fill('mini');
    await page.getByTestId('create-playground').click();
    assert.match(await page.getByTestId('playgrounds-message').innerText(), /A playground called “mini” already exists\./);
    assert.deepEqual((await names(page)).sort(), ['Four', 'Mini', 'Playground 1']);

    // Back to the first: its deployment and file are there.
    await Promise.all([reloaded(page), page.locator('[data-testid="playground-item"][data-name="Playground 1"] [data-testid="open-playground"]').click()]);
    // Its own terminal history: Up recalls the last line typed here, not in the other playgrounds.
    await page.locator('.pane:not([hidden]) .xterm').click();
    await page.keyboard.press('ArrowUp');
    await waitForScreen(page, (s) => s.trimEnd().endsWith('$ kubectl create deployment one --image=nginx:1.27 && echo first > a.txt'), "this playground's last line");
    await page.keyboard.press('Control+U');
    await run(page, 'kubectl get deploy -o name; cat a.txt', 'first');
    assert.match(await waitForScreen(page, (s) => s.includes('first'), 'state'), /deployment\.apps\/one/);

    // Rename with the keyboard only: Tab to the item's Rename, type, Enter.
    await openMenu(page);
    const item = page.locator('[data-testid="playground-item"][data-name="Playground 1"]');
    await item.getByRole('button', { name: 'Rename' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('rename-input').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Main');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="playground-item"][data-name="Main"]').waitFor();
    assert.equal(await page.getByTestId('playground-name').innerText(), 'Main');

    // Delete another one: asks first; Cancel keeps it, the confirmation removes it.
    const four = page.locator('[data-testid="playground-item"][data-name="Four"]');
    await four.getByTestId('delete-playground').click();
    assert.match(await four.getByRole('alert').innerText(), /Delete “Four” with its cluster, files and history\?/);
    await four.getByRole('button', { name: 'Cancel' }).click();
    await four.getByTestId('delete-playground').click();
    await four.getByTestId('confirm-delete').click();
    await four.waitFor({ state: 'detached' });
    assert.deepEqual((await names(page)).sort(), ['Main', 'Mini']);

    // Delete the current one: the page moves to the other, which keeps its state.
    await page.locator('[data-testid="playground-item"][data-name="Main"] [data-testid="delete-playground"]').click();
    await Promise.all([reloaded(page, 'minikube:~$'), page.locator('[data-testid="playground-item"][data-name="Main"] [data-testid="confirm-delete"]').click()]);
    assert.equal(await page.getByTestId('playground-name').innerText(), 'Mini');
    // The keyboard alone: Enter on the button opens the menu with the focus inside; Escape closes it
    // and gives the focus back.
    await page.getByTestId('playgrounds-button').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('playgrounds-menu').waitFor();
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="playgrounds-menu"]')), true);
    assert.deepEqual(await names(page), ['Mini']);
    await page.keyboard.press('Escape');
    await page.getByTestId('playgrounds-menu').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'playgrounds-button');
    assert.deepEqual(watched.errors, []);
    assert.deepEqual(watched.foreign, []);
  });

  test('export, then import through the file input; a damaged file is refused and changes nothing', async () => {
    await run(page, 'kubectl create deployment exported --image=nginx:1.27 && echo kept > e.txt', 'deployment.apps/exported created', 'minikube:~$');
    await page.getByTestId('more-button').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Export' }).click()]);
    const dir = mkdtempSync(join(tmpdir(), 'kubeplay-export-'));
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    assert.equal(download.suggestedFilename(), 'kubeplay-mini.json');
    const text = readFileSync(file, 'utf8');
    assert.equal(JSON.parse(text).kubeplay, 'playground');

    // Change the live playground, so the import is told apart from it.
    await run(page, 'kubectl delete deployment exported && rm e.txt', 'deleted', 'minikube:~$');

    // A damaged file (cut short) and a hostile one: refused with the message, nothing written.
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, text.slice(0, Math.floor(text.length / 2)));
    await page.locator('input[type=file]').first().setInputFiles(damaged);
    const notice = page.getByTestId('notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /^The file was not imported: The file is not valid JSON \(.+\)\. Nothing was changed\.$/);
    const hostile = join(dir, 'hostile.json');
    const h = JSON.parse(text);
    h.state.cluster.store.resources.pods = [{ metadata: 'not an object' }];
    writeFileSync(hostile, JSON.stringify(h));
    await page.locator('input[type=file]').first().setInputFiles(hostile);
    await page.waitForFunction(() => /damaged/.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ''));
    assert.match(await notice.innerText(), /^The file was not imported: The file is damaged: .+ Nothing was changed\.$/);
    await openMenu(page);
    assert.deepEqual(await names(page), ['Mini']);
    await page.keyboard.press('Escape');
    await run(page, 'kubectl get deploy; ls e.txt', 'No resources found', 'minikube:~$');

    // The good file: a new playground with the exported state, opened.
    await Promise.all([reloaded(page, 'minikube:~$'), page.locator('input[type=file]').first().setInputFiles(file)]);
    assert.equal(await page.getByTestId('playground-name').innerText(), 'Mini (2)');
    const out = await run(page, 'kubectl get deploy -o name; cat e.txt', 'kept', 'minikube:~$');
    assert.match(out, /deployment\.apps\/exported/);
    await openMenu(page);
    assert.deepEqual((await names(page)).sort(), ['Mini', 'Mini (2)']);
    await page.keyboard.press('Escape');

    // Imported in a second tab, which cannot switch (this tab owns the playground): refused with
    // the reason, and the new playground is not left behind in the list.
    const tab2 = await ctx.newPage();
    try {
      await tab2.goto(site.url);
      await waitForScreen(tab2, (s) => s.includes('minikube:~$'), 'the prompt in the second tab', 30000);
      await tab2.locator('input[type=file]').first().setInputFiles(file);
      await tab2.getByTestId('notice').waitFor();
      assert.equal(await tab2.getByTestId('notice').innerText(), 'The file was not imported: Open in another tab: switching is not possible from here. Nothing was changed.');
    } finally {
      await tab2.close();
    }
    await openMenu(page);
    assert.deepEqual((await names(page)).sort(), ['Mini', 'Mini (2)']);
    await page.keyboard.press('Escape');
  });

  test('a share link opens as a new playground in another browser; a damaged one is refused', async () => {
    await run(page, 'kubectl create deployment shared --image=nginx:1.27 --replicas=2 && echo hello > shared.txt', 'deployment.apps/shared created', 'minikube:~$');
    await page.getByTestId('share-button').click();
    const linkField = page.getByTestId('share-link');
    await linkField.waitFor({ timeout: 20000 });
    const link = await linkField.inputValue();
    const size = await page.getByTestId('share-size').innerText();
    assert.ok(link.startsWith(`${site.url}#share=z.`), link.slice(0, 80));
    console.log(`# share link for this playground (minikube, 3 deployments incl. CoreDNS, ~${link.length} chars): fragment ${size}`);
    await page.keyboard.press('Escape');

    const other = await launch();
    try {
      const second = await other.newPage();
      const w2 = watchPage(second, site.url);
      // A damaged link first: refused, the page keeps its own playground.
      const cut = link.slice(0, link.length - 200);
      await second.goto(cut);
      const notice = second.getByTestId('notice');
      await notice.waitFor({ timeout: 30000 });
      assert.match(await notice.innerText(), /^The share link was not opened: The share link is damaged .+ Nothing was changed\.$/);
      assert.equal(new URL(second.url()).hash, '');
      await waitForScreen(second, (s) => s.includes('controlplane:~$'), 'the prompt', 30000);
      assert.equal(await second.getByTestId('playground-name').innerText(), 'Playground 1');

      // The real link: offered, then opened as a new playground with the shared state.
      await second.goto(link);
      const offer = second.getByTestId('share-received');
      await offer.waitFor({ timeout: 30000 });
      assert.match(await offer.innerText(), /A shared playground “Mini \(2\)” \(\d+ objects, 2 files\) is in this link\./);
      await Promise.all([reloaded(second, 'minikube:~$'), second.getByTestId('share-open').click()]);
      assert.equal(new URL(second.url()).hash, '');
      assert.equal(await second.getByTestId('playground-name').innerText(), 'Shared: Mini (2)');
      const out = await run(second, 'kubectl get deploy -o name; cat shared.txt', 'hello', 'minikube:~$');
      assert.match(out, /deployment\.apps\/shared/);
      await openMenu(second);
      assert.deepEqual((await names(second)).sort(), ['Playground 1', 'Shared: Mini (2)']);
      assert.deepEqual(w2.foreign, []);
      assert.deepEqual(w2.errors, []);
    } finally {
      await other.close();
    }
  });

  test('a lesson shared with its step and files opens at that step in another browser', async () => {
    await page.getByTestId('lessons-button').click();
    await Promise.all([reloaded(page, 'minikube:~$'), page.locator('button[data-lesson="basics/create-a-cluster"]').click()]);
    const panel = page.locator('[data-testid="lesson"][data-lesson="basics/create-a-cluster"]');
    await panel.waitFor({ timeout: 20000 });
    await run(page, 'minikube version', 'minikube version', 'minikube:~$');
    await run(page, 'minikube start && echo mine > notes.txt', 'Done!', 'minikube:~$');
    await panel.locator('li[data-step="start"][data-status="done"]').waitFor({ timeout: 15000 });
    await page.getByTestId('share-button').click();
    assert.equal(await page.getByTestId('share-what-lesson').isChecked(), true);
    await page.getByTestId('share-link').waitFor({ timeout: 20000 });
    const link = await page.getByTestId('share-link').inputValue();
    console.log(`# lesson share link: ${link.length - site.url.length} characters of fragment`);
    await page.keyboard.press('Escape');

    const other = await launch();
    try {
      const second = await other.newPage();
      await second.goto(link);
      const offer = second.getByTestId('share-received');
      await offer.waitFor({ timeout: 30000 });
      assert.match(await offer.innerText(), /A shared lesson “basics\/create-a-cluster” \(step 2\) is in this link\./);
      await Promise.all([reloaded(second, 'minikube:~$'), second.getByTestId('share-open').click()]);
      const p2 = second.locator('[data-testid="lesson"][data-lesson="basics/create-a-cluster"]');
      await p2.locator('li[data-step="start"][data-status="done"]').waitFor({ timeout: 30000 });
      assert.equal(await p2.locator('li[data-step="version"]').getAttribute('data-status'), 'current');
      await run(second, 'cat notes.txt', /^mine$/m, 'minikube:~$');
    } finally {
      await other.close();
    }
  });

  test('a lesson playground renamed in the menu stays the lesson’s', async () => {
    // This page runs the lesson's playground (the test above): rename it.
    await openMenu(page);
    const item = page.locator('[data-testid="playground-item"][data-name="Lesson basics/create-a-cluster"]');
    await item.getByRole('button', { name: 'Rename' }).click();
    await page.getByTestId('rename-input').fill('My cluster');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="playground-item"][data-name="My cluster"]').waitFor();
    // Away to another playground, then the lesson again from the picker: the renamed playground
    // opens, with the learner's file; no new one is made for the lesson.
    await Promise.all([reloaded(page, 'minikube:~$'), page.locator('[data-testid="playground-item"][data-name="Mini"] [data-testid="open-playground"]').click()]);
    assert.equal(await page.getByTestId('playground-name').innerText(), 'Mini');
    await page.getByTestId('lessons-button').click();
    // Once the picker knows the lesson is in progress (picked before, it would start over).
    const pick = page.locator('button[data-lesson="basics/create-a-cluster"][data-state="in-progress"]');
    await pick.waitFor({ timeout: 20000 });
    await Promise.all([reloaded(page, 'minikube:~$'), pick.click()]);
    await page.locator('[data-testid="lesson"][data-lesson="basics/create-a-cluster"]').waitFor({ timeout: 20000 });
    assert.equal(await page.getByTestId('playground-name').innerText(), 'My cluster');
    await run(page, 'cat notes.txt', /^mine$/m, 'minikube:~$');
    await openMenu(page);
    assert.deepEqual((await names(page)).sort(), ['Mini', 'Mini (2)', 'My cluster']);
    await page.keyboard.press('Escape');
    assert.deepEqual(watched.errors, []);
  });
});
