// The workspace: an in-memory POSIX-ish tree of text files. The shell's redirections and
// coreutils work on it; the editor and persistence subscribe to its changes; it round-trips
// through JSON. Errors carry errno codes so each program can phrase them as GNU does.

export type FsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EINVAL';

const ERRNO_TEXT: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
};

export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(ERRNO_TEXT[code]);
  }
  /** strerror() text, e.g. `No such file or directory`. */
  get text(): string {
    return ERRNO_TEXT[this.code];
  }
}

export interface FileStat {
  type: 'file' | 'dir';
  size: number;
  mtime: number;
}

export type FsChange =
  | { type: 'write'; path: string }
  | { type: 'mkdir'; path: string }
  | { type: 'delete'; path: string }
  | { type: 'rename'; path: string; from: string };

interface FileNode {
  type: 'file';
  content: string;
  mtime: number;
}
interface DirNode {
  type: 'dir';
  children: Map<string, Node>;
  mtime: number;
}
type Node = FileNode | DirNode;

/** JSON form: every file and directory by absolute path. */
export interface FsSnapshot {
  version: 1;
  entries: { path: string; type: 'file' | 'dir'; mtime: number; content?: string }[];
}

export interface VirtualFsOptions {
  now?: () => number;
  home?: string;
}

/** Paths that behave as devices rather than files. */
const DEV_NULL = '/dev/null';

export class VirtualFs {
  readonly home: string;
  private root: DirNode;
  private now: () => number;
  private listeners = new Set<(c: FsChange) => void>();

  constructor(opts: VirtualFsOptions = {}) {
    this.now = opts.now ?? (() => 0);
    this.home = opts.home ?? '/root';
    this.root = { type: 'dir', children: new Map(), mtime: this.now() };
    for (const d of [this.home, '/tmp', '/dev']) this.mkdir(d, { recursive: true, silent: true });
  }

  /** Absolute, normalised path of `path` seen from `cwd`, with `~` as home. */
  resolve(cwd: string, path: string): string {
    if (path === '~' || path.startsWith('~/')) path = this.home + path.slice(1);
    return normalize(path.startsWith('/') ? path : `${cwd}/${path}`);
  }

