// Our kubectl against the golden set: the fixture state loaded verbatim into an empty cluster
// with the clock at 2026-11-23T00:00:00Z, every command of golden/commands.txt run through the
// emulated kubectl (in-process), and stdout, stderr and exit code compared byte for byte with
// what the real kubectl v1.32.5 printed (tests/kubectl/golden/README.md).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createCluster } from '../../src/cluster/cluster';
import { loadObjects, type FixtureTarget } from '../../src/cluster/fixtures';
import { inProcessClient } from '../../src/transport/inprocess';
import { runKubectl } from '../../src/kubectl/kubectl';
import { Controller } from '../../src/shell';
import { Shell, VirtualFs, coreutils } from '../../src/shell';

const dir = new URL('../kubectl/golden/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const NOW = Date.UTC(2026, 10, 23);

const fixtureDir = new URL('fixtures/state/', dir);
const objects = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, fixtureDir), 'utf8')) as unknown);

/** The argv a POSIX shell makes of a commands.txt line (our own shell's parser). */
async function argvOf(line: string): Promise<string[]> {
  let argv: string[] = [];
  const programs = new Map([['kubectl', async (a: string[]) => ((argv = a.slice(1)), 0)]]);
  const sh = new Shell({ programs: new Map([...coreutils(), ...programs]), fs: new VirtualFs(), host: { sleep: async () => {}, now: () => NOW } });
  await sh.run(`kubectl ${line}`, { stdout: { write() {} } });
  return argv;
}

const cases = read('commands.txt')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const tab = l.indexOf('\t');
    return { name: l.slice(0, tab), args: l.slice(tab + 1) };
  });

describe('our kubectl reproduces the golden outputs byte for byte', () => {
  const cluster = createCluster({ empty: true, controllers: false, start: NOW });
  loadObjects(cluster as unknown as FixtureTarget, objects);
  const client = inProcessClient(cluster.api);

  for (const c of cases) {
    it(`${c.name}: kubectl ${c.args}`, async () => {
      let stdout = '';
      let stderr = '';
      const code = await runKubectl(
        await argvOf(c.args),
        {
          stdout: { write: (t) => void (stdout += t) },
          stderr: { write: (t) => void (stderr += t) },
          signal: new Controller().signal,
          now: () => NOW,
          sleep: async () => {},
          readFile: () => undefined,
        },
        { client, namespace: 'default', server: 'http://127.0.0.1:8080' },
      );
      expect(stdout).toBe(read(`${c.name}.stdout`));
      expect(stderr).toBe(existsSync(new URL(`${c.name}.stderr`, dir)) ? read(`${c.name}.stderr`) : '');
      expect(code).toBe(Number(read(`${c.name}.rc`).trim()));
    });
  }
});
