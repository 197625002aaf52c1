#!/usr/bin/env node
// Runs every test suite and ends with one plain `N passed, M failed` line that CI reads:
// type checks of the pure folders, vitest (unit and scenario tests), and the node:test suites
// that drive the real kubectl and the browser.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const only = process.argv.slice(2);
const want = (name) => !only.length || only.includes(name);
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, opts = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', ...opts });
  if (opts.capture) process.stdout.write(r.stdout ?? '');
  return r;
}

function count(label, ok) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

if (want('typecheck')) {
  // The pure folders compile without DOM or Node types; then the whole project.
  for (const p of ['src/api/tsconfig.json', 'src/cluster/tsconfig.json', 'src/kubectl/tsconfig.json', 'src/shell/tsconfig.json']) {
    const r = run(`typecheck ${p}`, 'npx', ['tsc', '-p', p]);
    count(`typecheck ${p}`, r.status === 0);
  }
  const all = run('typecheck tsconfig.json', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  count('typecheck tsconfig.json', all.status === 0);
}

if (want('unit')) {
  const out = join(mkdtempSync(join(tmpdir(), 'kubeplay-vitest-')), 'report.json');
  const r = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  if (existsSync(out)) {
    const rep = JSON.parse(readFileSync(out, 'utf8'));
    passed += rep.numPassedTests ?? 0;
    failed += rep.numFailedTests ?? 0;
    for (const f of rep.testResults ?? []) {
      for (const a of f.assertionResults ?? []) if (a.status === 'failed') failures.push(`${f.name}: ${a.fullName}`);
      // A file that fails to load has no assertions but fails all the same.
      if (f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')) {
        failed++;
        failures.push(`${f.name}: ${f.message ?? 'failed to run'}`);
      }
    }
  } else {
    count('vitest (no report)', false);
  }
  if (r.status !== 0 && !failures.length) count('vitest exit code', false);
}

function nodeSuite(label, dir) {
  if (!existsSync(dir)) return;
  const files = readdirSync(dir).filter((f) => /\.test\.(mjs|ts)$/.test(f)).map((f) => join(dir, f));
  if (!files.length) return;
  const r = run(label, 'node', ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=' + join(tmpdir(), `kubeplay-${label}.tap`), ...files]);
  const tap = readFileSync(join(tmpdir(), `kubeplay-${label}.tap`), 'utf8');
  const pass = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
  passed += pass;
  failed += fail;
  for (const m of tap.matchAll(/^\s*not ok \d+ - (.*)$/gm)) failures.push(`${label}: ${m[1]}`);
  if (r.status !== 0 && fail === 0) count(`${label} exit code`, false);
}

if (want('kubectl')) nodeSuite('kubectl', 'tests/kubectl');
if (want('e2e')) {
  if (existsSync('tests/e2e') && readdirSync('tests/e2e').some((f) => /\.test\./.test(f))) {
    const b = run('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
    count('vite build', b.status === 0);
    if (b.status === 0) nodeSuite('e2e', 'tests/e2e');
  }
}

if (failures.length) {
  console.log('\nFailures:');
  for (const f of failures) console.log(`  - ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
