// Test helper: the real kubectl v1.32 as an oracle. `kubectl patch --local -f FILE --type merge
// -p {} -o FORMAT` prints a local manifest without any server, through kubectl's own printers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KUBECTL = process.env.KUBECTL_ORACLE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
export const hasKubectl = existsSync(KUBECTL);

let dir: string | undefined;

export function writeManifest(name: string, obj: unknown): string {
  dir ??= mkdtempSync(join(tmpdir(), 'kubeplay-printers-'));
  const file = join(dir, name + '.json');
  writeFileSync(file, JSON.stringify(obj));
  return file;
}

/** Run the real kubectl on one object; returns stdout, stderr, exit code. */
export function kubectlPrint(obj: unknown, output: string): { stdout: string; stderr: string; status: number } {
  const file = writeManifest('m' + Math.random().toString(36).slice(2), obj);
  const r = spawnSync(KUBECTL, ['patch', '--local', '-f', file, '--type', 'merge', '-p', '{}', '-o', output], {
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: '/dev/null' },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

export const GOLDEN = '/work/shared/reference/kubectl-golden';
export const hasGolden = existsSync(GOLDEN);
