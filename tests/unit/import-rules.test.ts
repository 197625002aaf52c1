// DESIGN.md's import rules, enforced: each src folder may import only the folders its row
// allows, and the pure folders touch no Node API, no real clock and no unseeded randomness.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const SRC = resolve(__dirname, '../../src');

const ALLOWED: Record<string, string[]> = {
  api: [],
  // generated/ holds build-time data (OpenAPI schemas from kubernetes-types), no code.
  cluster: ['api', 'generated'],
  kubectl: ['api'],
  shell: ['api', 'kubectl'],
  transport: ['api', 'worker'],
  // generated: the full OpenAPI schemas file, which the worker loads on demand (worker/schema-source.ts).
  worker: ['cluster', 'shell', 'kubectl', 'persistence', 'lessons', 'api', 'transport', 'generated'],
  lessons: ['api', 'shell', 'kubectl'],
  terminal: [],
  // ui reaches the worker only through worker/protocol.ts (types) and the worker's URL.
  ui: ['api', 'kubectl', 'shell', 'transport', 'persistence', 'lessons', 'terminal', 'generated', 'worker'],
  persistence: ['api'],
  cli: ['api', 'cluster', 'kubectl', 'shell', 'transport', 'persistence', 'lessons', 'worker', 'terminal', 'generated'],
  generated: [],
};

const PURE = new Set(['api', 'cluster']);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    // Tests and their helpers (testing.ts, testutil.ts, test-helpers.ts, testkit.ts) may reach further.
    else if (/\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) && !/^(testing|testutil|test-helpers|testkit)\.ts$/.test(name)) out.push(p);
  }
  return out;
}

function importsOf(text: string): string[] {
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) specs.push(m[1] ?? m[2] ?? m[3]);
  return specs;
}

export function violations(): string[] {
  const bad: string[] = [];
  for (const file of files(SRC)) {
    const rel = relative(SRC, file);
    const top = rel.split(/[\\/]/)[0];
    if (!(top in ALLOWED)) continue;
    const text = readFileSync(file, 'utf8');
    for (const spec of importsOf(text)) {
      if (spec.startsWith('.')) {
        const target = relative(SRC, resolve(dirname(file), spec)).split(/[\\/]/)[0];
        if (target !== top && !ALLOWED[top].includes(target)) bad.push(`${rel}: imports ${spec} (${top} may not import ${target})`);
      } else if (PURE.has(top) && (spec.startsWith('node:') || ['fs', 'path', 'http', 'os', 'child_process', 'url'].includes(spec))) {
        bad.push(`${rel}: imports Node module ${spec}`);
      }
    }
    if (PURE.has(top)) {
      // Program text kept in strings (an image's server.js) is data, not code that runs here.
      const code = text
        .replace(/`(?:\\[\s\S]|[^`\\])*`/g, '``')
        .replace(/'(?:\\.|[^'\\\n])*'/g, "''")
        .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
        .replace(/\/\/.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '');
      for (const [re, what] of [
        [/\bDate\.now\s*\(/, 'Date.now()'],
        [/\bMath\.random\s*\(/, 'Math.random()'],
        [/\bnew Date\(\s*\)/, 'new Date()'],
        [/\bset(Timeout|Interval)\s*\(/, 'a real timer'],
        [/\b(window|document|localStorage)\./, 'a DOM global'],
      ] as const) {
        if (re.test(code)) bad.push(`${rel}: uses ${what}`);
      }
    }
  }
  return bad;
}

describe('import rules (DESIGN.md section 2)', () => {
  it('every src folder imports only what its row allows, and the pure folders stay pure', () => {
    expect(violations()).toEqual([]);
  });

  it('would catch a forbidden import', () => {
    expect(importsOf(`import { x } from '../cluster/store';`)).toEqual(['../cluster/store']);
    expect(importsOf(`const m = await import('./lazy');`)).toEqual(['./lazy']);
  });
});
