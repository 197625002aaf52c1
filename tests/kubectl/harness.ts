// The harness for the real-kubectl suite: one in-process kubeplay apiserver per suite (file or
// describe block), the real kubectl v1.32 against it, and helpers to state what kubectl must
// print. Real Kubernetes v1.32 is the specification: expected texts are what kubectl prints
// against a real apiserver (see tests/kubectl/README.md for how to add cases).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApiserver, type StartOptions, type TestApiserver } from '../lib/apiserver';
import { newKubectlEnv, normaliseAges, realKubectl, realKubectlMissing, type KubectlResult } from '../lib/kubectl';

export { normaliseAges };

export interface Ctx {
  server: TestApiserver;
  /** Runs the real kubectl (namespace default) against this suite's server. */
  kubectl(args: string[], opts?: { stdin?: string; env?: Record<string, string>; timeoutMs?: number }): Promise<KubectlResult>;
  /** Writes files (e.g. manifests for `create -f`) into this suite's work dir, kubectl's cwd. */
  files(files: Record<string, string>): void;
  /** Request log lines (`GET /api?timeout=32s 200 1ms`) since the last call. */
  requests(): string[];
}

/**
 * Declares a suite against a fresh cluster. `body` declares tests with `it` and reaches the
 * server and kubectl through `ctx` (filled in before the first test runs). Skips, saying why,
 * only when the real kubectl is not installed.
 */
export function kubectlSuite(name: string, opts: StartOptions, body: (ctx: Ctx) => void): void {
  const missing = realKubectlMissing();
  describe(name, { skip: missing }, () => {
    const log: string[] = [];
    const ctx = {} as Ctx;
    before(async () => {
      const server = await startApiserver({ ...opts, log: (l) => log.push(l) });
      const env = newKubectlEnv(server.url);
      const work = mkdtempSync(join(env.dir, 'work-'));
      ctx.server = server;
      ctx.kubectl = (args, o = {}) => realKubectl(args, { ...env, ...o, cwd: work });
      ctx.files = (files) => {
        for (const [f, text] of Object.entries(files)) writeFileSync(join(work, f), text);
      };
      ctx.requests = () => log.splice(0);
    });
    after(() => ctx.server?.close());
    body(ctx);
  });
}

export interface Expect {
  /** Exit code (default 0). */
  code?: number;
  /** Exact text, a pattern, or a golden file name under tests/kubectl/golden/. */
  stdout?: string | RegExp | { golden: string };
  stderr?: string | RegExp | { golden: string };
  /** Replace ages (11y, 5m3s, ...) with `<age>` on both sides before comparing. */
  ages?: boolean;
}

export function golden(name: string): string {
  return readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');
}

/** Asserts one kubectl result; the message shows both streams, which is what you want on failure. */
export function check(r: KubectlResult, exp: Expect): void {
  const info = `\n--- stdout ---\n${r.stdout}--- stderr ---\n${r.stderr}`;
  assert.equal(r.timedOut, false, `kubectl timed out${info}`);
  assert.equal(r.code, exp.code ?? 0, `exit code${info}`);
  const cmp = (actual: string, want: Expect['stdout'], what: string): void => {
    if (want === undefined) return;
    // With ages, a pattern sees the normalised text (write `<age>` in it).
    if (want instanceof RegExp) return assert.match(exp.ages ? normaliseAges(actual) : actual, want, `${what}${info}`);
    let text = typeof want === 'string' ? want : golden(want.golden);
    if (exp.ages) {
      actual = normaliseAges(actual);
      text = normaliseAges(text);
    }
    assert.equal(actual, text, `${what}${info}`);
  };
  cmp(r.stdout, exp.stdout, 'stdout');
  cmp(r.stderr, exp.stderr, 'stderr');
}

/** Shorthand for the common case: one test that runs kubectl once and checks its output. */
export function kubectlCase(ctx: Ctx, title: string, args: string[], exp: Expect & { stdin?: string }): void {
  it(title, async () => check(await ctx.kubectl(args, { stdin: exp.stdin }), exp));
}
