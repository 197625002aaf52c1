// kubectl exec and attach through the real kubectl v1.32: a WebSocket upgrade with the v5.channel.k8s.io
// subprotocol (src/cli/websocket), stdout and stderr on their channels, the exit code on the
// error channel, piped stdin ended by v5's CLOSE signal, and a terminal session under `script`.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { check, kubectlSuite, type Ctx } from './harness';
import { KUBECTL, newKubectlEnv } from '../lib/kubectl';

const NOT_FOUND_IN_PATH =
  /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/;

kubectlSuite('kubectl exec over a WebSocket', { nodes: 1 }, (ctx) => {
  it('start a pod and let it run', async () => {
    check(await ctx.kubectl(['run', 'web', '--image=nginx:1.27']), { stdout: 'pod/web created\n' });
    ctx.server.cluster.clock.advance(30_000);
    check(await ctx.kubectl(['get', 'pod', 'web', '-o', 'jsonpath={.status.phase}']), { stdout: 'Running' });
  });
  it('exec POD -- ls / upgrades to v5.channel.k8s.io and prints the listing', async () => {
    ctx.requests();
    const r = await ctx.kubectl(['exec', 'web', '--', 'ls', '/']);
    check(r, { stdout: /^bin\n(.*\n)*etc\n(.*\n)*usr\nvar\n$/, stderr: '' });
    assert.ok(ctx.requests().some((l) => /^GET \/api\/v1\/namespaces\/default\/pods\/web\/exec\?command=ls&command=%2F&.* 101 /.test(l)));
  });
  it('stdout and stderr stay apart, and a non-zero exit code is kubectl\'s exit code', async () => {
    check(await ctx.kubectl(['exec', 'web', '--', 'sh', '-c', 'echo out; ls /nope; exit 3']), {
      code: 3,
      stdout: 'out\n',
      stderr: "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 3\n",
    });
  });
  it('a failing command\'s own exit status', async () => {
    check(await ctx.kubectl(['exec', 'web', '--', 'ls', '/nope']), { code: 2, stdout: '', stderr: "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n" });
  });
  it('exec -i POD -- sh runs the script read from stdin', async () => {
    check(await ctx.kubectl(['exec', '-i', 'web', '--', 'sh'], { stdin: 'echo hello\ncat /etc/hostname\nexit 4\n' }), {
      code: 4,
      stdout: 'hello\nweb\n',
      stderr: 'command terminated with exit code 4\n',
    });
  });
  it('exec -i with a script that succeeds', async () => {
    check(await ctx.kubectl(['exec', '-i', 'web', '--', 'sh'], { stdin: 'pwd\n' }), { stdout: '/\n', stderr: '' });
  });
  it('exec -i with a command that is not a shell runs it (its input is not modelled)', async () => {
    check(await ctx.kubectl(['exec', '-i', 'web', '--', 'cat', '/etc/hostname'], { stdin: 'ignored\n' }), { stdout: 'web\n', stderr: '' });
  });
  it('exec -i into a wrong container is refused before the upgrade, as without -i', async () => {
    check(await ctx.kubectl(['exec', '-i', 'web', '-c', 'nope', '--', 'sh'], { stdin: 'ls\n' }), { code: 1, stdout: '', stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n' });
  });
  it('a missing executable is the runtime\'s error, after the upgrade', async () => {
    check(await ctx.kubectl(['exec', 'web', '--', 'nosuch']), { code: 1, stdout: '', stderr: NOT_FOUND_IN_PATH });
  });
  it('a missing pod is refused before any upgrade', async () => {
    check(await ctx.kubectl(['exec', 'nope', '--', 'ls']), { code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
  });
  it('a wrong container is refused by the apiserver (BadRequest)', async () => {
    check(await ctx.kubectl(['exec', 'web', '-c', 'nope', '--', 'ls']), { code: 1, stdout: '', stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n' });
  });
  it('attach follows the container\'s output from now until it exits', async () => {
    check(await ctx.kubectl(['run', 'ticker', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo start; sleep 5; echo done']), { stdout: 'pod/ticker created\n' });
    ctx.server.cluster.clock.advance(3_000);
    ctx.requests();
    const attached = ctx.kubectl(['attach', 'ticker']);
    // Once the upgrade is through, let the container finish.
    await requestSeen(ctx, /^GET \/api\/v1\/namespaces\/default\/pods\/ticker\/attach\?.* 101 /);
    ctx.server.cluster.clock.advance(10_000);
    check(await attached, { stdout: 'done\n', stderr: "If you don't see a command prompt, try pressing enter.\n" });
  });
  it('exec -it POD -- sh in a terminal: prompt, echo, \\r\\n line endings, exit', async () => {
    const r = await terminalSession(ctx.server.url, ['exec', '-it', 'web', '--', 'sh'], [
      // Each line is typed once the output so far ends with `wait`.
      { wait: '# ', type: 'echo hi\r' },
      { wait: 'hi\r\nroot@web:/# ', type: 'cd /etc\r' },
      { wait: 'root@web:/etc# ', type: 'exit\r' },
    ]);
    assert.equal(r.code, 0, r.output);
    assert.equal(r.output, 'root@web:/# echo hi\r\nhi\r\nroot@web:/# cd /etc\r\nroot@web:/etc# exit\r\nexit\r\n');
  });
});

/** Waits (10 s at most) until the server has logged a request matching `re`. */
async function requestSeen(ctx: Ctx, re: RegExp): Promise<void> {
  const seen: string[] = [];
  for (const t0 = Date.now(); !seen.some((l) => re.test(l)); seen.push(...ctx.requests())) {
    if (Date.now() - t0 > 10_000) assert.fail(`no request matching ${re} in:\n${seen.join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Runs the real kubectl under `script`, so it has a terminal (kubectl -t wants one), typing
 * each step's keys once the terminal shows what the step waits for.
 */
function terminalSession(server: string, args: string[], steps: { wait: string; type: string }[]): Promise<{ code: number | null; output: string }> {
  const env = newKubectlEnv(server);
  const cmd = [KUBECTL, `--cache-dir=${env.cacheDir}`, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-q', '-e', '-c', cmd, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dirname(env.kubeconfig), KUBECONFIG: env.kubeconfig, TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let next = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      while (next < steps.length && output.endsWith(steps[next].wait)) child.stdin.write(steps[next++].type);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
