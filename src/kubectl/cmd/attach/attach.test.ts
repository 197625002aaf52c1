// kubectl attach and run -i/-it against an in-process cluster: the container's own shell waits
// for input when started with stdin open; run waits for the pod, attaches, returns the exit
// code (--restart=Never) and deletes the pod (--rm), with kubectl v1.32's texts and streams.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { makeKit, pod } from '../logs/testkit';

const PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\n";

function kit() {
  return makeKit(() => {
    const cluster = createCluster({ start: Date.UTC(2026, 0, 1) });
    return { cluster, client: inProcessClient(cluster.api, { afterRequest: () => cluster.settle() }) };
  });
}

describe('kubectl run -it', () => {
  it('--rm -it --restart=Never -- sh: a shell in the container, then the pod is deleted', async () => {
    const k = kit();
    const r = await k.start(['run', 'bb', '--image=busybox', '--rm', '-it', '--restart=Never', '--', 'sh'], { lines: ['echo hi', 'hostname', 'exit'] }).result;
    expect(r).toEqual({ code: 0, stdout: '/ # hi\n/ # bb\n/ # pod "bb" deleted\n', stderr: PROMPT_HINT });
    expect(await k.pods()).toEqual([]);
  });

  it('the shell exit code becomes kubectl\'s with --restart=Never', async () => {
    const k = kit();
    const r = await k.start(['run', 'bb', '--image=busybox', '-it', '--restart=Never', '--', 'sh'], { lines: ['exit 3'] }).result;
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(PROMPT_HINT + 'pod default/bb terminated (Error)\n');
    const [p] = await k.pods();
    expect((p.status as { phase: string }).phase).toBe('Failed');
  });

  it('with the default restart policy (Always) the session ends with the resume hint', async () => {
    const k = kit();
    const r = await k.start(['run', 'bb', '--image=busybox', '--rm', '-it', '--', 'sh'], { lines: ['exit'] }).result;
    expect(r).toEqual({
      code: 0,
      stdout: "/ # Session ended, resume using 'kubectl attach bb -c bb -i -t' command when the pod is running\npod \"bb\" deleted\n",
      stderr: PROMPT_HINT,
    });
  });

  it('a command that prints and exits: its output (from the log), then the deletion', async () => {
    const k = kit();
    const r = await k.start(['run', 'bb', '--image=busybox', '--rm', '-i', '--restart=Never', '--', 'echo', 'hello'], { lines: [] }).result;
    expect(r).toEqual({ code: 0, stdout: 'hello\npod "bb" deleted\n', stderr: PROMPT_HINT });
  });

  it('-q prints neither the hint nor the deletion', async () => {
    const k = kit();
    const r = await k.start(['run', 'bb', '--image=busybox', '--rm', '-itq', '--restart=Never', '--', 'sh'], { lines: ['exit'] }).result;
    expect(r).toEqual({ code: 0, stdout: '/ # ', stderr: '' });
    expect(await k.pods()).toEqual([]);
  });

  it('usage errors of the attached forms', async () => {
    const k = kit();
    const hint = "\nSee 'kubectl run -h' for help and examples\n";
    expect(await k.run('run', 'x', '--image=busybox', '-t')).toEqual({ code: 1, stdout: '', stderr: 'error: -i/--stdin is required for containers with -t/--tty=true' + hint });
    expect(await k.run('run', 'x', '--image=busybox', '-i', '--dry-run=client')).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)" + hint,
    });
    expect(await k.run('run', 'x', '--image=busybox', '--rm')).toEqual({ code: 1, stdout: '', stderr: 'error: --rm should only be used for attached containers' + hint });
  });
});

describe('kubectl attach', () => {
  it('-it to a container started with -it: its shell; stdin closes after the first attach', async () => {
    const k = kit();
    expect((await k.run('run', 'bb', '--image=busybox', '-it', '--attach=false', '--', 'sh')).stdout).toBe('pod/bb created\n');
    k.settle();
    const r = await k.start(['attach', 'bb', '-it'], { lines: ['cat /etc/hostname'] }).result;
    expect(r).toEqual({
      code: 0,
      stdout: "/ # bb\n/ # Session ended, resume using 'kubectl attach bb -c bb -i -t' command when the pod is running\n",
      stderr: PROMPT_HINT,
    });
  });

  it('without -i it follows the output until interrupted', async () => {
    const k = kit();
    await k.create(pod('loop', [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'while true; do echo tick; sleep 10; done'] } as never]));
    k.settle();
    const s = k.start(['attach', 'loop']);
    for (let i = 0; i < 5 && !s.stdout.includes('tick\ntick\n'); i++) await k.cluster.advance(10_000);
    await new Promise((r) => setTimeout(r, 0));
    k.cluster.advance(25_000);
    await new Promise((r) => setTimeout(r, 0));
    s.interrupt();
    const r = await s.result;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(PROMPT_HINT);
    expect(r.stdout).toMatch(/^(tick\n)+$/);
  });

  it('error texts', async () => {
    const k = kit();
    expect(await k.run('attach')).toEqual({ code: 1, stdout: '', stderr: 'error: at least 1 argument is required for attach\n' });
    expect(await k.run('attach', 'a', 'b', 'c')).toEqual({ code: 1, stdout: '', stderr: 'error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n' });
    expect(await k.run('attach', 'nope')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    await k.run('run', 'done', '--image=busybox', '--restart=Never', '--', 'true');
    k.cluster.advance(20_000);
    expect(await k.run('attach', 'done')).toEqual({ code: 1, stdout: '', stderr: 'error: cannot attach a container in a completed pod; current phase is Succeeded\n' });
    await k.run('run', 'web', '--image=nginx');
    k.settle();
    expect(await k.run('attach', 'web', '-c', 'x')).toEqual({ code: 1, stdout: '', stderr: 'error: cannot attach to the container: container x not found in pod web\n' });
  });
});
