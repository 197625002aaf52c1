// Node only (the build script and the tests; the browser never imports this file): reads the
// lessons/ folder into the path -> text map the pure loader takes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadTree, type Catalog } from './validate';

/** Every file under root (lessons/), by path relative to it, with `/` separators. */
export function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (relative(root, p).includes('/') || relative(root, p).includes('\\')) out[relative(root, p).split(/[\\/]/).join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

export function loadLessonsFromDisk(root: string): Catalog {
  return loadTree(readTree(root));
}
