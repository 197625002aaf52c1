// The workspace tree: paths, errors, change notifications and the JSON round trip.
import { describe, expect, it } from 'vitest';
import { basename, dirname, FsError, normalize, VirtualFs, type FsChange } from './fs';

describe('VirtualFs', () => {
  it('normalises and resolves paths, with ~ as home', () => {
    const fs = new VirtualFs();
    expect(normalize('/a//b/./c/../d/')).toBe('/a/b/d');
    expect(normalize('/../..')).toBe('/');
    expect(fs.resolve('/root', '~/x')).toBe('/root/x');
    expect(fs.resolve('/tmp', '../etc')).toBe('/etc');
    expect(basename('/a/b/')).toBe('b');
    expect(dirname('a')).toBe('.');
    expect(dirname('/a')).toBe('/');
  });

  it('reads, writes, appends and lists', () => {
    let t = 5;
    const fs = new VirtualFs({ now: () => t });
    fs.writeFile('/root/a.txt', 'x');
    t = 9;
    fs.writeFile('/root/a.txt', 'y', { append: true });
    expect(fs.readFile('/root/a.txt')).toBe('xy');
    expect(fs.stat('/root/a.txt')).toEqual({ type: 'file', size: 2, mtime: 9 });
    expect(fs.readdir('/')).toEqual(['dev', 'root', 'tmp']);
    expect(fs.readFile('/dev/null')).toBe('');
  });

  it('raises ENOENT, EISDIR, ENOTDIR, EEXIST, ENOTEMPTY with strerror texts', () => {
    const fs = new VirtualFs();
    fs.writeFile('/root/f', '');
    const code = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return e instanceof FsError ? `${e.code} ${e.text}` : String(e);
      }
      return 'ok';
    };
    expect(code(() => fs.readFile('/nope'))).toBe('ENOENT No such file or directory');
    expect(code(() => fs.readFile('/root'))).toBe('EISDIR Is a directory');
    expect(code(() => fs.readFile('/root/f/x'))).toBe('ENOTDIR Not a directory');
    expect(code(() => fs.mkdir('/root'))).toBe('EEXIST File exists');
    expect(code(() => fs.mkdir('/a/b'))).toBe('ENOENT No such file or directory');
    expect(code(() => fs.rmdir('/'))).toBe('ENOTEMPTY Directory not empty');
    expect(code(() => fs.remove('/root'))).toBe('EISDIR Is a directory');
    expect(code(() => fs.rename('/root', '/root/sub'))).toBe('EINVAL Invalid argument');
  });

  it('notifies subscribers of changes', () => {
    const fs = new VirtualFs();
    const seen: FsChange[] = [];
    const off = fs.onChange((c) => seen.push(c));
    fs.writeFile('/root/a', '1');
    fs.mkdir('/root/d/e', { recursive: true });
    fs.rename('/root/a', '/root/d/a');
    fs.remove('/root/d', { recursive: true });
    off();
    fs.writeFile('/root/b', '');
    expect(seen).toEqual([
      { type: 'write', path: '/root/a' },
      { type: 'mkdir', path: '/root/d' },
      { type: 'mkdir', path: '/root/d/e' },
      { type: 'rename', path: '/root/d/a', from: '/root/a' },
      { type: 'delete', path: '/root/d' },
    ]);
  });

  it('survives a throwing subscriber', () => {
    const fs = new VirtualFs();
    fs.onChange(() => {
      throw new Error('editor crashed');
    });
    fs.writeFile('/root/a', '1');
    expect(fs.readFile('/root/a')).toBe('1');
  });

  it('round-trips through JSON, and skips damaged entries', () => {
    const fs = new VirtualFs({ now: () => 42 });
    fs.mkdir('/root/app/conf', { recursive: true });
    fs.writeFile('/root/app/conf/a.yaml', 'kind: Pod\n');
    const snap = JSON.parse(JSON.stringify(fs.toJSON()));
    const back = VirtualFs.fromJSON(snap);
    expect(back.readFile('/root/app/conf/a.yaml')).toBe('kind: Pod\n');
    expect(back.toJSON()).toEqual(fs.toJSON());
    const damaged = VirtualFs.fromJSON({ version: 1, entries: [{ path: '/root/x', type: 'file', mtime: 1, content: 'ok' }, { path: '/root/x/y', type: 'file', mtime: 1 }] });
    expect(damaged.readFile('/root/x')).toBe('ok');
  });

  it('copies trees and refuses to copy into itself', () => {
    const fs = new VirtualFs();
    fs.mkdir('/a/b', { recursive: true });
    fs.writeFile('/a/b/f', 'z');
    fs.copy('/a', '/c', { recursive: true });
    expect(fs.readFile('/c/b/f')).toBe('z');
    expect(() => fs.copy('/a', '/a/b/x', { recursive: true })).toThrow(FsError);
  });
});
