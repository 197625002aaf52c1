// `kubeplay bench` (npm run bench): prints the performance figures the issues ask for, with how
// each was measured. Figures vary with the machine; the method is what stays fixed.
//   kubeplay bench            every section
//   kubeplay bench store      the store at 100,000 objects (issue 2)
//   kubeplay bench cluster    Deployments of thousands of pods on 100 and 1,000 nodes (issue 3)
// Start node with --expose-gc (npm run bench does) so heap figures are taken after a collection.
import { CLUSTER_CASES, clusterCase, clusterMethod, storeSection } from './bench/sections';
import { heapUsed } from './bench/cluster';

const SECTIONS = ['store', 'cluster', 'kubectl'];

export async function runBench(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(`Usage: kubeplay bench [${SECTIONS.join('|')}]...\n\nMeasures the store and the whole simulated cluster; prints each figure with its method.\n`);
    return 0;
  }
  const only = args.filter((a) => !a.startsWith('-'));
  const unknown = only.filter((a) => !SECTIONS.includes(a));
  if (unknown.length) {
    process.stderr.write(`kubeplay bench: unknown section "${unknown[0]}" (known: ${SECTIONS.join(', ')})\n`);
    return 2;
  }
  const want = (name: string) => !only.length || only.includes(name);
  const print = (line: string) => console.log(line);
  const t0 = performance.now();
  print(`node ${process.version}, ${process.arch}; heap at start ${(heapUsed().bytes / 1024 / 1024).toFixed(0)} MiB`);
  if (want('store')) {
    storeSection(print);
    print('');
  }
  if (want('cluster')) {
    clusterMethod(print);
    for (const c of CLUSTER_CASES) clusterCase(print, c);
  }
  if (want('kubectl')) {
    print('kubectl: the emulated kubectl end to end (src/cli/bench/kubectl.ts)');
    const { benchKubectl } = await import('./bench/kubectl');
    for (const [k, v] of Object.entries(await benchKubectl())) print(`  ${k.padEnd(50)} ${v}`);
    print('');
  }
  print(`(bench took ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  return 0;
}
