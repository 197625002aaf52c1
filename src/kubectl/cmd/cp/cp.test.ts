// kubectl cp between a workspace (a map of files here) and a container's simulated filesystem,
// through pods/exec, with kubectl's and tar's texts.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { makeKit } from '../logs/testkit';

async function setup() {
  const files = new Map<string, string>([['hello.txt', "it's here\n"]]);
  const k = makeKit(
    () => {
      const cluster = createCluster({ start: Date.UTC(2026, 0, 1) });
      return { cluster, client: inProcessClient(cluster.api, { afterRequest: () => cluster.settle() }) };
    },
    {
      files: {
        readFile: (p) => files.get(p),
        writeFile: (p, t) => void files.set(p, t),
        listDir: (p) => (p === 'dir' ? [] : undefined),
      },
    },
  );
  await k.run('run', 'web', '--image=nginx');
  k.settle();
  return { run: k.run, files };
}

describe('kubectl cp', () => {
  it('copies a workspace file into the container and back', async () => {
    const { run, files } = await setup();
    expect(await run('cp', 'hello.txt', 'web:/tmp/hello.txt')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await run('exec', 'web', '--', 'cat', '/tmp/hello.txt')).stdout).toBe("it's here\n");
    // Into a directory: under the file's own name.
    expect((await run('cp', 'hello.txt', 'web:/tmp')).code).toBe(0);
    expect((await run('exec', 'web', '--', 'ls', '/tmp')).stdout).toContain('hello.txt');
    expect(await run('cp', 'web:/tmp/hello.txt', 'back.txt')).toEqual({ code: 0, stdout: "tar: Removing leading `/' from member names\n", stderr: '' });
    expect(files.get('back.txt')).toBe("it's here\n");
    expect((await run('cp', 'web:/etc/hostname', 'dir')).code).toBe(0);
    expect(files.get('dir/hostname')).toBe('web\n');
  });

  it('error texts', async () => {
    const { run } = await setup();
    expect(await run('cp', 'a')).toEqual({ code: 1, stdout: '', stderr: 'error: source and destination are required\n' });
    expect(await run('cp', 'a', 'b')).toEqual({ code: 1, stdout: '', stderr: 'error: one of src or dest must be a remote file specification\n' });
    expect(await run('cp', 'p:a', 'q:b')).toEqual({ code: 1, stdout: '', stderr: 'error: one of src or dest must be a local file specification\n' });
    expect(await run('cp', ':a', 'b')).toEqual({ code: 1, stdout: '', stderr: 'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n' });
    expect(await run('cp', 'p:', 'b')).toEqual({ code: 1, stdout: '', stderr: 'error: filepath can not be empty\n' });
    expect(await run('cp', 'nofile', 'web:/x')).toEqual({ code: 1, stdout: '', stderr: "error: nofile doesn't exist in local filesystem\n" });
    expect(await run('cp', 'hello.txt', 'nope:/x')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(await run('cp', 'web:/nope', 'x')).toEqual({
      code: 2,
      stdout: "tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n",
      stderr: 'command terminated with exit code 2\n',
    });
  });
});
