// kubeplay's own kubectl over HTTP (`kubeplay kubectl --server URL`) for exec, exec -i and
// run -i --rm: a WebSocket with the v5.channel.k8s.io subprotocol (src/transport/remotecommand.ts,
// src/cli/websocket-client.ts). Each case runs ours as a user does (the CLI, a child process)
// and the real kubectl v1.32 on the same server, and both must print the same.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { check, kubectlSuite, type Ctx, type Expect } from './harness';
import { runProcess, type KubectlResult } from '../lib/kubectl';

const BIN = fileURLToPath(new URL('../../bin/kubeplay.mjs', import.meta.url));

/** `kubeplay kubectl --server URL ARGS`, stdin from a pipe (closed at once when not given). */
function ours(server: string, args: string[], stdin = ''): Promise<KubectlResult> {
  return runProcess(process.execPath, [BIN, 'kubectl', '--server', server, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'dumb' },
    stdin,
  });
}

/** Ours first, then the real kubectl: both must meet `exp`, so they agree with each other. */
async function both(ctx: Ctx, args: string[], exp: Expect, stdin?: string): Promise<void> {
  check(await ours(ctx.server.url, args, stdin), exp);
  check(await ctx.kubectl(args, { stdin: stdin ?? '' }), exp);
}

// The error texts of a failed exec in the container runtime carry a random exec id.
const NOT_FOUND_IN_PATH =
  /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/;

// The clock runs (speed 20) so that `run -i` sees its pod start while kubectl waits.
kubectlSuite('kubeplay kubectl --server URL: exec and run -i over a WebSocket', { nodes: 1, speed: 20 }, (ctx) => {
  it('start a pod and let it run', async () => {
    check(await ours(ctx.server.url, ['run', 'web', '--image=nginx:1.27']), { stdout: 'pod/web created\n' });
    ctx.server.cluster.clock.advance(30_000);
    check(await ours(ctx.server.url, ['get', 'pod', 'web', '-o', 'jsonpath={.status.phase}']), { stdout: 'Running' });
  });

  it('exec POD -- ls / prints the listing, over an upgraded connection', async () => {
    ctx.requests();
    await both(ctx, ['exec', 'web', '--', 'ls', '/'], { stdout: /^bin\nboot\ndev\n(.*\n)*etc\n(.*\n)*usr\nvar\n$/, stderr: '' });
    // Ours (the first of the two) opened exec as a WebSocket, as the real kubectl does.
    assert.ok(ctx.requests().some((l) => /^GET \/api\/v1\/namespaces\/default\/pods\/web\/exec\?command=ls&command=%2F&.* 101 /.test(l)));
  });

  it('a non-zero exit code is printed and becomes kubectl\'s exit code; stderr stays apart', async () => {
    await both(ctx, ['exec', 'web', '--', 'sh', '-c', 'exit 3'], { code: 3, stdout: '', stderr: 'command terminated with exit code 3\n' });
    await both(ctx, ['exec', 'web', '--', 'sh', '-c', 'echo out; ls /nope; exit 3'], {
      code: 3,
      stdout: 'out\n',
      stderr: "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 3\n",
    });
  });

  it('exec -i POD -- sh runs the script piped to it', async () => {
    await both(ctx, ['exec', '-i', 'web', '--', 'sh'], { stdout: 'hi\n', stderr: '' }, 'echo hi\n');
    await both(ctx, ['exec', '-i', 'web', '--', 'sh'], { code: 4, stdout: 'hello\nweb\n', stderr: 'command terminated with exit code 4\n' }, 'echo hello\ncat /etc/hostname\nexit 4\n');
  });

  it('errors: no such pod, no such container, no such command', async () => {
    await both(ctx, ['exec', 'nosuch', '--', 'ls'], { code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nosuch" not found\n' });
    await both(ctx, ['exec', 'web', '-c', 'nope', '--', 'ls'], { code: 1, stdout: '', stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n' });
    await both(ctx, ['exec', 'web', '--', 'nosuch'], { code: 1, stdout: '', stderr: NOT_FOUND_IN_PATH });
  });

  it('run --rm -i --restart=Never prints the output, then deletes the pod', async () => {
    // With the clock running, the pod may have finished before kubectl attaches: it then shows
    // the logs without the prompt hint (both kubectls do), so the hint is optional.
    const exp = { stdout: 'hello\npod "bb" deleted\n', stderr: /^(If you don't see a command prompt, try pressing enter\.\n)?$/ };
    check(await ours(ctx.server.url, ['run', 'bb', '--image=busybox', '--rm', '-i', '--restart=Never', '--', 'echo', 'hello']), exp);
    check(await ours(ctx.server.url, ['get', 'pod', 'bb']), { code: 1, stderr: 'Error from server (NotFound): pods "bb" not found\n' });
    check(await ctx.kubectl(['run', 'bb', '--image=busybox', '--rm', '-i', '--restart=Never', '--', 'echo', 'hello']), exp);
  });
});
