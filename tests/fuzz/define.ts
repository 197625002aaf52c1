// The fuzz suites' shared shape: run, print the figures, fail with the grouped failures.
import { expect, it } from 'vitest';
import { summary } from './harness';
import { fuzzKubectl, fuzzShell, scaled, SEED_SHIFT, type FuzzStats } from './run';

function report(what: string, seed: number, s: FuzzStats): void {
  console.log(`fuzz ${what} seed ${seed + SEED_SHIFT}: ${s.cases} cases in ${(s.ms / 1000).toFixed(1)} s (exit 0: ${s.ok}, non-zero: ${s.failed}, interrupted: ${s.interrupted}, failures: ${s.failures.length})`);
  expect(summary(s.failures), `${s.failures.length} failures; replay with the same FUZZ_SEED`).toBe('');
}

export function kubectlFuzz(what: string, seed: number, cases: number, manifestShare: number): void {
  const n = scaled(cases);
  it(`seed ${seed}: ${n} ${what} through runKubectl`, async () => {
    const s = await fuzzKubectl(seed, n, manifestShare);
    report(what, seed, s);
    expect(s.cases).toBe(n);
    // The generator must reach both sides.
    expect(s.ok).toBeGreaterThan(s.cases / 50);
    expect(s.failed).toBeGreaterThan(s.cases / 5);
  }, 600_000);
}

export function shellFuzz(seed: number, lines: number): void {
  const n = scaled(lines);
  it(`seed ${seed}: ${n} command lines through a Playground shell`, async () => {
    const s = await fuzzShell(seed, n);
    report('shell lines', seed, s);
    expect(s.cases).toBe(n);
    expect(s.ok).toBeGreaterThan(s.cases / 50);
    expect(s.failed).toBeGreaterThan(s.cases / 5);
  }, 600_000);
}
