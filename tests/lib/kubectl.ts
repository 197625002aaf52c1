// Runs the real kubectl v1.32 (the specification) against a server, with a throw-away
// kubeconfig (namespace default) and a discovery cache of its own, so a previous server on the
// same port can never answer from a stale cache.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The versioned binary: the `kubectl` on PATH is gcloud's dispatcher, which adds a /version call. */
export const KUBECTL = process.env.KUBEPLAY_REAL_KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

/** Why the real kubectl cannot run here, or undefined when it can. Suites skip only on this. */
export function realKubectlMissing(): string | undefined {
  try {
    accessSync(KUBECTL, constants.X_OK);
    return undefined;
  } catch {
    return `real kubectl not found at ${KUBECTL} (set KUBEPLAY_REAL_KUBECTL to its path)`;
  }
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  /** Exit code; null if killed (see `timedOut`). */
  code: number | null;
  timedOut: boolean;
}

export interface KubectlEnv {
  server: string;
  /** kubectl's --cache-dir; one per server (see newKubectlEnv). */
  cacheDir: string;
  /** Written from `server` on first use when absent. */
  kubeconfig?: string;
}

export interface RunOptions extends KubectlEnv {
  stdin?: string;
  /** Extra environment (EDITOR, ...). */
  env?: Record<string, string>;
  /** Kill kubectl after this long (default 60 s): a hung watch must fail the test, not hang it. */
  timeoutMs?: number;
  cwd?: string;
}

const dirs: string[] = [];
process.once('exit', () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A temp dir holding a kubeconfig for `server` and a fresh discovery cache. Removed at exit. */
export function newKubectlEnv(server: string): Required<KubectlEnv> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplay-kubectl-'));
  dirs.push(dir);
  const kubeconfig = join(dir, 'kubeconfig');
  writeKubeconfig(kubeconfig, server);
  return { server, cacheDir: join(dir, 'cache'), kubeconfig, dir };
}

function writeKubeconfig(file: string, server: string): void {
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: kubeplay',
      '  cluster:',
      `    server: ${server}`,
      'users:',
      '- name: kubeplay',
      '  user: {}',
      'contexts:',
      '- name: kubeplay',
      '  context:',
      '    cluster: kubeplay',
      '    user: kubeplay',
      '    namespace: default',
      'current-context: kubeplay',
      '',
    ].join('\n'),
  );
}

export function realKubectl(args: string[], opts: RunOptions): Promise<KubectlResult> {
  let kubeconfig = opts.kubeconfig;
  if (!kubeconfig) {
    const env = newKubectlEnv(opts.server);
    kubeconfig = env.kubeconfig;
  }
  return runProcess(KUBECTL, [`--cache-dir=${opts.cacheDir}`, ...args], {
    cwd: opts.cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      // Never the developer's ~/.kube: HOME is the temp dir holding the kubeconfig.
      HOME: dirname(kubeconfig),
      KUBECONFIG: kubeconfig,
      // Stable output: no colours, no interactive pager or editor surprises.
      TERM: 'dumb',
      KUBECTL_INTERACTIVE_DELETE: 'false',
      ...opts.env,
    },
    stdin: opts.stdin,
    timeoutMs: opts.timeoutMs,
  });
}

/** Runs a command to its end with piped stdin (closed after `stdin`), collecting both streams. */
export function runProcess(
  command: string,
  args: string[],
  opts: { env: Record<string, string>; cwd?: string; stdin?: string; timeoutMs?: number },
): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, timedOut });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** Replaces durations such as 11y, 3d4h, 5m10s, 45s with `<age>` so outputs compare over time. */
export function normaliseAges(text: string): string {
  return text.replace(/\b[0-9]+[ydhms]([0-9]+[dhms])?\b/g, '<age>');
}
