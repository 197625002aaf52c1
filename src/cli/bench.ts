// `kubeplay bench` (npm run bench): prints the performance figures the issues ask for, with how
// each was measured. Figures vary with the machine; the method is what stays fixed.
import { benchStore } from '../cluster/store/bench';

export async function runBench(args: string[]): Promise<number> {
  const only = args.filter((a) => !a.startsWith('-'));
  const want = (name: string) => !only.length || only.includes(name);
  if (want('store')) {
    console.log('store: 100,000 pods in 100 namespaces, in-process, single thread (src/cluster/store/bench.ts)');
    const figures = benchStore();
    for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(44)} ${v}`);
  }
  return 0;
}
