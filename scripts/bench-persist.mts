// Persistence figures in Node on fake-indexeddb (issue 5: flush < 50 ms after a typical change,
// restore < 500 ms, for 10,000 objects); the same section `npm run bench:web` prints
// (scripts/bench/persist.ts measures and words it).
//   node --import tsx scripts/bench-persist.mts [--objects N] [--runs N]
import { measurePersistence, persistenceLines } from './bench/persist.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const p = await measurePersistence({ objects: arg('--objects', 10_000), runs: arg('--runs', 11) });
for (const line of persistenceLines(p)) console.log(line);
