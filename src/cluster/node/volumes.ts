// A container's filesystem: the image's files plus the pod's emptyDir volumes mounted into it.
// An emptyDir lives as long as the pod's sandbox, so every container mounting it (and every
// restart of a container) sees the same files.

type Obj = Record<string, any>;

export interface Mount {
  /** Absolute mount path without a trailing slash (`/data`). */
  path: string;
  /** The volume's files, keyed by path inside the volume (`/x`, `/sub/` for a directory). */
  files: Map<string, string>;
}

/** The emptyDir mounts of a container, creating the pod's volume stores on first use. */
export function emptyDirMounts(pod: object, container: Obj, volumes: Map<string, Map<string, string>> | undefined): Mount[] {
  if (!volumes) return [];
  const defs = ((((pod as Obj).spec ?? {}) as Obj).volumes ?? []) as Obj[];
  const out: Mount[] = [];
  for (const m of (container.volumeMounts ?? []) as Obj[]) {
    const def = defs.find((v) => v.name === m.name);
    if (!def || !def.emptyDir || typeof m.mountPath !== 'string') continue;
    let files = volumes.get(def.name);
    if (!files) volumes.set(def.name, (files = new Map()));
    const path = m.mountPath.replace(/\/+$/, '') || '/';
    if (typeof m.subPath === 'string' && m.subPath) {
      // A subPath mounts a directory of the volume: a view with its own prefix.
      const sub = '/' + m.subPath.replace(/^\/+|\/+$/g, '');
      if (!files.has(sub + '/')) files.set(sub + '/', '');
      out.push({ path, files: new PrefixedMap(files, sub) });
      continue;
    }
    if (path === '/') continue;
    out.push({ path, files });
  }
  // Longest mount path first, so nested mounts win.
  return out.sort((a, b) => b.path.length - a.path.length);
}

/** A view of a map under a key prefix. */
class PrefixedMap extends Map<string, string> {
  constructor(
    private readonly inner: Map<string, string>,
    private readonly prefix: string,
  ) {
    super();
  }
  override get(k: string) {
    return this.inner.get(this.prefix + k);
  }
  override has(k: string) {
    return this.inner.has(this.prefix + k);
  }
  override set(k: string, v: string) {
    this.inner.set(this.prefix + k, v);
    return this;
  }
  override delete(k: string) {
    return this.inner.delete(this.prefix + k);
  }
  override *keys(): MapIterator<string> {
    for (const k of this.inner.keys()) if (k.startsWith(this.prefix + '/')) yield k.slice(this.prefix.length);
  }
}

/**
 * A Map<string, string> of absolute paths (directories end in `/`) that routes paths under a mount
 * to the volume's files and everything else to the container's own layer.
 */
export class ContainerFs extends Map<string, string> {
  private layer?: Map<string, string>;
  private makeLayer?: () => Map<string, string>;

  /**
   * `base` is the container's own layer, or a function that makes it: most containers never
   * have a file read, so the image's files are only laid out on first use.
   */
  constructor(
    base: Map<string, string> | (() => Map<string, string>),
    private readonly mounts: Mount[],
  ) {
    super();
    if (typeof base === 'function') this.makeLayer = base;
    else this.layer = this.withMountPoints(base);
    for (const m of mounts) if (!m.files.has('/')) m.files.set('/', '');
  }

  private withMountPoints(base: Map<string, string>): Map<string, string> {
    for (const m of this.mounts) if (!base.has(m.path + '/')) base.set(m.path + '/', '');
    return base;
  }

  private get base(): Map<string, string> {
    if (!this.layer) {
      this.layer = this.withMountPoints(this.makeLayer!());
      this.makeLayer = undefined;
    }
    return this.layer;
  }

  private route(p: string): [Map<string, string>, string] {
    for (const m of this.mounts) {
      if (p === m.path || p === m.path + '/') return [m.files, '/'];
      if (p.startsWith(m.path + '/')) return [m.files, p.slice(m.path.length)];
    }
    return [this.base, p];
  }

  private hidden(p: string): boolean {
    return this.mounts.some((m) => p.startsWith(m.path + '/') || p === m.path);
  }

  override get(k: string): string | undefined {
    const [m, p] = this.route(k);
    return m.get(p);
  }

  override has(k: string): boolean {
    const [m, p] = this.route(k);
    return m.has(p);
  }

  override set(k: string, v: string): this {
    const [m, p] = this.route(k);
    m.set(p, v);
    return this;
  }

  override delete(k: string): boolean {
    const [m, p] = this.route(k);
    // The mount point itself stays (rm -rf /data empties the volume, the directory remains busy).
    if (p === '/' && m !== this.base) return false;
    return m.delete(p);
  }

  override clear(): void {
    this.base.clear();
    for (const m of this.mounts) m.files.clear();
  }

  override get size(): number {
    let n = 0;
    for (const _ of this.keys()) n++;
    return n;
  }

  override *keys(): MapIterator<string> {
    for (const k of this.base.keys()) if (!this.hidden(k) || this.mounts.some((m) => k === m.path + '/')) yield k;
    for (const m of this.mounts) {
      for (const k of m.files.keys()) {
        if (k === '/') continue;
        const full = m.path + k;
        // A nested mount owns its own subtree.
        if (this.route(full)[0] !== m.files) continue;
        yield full;
      }
    }
  }

  override *values(): MapIterator<string> {
    for (const k of this.keys()) yield this.get(k)!;
  }

  override *entries(): MapIterator<[string, string]> {
    for (const k of this.keys()) yield [k, this.get(k)!];
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  override forEach(fn: (v: string, k: string, map: Map<string, string>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}
