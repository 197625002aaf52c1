// emptyDir volumes: one store per pod sandbox, seen by every container that mounts it.
import { describe, expect, it } from 'vitest';
import { setup } from './testutil';
import { ContainerFs } from './volumes';

describe('emptyDir volumes', () => {
  it('a file written in one container is visible in another mounting the same emptyDir', () => {
    const s = setup();
    s.createPod(
      'shared',
      [
        { name: 'writer', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
        { name: 'reader', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/shared/' }] },
        { name: 'other', image: 'busybox:1.36', command: ['sleep', '3600'] },
      ],
      { volumes: [{ name: 'data', emptyDir: {} }] },
    );
    s.advance(10_000);
    expect(s.pod('shared').status.phase).toBe('Running');
    const exec = (container: string, ...command: string[]) =>
      s.req('POST', '/api/v1/namespaces/default/pods/shared/exec', undefined, { command: JSON.stringify(command), container, stdout: 'true', stderr: 'true' }).body as { stdout: string; stderr: string; exitCode: number };
    expect(exec('writer', 'sh', '-c', 'echo hi > /data/x').exitCode).toBe(0);
    expect(exec('reader', 'cat', '/shared/x').stdout).toBe('hi\n');
    expect(exec('reader', 'ls', '/shared').stdout).toBe('x\n');
    expect(exec('reader', 'sh', '-c', 'echo more >> /shared/x').exitCode).toBe(0);
    expect(exec('writer', 'cat', '/data/x').stdout).toBe('hi\nmore\n');
    // A container without the mount does not see it; the writer's own files stay its own.
    expect(exec('other', 'cat', '/data/x').exitCode).not.toBe(0);
    exec('writer', 'sh', '-c', 'echo mine > /tmp/own');
    expect(exec('reader', 'cat', '/tmp/own').exitCode).not.toBe(0);
    expect(exec('writer', 'rm', '/data/x').exitCode).toBe(0);
    expect(exec('reader', 'ls', '/shared').stdout).toBe('');
  });

  it('routes paths under mounts to the volume, the rest to the container layer', () => {
    const base = new Map([['/etc/hostname', 'h\n']]);
    const vol = new Map<string, string>();
    const fs = new ContainerFs(base, [{ path: '/data', files: vol }]);
    fs.set('/data/a', '1');
    fs.set('/data/sub/', '');
    fs.set('/data/sub/b', '2');
    fs.set('/root/c', '3');
    expect([...vol.keys()].sort()).toEqual(['/', '/a', '/sub/', '/sub/b']);
    expect(base.get('/root/c')).toBe('3');
    expect(fs.has('/data/')).toBe(true);
    expect([...fs.keys()].sort()).toEqual(['/data/', '/data/a', '/data/sub/', '/data/sub/b', '/etc/hostname', '/root/c']);
    expect(fs.get('/data/sub/b')).toBe('2');
    expect(fs.delete('/data/a')).toBe(true);
    expect(vol.has('/a')).toBe(false);
  });
});