  onChange(cb: (c: FsChange) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  stat(path: string): FileStat | null {
    if (path === DEV_NULL) return { type: 'file', size: 0, mtime: 0 };
    const n = this.lookup(path);
    if (!n) return null;
    return n.type === 'file'
      ? { type: 'file', size: utf8Length(n.content), mtime: n.mtime }
      : { type: 'dir', size: 4096, mtime: n.mtime };
  }

  exists(path: string): boolean {
    return this.stat(path) !== null;
  }
  isDir(path: string): boolean {
    return this.stat(path)?.type === 'dir';
  }
  isFile(path: string): boolean {
    return this.stat(path)?.type === 'file';
  }

  readFile(path: string): string {
    if (path === DEV_NULL) return '';
    const n = this.walk(path);
    if (n.type === 'dir') throw new FsError('EISDIR', path);
    return n.content;
  }

  writeFile(path: string, content: string, opts: { append?: boolean } = {}): void {
    if (path === DEV_NULL) return;
    const { dir, name } = this.parentOf(path);
    const existing = dir.children.get(name);
    if (existing?.type === 'dir') throw new FsError('EISDIR', path);
    const mtime = this.now();
    if (existing) {
      existing.content = opts.append ? existing.content + content : content;
      existing.mtime = mtime;
    } else {
      dir.children.set(name, { type: 'file', content, mtime });
      dir.mtime = mtime;
    }
    this.emit({ type: 'write', path: normalize(path) });
  }

  /** Creates an empty file or updates the mtime of an existing one. */
  touch(path: string): void {
    const n = this.lookup(path);
    if (n) {
      n.mtime = this.now();
      this.emit({ type: 'write', path: normalize(path) });
    } else this.writeFile(path, '');
  }

  mkdir(path: string, opts: { recursive?: boolean; silent?: boolean } = {}): void {
    const parts = split(path);
    let cur = this.root;
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i];
      const next = cur.children.get(name);
      const last = i === parts.length - 1;
      if (next) {
        if (next.type !== 'dir') throw new FsError(last ? 'EEXIST' : 'ENOTDIR', path);
        if (last && !opts.recursive) throw new FsError('EEXIST', path);
        cur = next;
        continue;
      }
      if (!last && !opts.recursive) throw new FsError('ENOENT', path);
      const d: DirNode = { type: 'dir', children: new Map(), mtime: this.now() };
      cur.children.set(name, d);
      cur = d;
      if (!opts.silent) this.emit({ type: 'mkdir', path: '/' + parts.slice(0, i + 1).join('/') });
    }
  }

  /** Sorted entry names of a directory (no `.` or `..`). */
  readdir(path: string): string[] {
    const n = this.walk(path);
    if (n.type !== 'dir') throw new FsError('ENOTDIR', path);
    return [...n.children.keys()].sort();
  }

  remove(path: string, opts: { recursive?: boolean } = {}): void {
    const { dir, name } = this.parentOf(path);
    const n = dir.children.get(name);
    if (!n) throw new FsError('ENOENT', path);
    if (n.type === 'dir' && !opts.recursive) throw new FsError('EISDIR', path);
    dir.children.delete(name);
    dir.mtime = this.now();
    this.emit({ type: 'delete', path: normalize(path) });
  }

  /** Removes an empty directory. */
  rmdir(path: string): void {
    const n = this.walk(path);
    if (n.type !== 'dir') throw new FsError('ENOTDIR', path);
    if (n.children.size) throw new FsError('ENOTEMPTY', path);
    this.remove(path, { recursive: true });
  }

  rename(from: string, to: string): void {
    const src = this.parentOf(from);
    const node = src.dir.children.get(src.name);
    if (!node) throw new FsError('ENOENT', from);
    const nf = normalize(from);
    const nt = normalize(to);
    if (nt === nf) return;
    if (node.type === 'dir' && (nt + '/').startsWith(nf + '/')) throw new FsError('EINVAL', to);
    const dst = this.parentOf(to);
    const existing = dst.dir.children.get(dst.name);
    if (existing?.type === 'dir' && node.type !== 'dir') throw new FsError('EISDIR', to);
    if (existing && existing.type !== 'dir' && node.type === 'dir') throw new FsError('ENOTDIR', to);
    src.dir.children.delete(src.name);
    dst.dir.children.set(dst.name, node);
    this.emit({ type: 'rename', path: nt, from: nf });
  }

  /** Copies a file, or a directory tree when `recursive`. */
  copy(from: string, to: string, opts: { recursive?: boolean } = {}): void {
    const node = this.walk(from);
    if (node.type === 'dir') {
      if (!opts.recursive) throw new FsError('EISDIR', from);
      if ((normalize(to) + '/').startsWith(normalize(from) + '/')) throw new FsError('EINVAL', to);
      this.mkdir(to, { recursive: true });
      for (const name of [...node.children.keys()]) this.copy(`${from}/${name}`, `${to}/${name}`, opts);
      return;
    }
    this.writeFile(to, node.content);
  }

  toJSON(): FsSnapshot {
    const entries: FsSnapshot['entries'] = [];
    const visit = (n: DirNode, prefix: string) => {
      for (const [name, child] of [...n.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const path = `${prefix}/${name}`;
        if (child.type === 'dir') {
          entries.push({ path, type: 'dir', mtime: child.mtime });
          visit(child, path);
        } else entries.push({ path, type: 'file', mtime: child.mtime, content: child.content });
      }
    };
    visit(this.root, '');
    return { version: 1, entries };
  }

  static fromJSON(snap: FsSnapshot, opts: VirtualFsOptions = {}): VirtualFs {
    const fs = new VirtualFs(opts);
    for (const e of snap.entries ?? []) {
      try {
        if (e.type === 'dir') fs.mkdir(e.path, { recursive: true, silent: true });
        else {
          const { dir, name } = fs.parentOf(e.path, true);
          dir.children.set(name, { type: 'file', content: String(e.content ?? ''), mtime: e.mtime ?? 0 });
          continue;
        }
        const n = fs.lookup(e.path);
        if (n) n.mtime = e.mtime ?? 0;
      } catch {
        // A damaged entry in stored data is skipped rather than losing the whole workspace.
      }
    }
    return fs;
  }

  private emit(c: FsChange): void {
    for (const l of [...this.listeners]) {
      try {
        l(c);
      } catch {
        // Listeners (editor, persistence) must not break the command that changed the file.
      }
    }
  }

  private lookup(path: string): Node | null {
    try {
      return this.walk(path);
    } catch {
      return null;
    }
  }

  private walk(path: string): Node {
    let cur: Node = this.root;
    for (const name of split(path)) {
      if (cur.type !== 'dir') throw new FsError('ENOTDIR', path);
      const next: Node | undefined = cur.children.get(name);
      if (!next) throw new FsError('ENOENT', path);
      cur = next;
    }
    return cur;
  }

  private parentOf(path: string, create = false): { dir: DirNode; name: string } {
    const parts = split(path);
    const name = parts.pop();
    if (name === undefined) throw new FsError('EISDIR', path);
    if (create) this.mkdir('/' + parts.join('/'), { recursive: true, silent: true });
    const dir = this.walk('/' + parts.join('/'));
    if (dir.type !== 'dir') throw new FsError('ENOTDIR', path);
    return { dir, name };
  }
}

/** Collapses `.`, `..` and repeated slashes; the result is absolute and has no trailing slash. */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}

function split(path: string): string[] {
  return normalize(path).split('/').filter(Boolean);
}

export function basename(path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '') return path.startsWith('/') ? '/' : '';
  return p.slice(p.lastIndexOf('/') + 1);
}

export function dirname(path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '') return path.startsWith('/') ? '/' : '.';
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  const d = p.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
export { utf8Length };
