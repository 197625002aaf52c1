// The cluster worker's coreutils, built in place of programs-source.ts (vite.config.ts): the
// programs (awk, sed, grep, sort, ...) are a chunk of their own, imported on first use or by
// prefetchCoreutils() once the first prompt is out. A program is asynchronous anyway, so the first
// one run only waits for the chunk. The names are here so that the shell knows its commands
// before the chunk comes (programs-lazy.test.ts checks them against the shell's map).
import type { Program } from '../shell';

export const COREUTILS = [
  'cat', 'ls', 'touch', 'rm', 'rmdir', 'mkdir', 'mv', 'cp', 'head', 'tail', 'wc', 'tee', 'sort', 'uniq',
  'cut', 'tr', 'seq', 'basename', 'dirname', 'grep', 'egrep', 'fgrep', 'sed', 'awk', 'sleep', 'date', 'yes', 'base64',
];

let loading: Promise<Map<string, Program>> | undefined;
const load = (): Promise<Map<string, Program>> =>
  (loading ??= import('../shell/programs').then(
    (m) => m.coreutils(),
    (e) => {
      loading = undefined; // the next use tries again
      throw e;
    },
  ));

export function coreutils(): Map<string, Program> {
  return new Map(COREUTILS.map((name): [string, Program] => [name, async (argv, io) => (await load()).get(name)!(argv, io)]));
}

export function prefetchCoreutils(): Promise<void> {
  return load().then(
    () => undefined,
    () => undefined,
  );
}
