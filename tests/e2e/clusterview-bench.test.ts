// The cluster view's update time at 1,000 pods, in a production build: builds the cluster view's
// own page (src/ui/cluster/demo.html, which exposes benchClusterView) with vite into a temporary
// folder, serves it, and runs the bench in Chromium (src/ui/cluster/bench.ts says what one update
// is). Prints the figures of three runs; the best run's median must stay within a 60 Hz frame
// (16 ms). The machine's load moves these wall-clock figures a lot: read them with `uptime`.
//   node --import tsx --test tests/e2e/clusterview-bench.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { haveChromium, launch } from './lib';

interface Bench {
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  jsMedianMs: number;
  jsP95Ms: number;
  modelMedianMs: number;
  modelP95Ms: number;
  firstRenderMs: number;
  method: string;
}

test('cluster view update time at 1,000 pods (production build)', { skip: !haveChromium && 'no Chromium at /usr/bin/chromium', timeout: 240000 }, async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'kubeplay-cluster-bench-'));
  await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true, rolldownOptions: { input: 'src/ui/cluster/demo.html' } } });
  const server = await preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
  const ctx = await launch();
  try {
    const addr = server.httpServer.address();
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/src/ui/cluster/demo.html`);
    await page.locator('[data-node="node01"]').waitFor({ timeout: 60000 });
    // Pause the cluster so its own updates do not share the main thread with the bench.
    await page.getByRole('button', { name: 'Pause' }).click();
    const runs: Bench[] = [];
    for (let i = 0; i < 3; i++) runs.push(await page.evaluate(() => (window as unknown as { kubeplay: { benchClusterView(o?: object): Promise<Bench> } }).kubeplay.benchClusterView({ rounds: 60 })));
    for (const r of runs) console.log(`# 1,000 pods: median ${r.medianMs} ms, p95 ${r.p95Ms} ms, max ${r.maxMs} ms (script median ${r.jsMedianMs} / p95 ${r.jsP95Ms} ms, model median ${r.modelMedianMs} / p95 ${r.modelP95Ms} ms; first render ${r.firstRenderMs} ms)`);
    console.log(`# method: ${runs[0].method}; 3 runs`);
    // Wall-clock times on a shared machine: the least disturbed run says what the view costs.
    const best = Math.min(...runs.map((r) => r.medianMs));
    assert.ok(best <= 16, `median update ${best} ms exceeds a frame`);
  } finally {
    await ctx.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
});
