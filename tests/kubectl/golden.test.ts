// The golden set: the fixture state (golden/fixtures/state/*.json) loaded verbatim into an empty
// cluster whose clock is paused at 2026-11-23T00:00:00Z, and every command of
// golden/commands.txt run with the real kubectl; stdout, stderr and exit code must equal what
// the real kubectl v1.32.5 printed against a server holding that state (golden/README.md).
import { it } from 'node:test';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { check, kubectlSuite, type Expect } from './harness';

const dir = new URL('./golden/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

const fixtureDir = new URL('fixtures/state/', dir);
const objects = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, fixtureDir), 'utf8')) as unknown);

/** Splits a command line as sh does for the quoting commands.txt uses ('...', "...", \\). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      has = true;
    } else if (c === '"') {
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1])) i++;
        cur += line[i];
      }
      has = true;
    } else if (c === '\\') {
      cur += line[++i] ?? '';
      has = true;
    } else if (c === ' ' || c === '\t') {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

const commands = read('commands.txt')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const tab = l.indexOf('\t');
    return { name: l.slice(0, tab), args: shellWords(l.slice(tab + 1)) };
  });

// Table AGE cells come from the server's clock (fixed here). `describe` computes event ages with
// the machine's clock, which the golden README allows normalising once 11y is no longer right.
const describeAgesDrift = Date.now() >= Date.UTC(2027, 5, 1);

kubectlSuite('kubectl golden outputs (fixture state, clock at 2026-11-23)', { empty: true, start: Date.UTC(2026, 10, 23), objects }, (ctx) => {
  for (const c of commands) {
    it(`${c.name}: kubectl ${c.args.join(' ')}`, async () => {
      const exp: Expect = {
        code: Number(read(`${c.name}.rc`).trim()),
        stdout: read(`${c.name}.stdout`),
        stderr: existsSync(new URL(`${c.name}.stderr`, dir)) ? read(`${c.name}.stderr`) : '',
        ages: describeAgesDrift && c.args[0] === 'describe',
      };
      check(await ctx.kubectl(c.args), exp);
    });
  }
});
