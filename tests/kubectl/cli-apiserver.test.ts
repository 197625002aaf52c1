// `kubeplay apiserver` as a user runs it: a child process, the real kubectl against it, and
// --state surviving a restart (saved on SIGTERM, loaded at start).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newKubectlEnv, realKubectl, realKubectlMissing } from '../lib/kubectl';
import { check } from './harness';

const BIN = fileURLToPath(new URL('../../bin/kubeplay.mjs', import.meta.url));

/** Starts the CLI on a free port; resolves with its URL once it prints the listening line. */
function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'apiserver', '--port', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`apiserver did not start:\n${err}`)), 20_000);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = err.match(/kubeplay apiserver listening on (http:\/\/\S+)\n/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stderr: () => err, exited });
      }
    });
    void exited.then((code) => reject(new Error(`apiserver exited with ${code}:\n${err}`)));
  });
}

describe('kubeplay apiserver (CLI)', { skip: realKubectlMissing() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplay-cli-'));
  const state = join(dir, 'state.json');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serves kubectl, logs with -v, saves --state on SIGTERM and loads it again', async () => {
    const first = await startCli(['--state', state, '-v', '--seed', '7']);
    try {
      const env = newKubectlEnv(first.url);
      // `create -f` sends JSON (`create configmap` would send protobuf, see kubectl-protocol.md 1.4).
      const cm = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"kept"},"data":{"a":"1"}}';
      check(await realKubectl(['create', '-f', '-', '--validate=false'], { ...env, stdin: cm }), {
        stdout: 'configmap/kept created\n',
      });
      assert.match(first.stderr(), /^GET \/api\?timeout=32s 200 \d+ms$/m);
    } finally {
      first.child.kill('SIGTERM');
    }
    assert.equal(await first.exited, 0);
    assert.match(first.stderr(), /state saved to/);
    assert.ok(existsSync(state));

    const second = await startCli(['--state', state]);
    try {
      assert.match(second.stderr(), /state loaded from/);
      const env = newKubectlEnv(second.url);
      check(await realKubectl(['get', 'configmap', 'kept', '-o', 'jsonpath={.data.a}'], env), { stdout: '1', stderr: '' });
    } finally {
      second.child.kill('SIGTERM');
    }
    assert.equal(await second.exited, 0);
  });
});
