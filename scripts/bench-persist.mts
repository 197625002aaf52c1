// Persistence figures in Node on fake-indexeddb (issue 5: flush < 50 ms after a typical change,
// load < 500 ms, for 10,000 objects): `node --import tsx scripts/bench-persist.mts [--objects N] [--runs N]`.
import 'fake-indexeddb/auto';
import { benchPersistence } from '../src/persistence/bench.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const r = await benchPersistence({ objects: arg('--objects', 10_000), runs: arg('--runs', 11) });
const f = (x: { medianMs: number; minMs: number; maxMs: number }) => `median ${x.medianMs.toFixed(1)} ms (min ${x.minMs.toFixed(1)}, max ${x.maxMs.toFixed(1)})`;
console.log(`persistence, ${r.objects} objects, ${(r.jsonChars / 1024 / 1024).toFixed(1)} MiB of JSON`);
console.log(`  flush after a typical change: ${f(r.flush)}; last: ${r.flush.objects} objects, ${r.flush.chars} chars (validate ${r.flush.validateMs.toFixed(1)}, diff+JSON ${r.flush.serializeMs.toFixed(1)}, transaction ${r.flush.writeMs.toFixed(1)} ms)  [target 50 ms]`);
console.log(`  whole-state flush: ${f(r.wholeFlush)}`);
console.log(`  load (base + ${r.load.deltas} deltas): ${f(r.load)}  [target 500 ms]`);
console.log(`  method: ${r.method}`);
