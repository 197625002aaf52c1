// The cluster view in the full app (the built index.html) follows the cluster: a deployment
// created in the terminal and scaled (once by the view's + button, then to 4 with kubectl scale)
// shows 4 running pods in the nodes and under its ReplicaSet; the flow timeline tells who did
// what; a pod's detail panel shows its YAML, events and the scheduler's real decision; deleting a
// pod, cordoning a node, and stopping a node (then fast-forwarding 10 minutes with the time
// controls) turn it NotReady and its pods Terminating while replacements run elsewhere. The
// update time at 1,000 pods is measured in clusterview-bench.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { haveChromium, launch, serveSite, typeLine, waitForScreen, watchPage } from './lib';

async function until<T>(page: Page, what: string, f: () => Promise<T | undefined | false>, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await f();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    await page.waitForTimeout(150);
  }
  throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
}

/** Pod chips under the web deployment's ReplicaSets: name → STATUS. */
async function webPods(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-deployment="web"] [data-pod]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-pod'), e.getAttribute('data-status')])));
}

test('the cluster view in the full app follows a scale-up and a node stop', { skip: !haveChromium && 'no Chromium at /usr/bin/chromium', timeout: 180000 }, async () => {
  const site = await serveSite();
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1500, height: 1000 });
    const watched = watchPage(page, site.url);
    await page.goto(site.url);
    await waitForScreen(page, (s) => s.includes('controlplane:~$'), 'the prompt', 30000);
    await page.getByRole('button', { name: 'Cluster', exact: true }).click();

    // nodes appear, and the virtual clock is shown
    await page.locator('[data-node="node01"]').waitFor({ timeout: 60000 });
    await page.locator('[data-node="node02"]').waitFor();
    await until(page, 'the virtual time', async () => /^\d\d:\d\d:\d\d$/.test((await page.getByTestId('virtual-time').textContent()) ?? ''));

    // play at 10× so pulls and starts take little real time
    await page.getByRole('button', { name: 'Play at 10×' }).click();

    // create a deployment in the terminal
    await typeLine(page, 'kubectl create deployment web --image=nginx:1.27');
    await waitForScreen(page, (s) => s.includes('deployment.apps/web created'), 'the create');
    await until(page, 'the first pod running', async () => Object.values(await webPods(page)).filter((s) => s === 'Running').length === 1);

    // scale with the view's + button, then to 4 through the scale subresource
    await page.getByRole('button', { name: 'Scale web up' }).click();
    await until(page, 'two pods', async () => Object.keys(await webPods(page)).length === 2);
    await typeLine(page, 'kubectl scale deployment web --replicas=4');
    await waitForScreen(page, (s) => s.includes('deployment.apps/web scaled'), 'the scale');
    const four = await until(page, '4 running pods', async () => {
      const pods = await webPods(page);
      return Object.values(pods).length === 4 && Object.values(pods).every((s) => s === 'Running') && pods;
    });
    // the same pods sit in the node boxes
    const inNodes = await page.$$eval('[data-node] [data-pod^="web-"]', (els) => els.map((e) => e.getAttribute('data-pod')));
    assert.deepEqual(inNodes.sort(), Object.keys(four).sort());
    assert.match((await page.locator('[data-deployment="web"]').textContent()) ?? '', /4\/4/);

    // the flow timeline told the story
    const story = (await page.getByTestId('timeline').textContent()) ?? '';
    assert.match(story, /a client \(kubectl\) created Deployment web/);
    assert.match(story, /apiserver stored Pod web-/);
    assert.match(story, /deployment controller scaled web-\w+ from 2 to 4/);
    assert.match(story, /scheduler bound web-\S+ to node0\d/);
    assert.match(story, /kubelet node0\d (pulled|found) nginx:1\.27/);
    assert.match(story, /kubelet node0\d started container nginx/);

    // click a pod: the side panel shows its YAML and events
    const first = Object.keys(four).sort()[0];
    await page.locator(`[data-node] [data-pod="${first}"]`).click();
    await until(page, 'the YAML', async () => ((await page.getByTestId('detail-yaml').textContent()) ?? '').includes(`name: ${first}`));
    await page.getByRole('tab', { name: 'Events' }).click();
    await until(page, 'the events', async () => /Scheduled/.test((await page.getByTestId('detail-panel').textContent()) ?? ''));
    // selecting filtered the timeline to that pod
    assert.equal(await page.getByTestId('timeline-filter').inputValue(), first);
    // why the scheduler placed it there: the worker's per-node filter and score table
    await page.getByRole('tab', { name: 'Scheduling' }).click();
    const placed = await until(page, 'the decision', async () => {
      const text = (await page.getByTestId('detail-panel').textContent()) ?? '';
      return /Placed on node0\d/.test(text) && /TaintToleration/.test(text) && text;
    });
    const podNode = await page.$eval(`[data-node] [data-pod="${first}"]`, (e) => e.closest('[data-node]')!.getAttribute('data-node'));
    assert.match(placed, new RegExp(`Placed on ${podNode}`));
    // delete the pod from the panel: it terminates and the ReplicaSet replaces it
    await page.locator('[data-action="delete-pod"]').click();
    await until(page, 'the deleted pod terminating or gone', async () => {
      const s = (await webPods(page))[first];
      return s === undefined || s === 'Terminating';
    });
    await until(page, 'a replacement running', async () => Object.entries(await webPods(page)).filter(([n, s]) => n !== first && s === 'Running').length === 4);
    await page.getByTestId('detail-gone').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    // the timeline's filter, in its own panel: cleared, then back to the cluster
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    await page.getByTestId('timeline-filter').fill('');
    await page.getByRole('button', { name: 'Cluster', exact: true }).click();

    // cordon and uncordon node02
    await page.locator('[data-node="node02"] footer button', { hasText: 'Cordon' }).click();
    await page.locator('[data-node="node02"].cordoned').waitFor();
    await page.locator('[data-node="node02"] footer button', { hasText: 'Uncordon' }).click();
    await until(page, 'node02 uncordoned', async () => !(await page.locator('[data-node="node02"]').getAttribute('class'))?.includes('cordoned'));
    await until(page, 'the cordon in the timeline', async () => /node node02 cordoned[\s\S]*node node02 uncordoned/.test((await page.getByTestId('timeline').textContent()) ?? ''));

    // stop the node holding the most web pods, then fast-forward 10 minutes
    const byNode = await page.$$eval('[data-node]', (els) => els.map((e) => [e.getAttribute('data-node'), e.querySelectorAll('[data-pod^="web-"]:not([data-status="Terminating"])').length] as [string, number]));
    const [victim] = byNode.sort((a, b) => b[1] - a[1])[0];
    const victims = await page.$$eval(`[data-node="${victim}"] [data-pod^="web-"]:not([data-status="Terminating"])`, (els) => els.map((e) => e.getAttribute('data-pod')!));
    assert.ok(victims.length > 0);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator(`[data-node="${victim}"] [data-action="stop"]`).click();
    await page.locator(`[data-node="${victim}"].stopped`).waitFor();
    await page.getByRole('button', { name: 'Fast-forward 5 minutes' }).click();
    await page.getByRole('button', { name: 'Fast-forward 5 minutes' }).click();
    await until(page, `${victim} NotReady`, async () => (await page.locator(`[data-node="${victim}"]`).getAttribute('data-ready')) === 'false');
    await until(page, 'its pods Terminating (or gone) and 4 replacements running', async () => {
      const pods = await webPods(page);
      const old = victims.map((v) => pods[v]);
      const running = Object.entries(pods).filter(([n, s]) => s === 'Running' && !victims.includes(n) && n !== first);
      return old.every((s) => s === undefined || s === 'Terminating') && running.length === 4;
    });
    const after = (await page.getByTestId('timeline').textContent()) ?? '';
    assert.match(after, new RegExp(`node ${victim} stopped`));
    assert.match(after, new RegExp(`node controller marked ${victim} NotReady`));
    assert.match(after, /taint eviction controller evicted web-/);

    // Chinese
    await page.getByRole('button', { name: '中文' }).click();
    await until(page, 'Chinese labels', async () => ((await page.getByTestId('timeline').textContent()) ?? '').includes('流程时间线'));
    assert.deepEqual(watched.errors, []);
    assert.deepEqual(watched.foreign, []);
  } finally {
    await ctx.close();
    await site.close();
  }
});
