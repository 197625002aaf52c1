// DESIGN.md import rule: src/persistence may import only src/api (and idb).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('persistence imports only src/api and idb', () => {
  const dir = new URL('.', import.meta.url).pathname;
  const bad: string[] = [];
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f === 'testing.ts') continue;
    const src = readFileSync(join(dir, f), 'utf8');
    for (const m of src.matchAll(/(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      const fine = spec === 'idb' || spec.startsWith('./') || spec.startsWith('../api/');
      if (!fine) bad.push(`${f}: ${spec}`);
    }
  }
  expect(bad).toEqual([]);
});
