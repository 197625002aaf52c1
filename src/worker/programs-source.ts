// Where the playground's coreutils come from. Here (Node: the CLI, the tests) the shell's own
// map. The browser's cluster worker is built with programs-lazy.ts in this module's place
// (vite.config.ts): the same programs by name, over a chunk loaded after the first prompt.
export { coreutils } from '../shell';

/** Starts loading the programs in the background (nothing to do here). */
export function prefetchCoreutils(): Promise<void> {
  return Promise.resolve();
}
