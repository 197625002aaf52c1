// The cluster worker's kubectl, built in place of kubectl-source.ts (vite.config.ts): kubectl (its
// commands, printers, describers, completion) is a chunk of its own, imported on first use or by
// prefetchKubectl() once the first prompt is out. A kubectl line is asynchronous anyway (a Program
// returns a promise), so the first one only waits for the chunk; offline the service worker serves
// it, as it precaches all of dist/.
import type { Program } from '../shell';
import type { KubectlHost } from '../shell/programs/kubectl';
import type { KubectlConfig } from '../kubectl/io';

type Kubectl = typeof import('../shell/programs/kubectl') & typeof import('../kubectl/completion');

let loading: Promise<Kubectl> | undefined;
const load = (): Promise<Kubectl> =>
  (loading ??= Promise.all([import('../shell/programs/kubectl'), import('../kubectl/completion')]).then(
    ([program, completion]) => ({ ...program, ...completion }),
    (e) => {
      loading = undefined; // the next use tries again
      throw e;
    },
  ));

export function kubectlProgram(host: KubectlHost): Program {
  let run: Program | undefined;
  return async (argv, io) => (run ??= (await load()).kubectlProgram(host))(argv, io);
}

export async function completeKubectl(words: string[], index: number, config: KubectlConfig): Promise<string[]> {
  return (await load()).completeKubectl(words, index, config);
}

export function prefetchKubectl(): Promise<void> {
  return load().then(
    () => undefined,
    () => undefined,
  );
}
