// Where the playground's kubectl comes from. Here (Node: the CLI, the tests) static imports, so it
// is there at once. The browser's cluster worker is built with kubectl-lazy.ts in this module's
// place (vite.config.ts): the same exports over a chunk loaded after the first prompt, which keeps
// kubectl's commands, printers and describers out of the script that must load before it.
export { kubectlProgram } from '../shell/programs/kubectl';
export { completeKubectl } from '../kubectl/completion';

/** Starts loading kubectl in the background (nothing to do here). */
export function prefetchKubectl(): Promise<void> {
  return Promise.resolve();
}
