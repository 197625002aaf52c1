import { it } from 'vitest';
import { syntheticState } from '/work/main/src/persistence/bench';
import { validateState } from '/work/main/src/persistence/validate';
import { playgroundWithDeployment, restorePlayground, stateOf } from '/work/main/src/persistence/testing';
it('x', async () => {
  console.log(JSON.stringify(validateState(syntheticState(2000))));
  const pg = await playgroundWithDeployment();
  const before = stateOf(pg);
  const s = JSON.parse(JSON.stringify(before));
  const { pg: again } = restorePlayground(s);
  const after = stateOf(again);
  const idx = (st: any) => { const m = new Map(); for (const [r, l] of Object.entries(st.cluster.store.resources)) for (const o of l as any[]) m.set(`${r}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o); return m; };
  const a = idx(before), b = idx(after);
  for (const [k, o] of b) { const p = a.get(k); if (!p) console.log('NEW', k); else if (p.metadata.resourceVersion !== o.metadata.resourceVersion) console.log('CHANGED', k, p.metadata.resourceVersion, o.metadata.resourceVersion); }
  for (const k of a.keys()) if (!b.has(k)) console.log('GONE', k);
});
