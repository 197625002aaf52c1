// Bad input must never escape as an exception: 100,000+ random and mutated command lines go
// through the parser, and thousands through a whole shell with stub programs and coreutils,
// with a watchdog standing in for Ctrl-C. The PRNG is seeded, so a failure replays exactly.
import { describe, expect, it } from 'vitest';
import { parse } from './parser';
import { coreutils } from './programs';
import { Controller } from './signal';
import { makeShell, recorder } from './testing';

/** mulberry32: small, fast, good enough to explore inputs reproducibly. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}

const CORPUS = [
  `export POD_NAME="$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}')"`,
  'echo Name of the Pod: $POD_NAME',
  'curl http://"$(minikube ip):$NODE_PORT"',
  `export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"`,
  'kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080',
  'kubectl apply -f - <<EOF\nkind: Pod\nname: $X\nEOF',
  'for i in 1 2 3; do echo $i | grep -c 1; done > out.txt 2>&1',
  'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo ${i:-none} ${#i} ${i%1}',
  'if [ -f a ]; then cat a; elif true; then echo b; else echo c; fi',
  "awk -F: '{print $1, NF}' /etc/passwd | sort -u | head -n 2",
  "sed -n 's/a\\(b\\)/\\1/gp' f.txt; grep -E 'x|y' *.yaml",
  'f() { echo "$@"; return 2; }; f a "b c"; echo $?',
  'sleep 1 & jobs; kill %1; fg %1; wait',
  "echo `echo \\`echo nested\\``; echo $'a\\tb' \"$(( 2**8 ))\"",
  'alias k=kubectl; k get po -A | wc -l; !!; !1; history',
  'cat <<-EOF | tr a-z A-Z\n\tx\n\tEOF',
  '(cd /tmp && pwd) || { echo no; exit 3; }',
  'printf "%s %d %q\\n" a 1 "b c"; echo -e "x\\ty" -n',
  'base64 -d <<< YWRtaW4= ; date +%F; seq -s, 3; basename /a/b.c .c',
  'read a b <<< "1 2"; echo $b$a; test 1 -eq 1 && [ -n "$a" ]',
];

const ALPHABET = [
  ' ', ' ', 'a', 'b', 'x', '1', '0', '-', '=', '/', '.', ':', '\n', '\t', '\\', "'", '"', '`', '$', '{', '}', '(', ')', '[', ']',
  '|', '&', ';', '<', '>', '!', '#', '*', '?', '~', '%', '+', ',', '@', '^', 'é', '\u0000',
];
const TOKENS = [
  'echo', 'kubectl', 'cat', 'grep', 'sed', 'awk', 'if', 'then', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', '{', '}',
  '(', ')', '$(', '`', '${', '$((', '))', '<<EOF', '<<-', "<<'E'", 'EOF', '2>&1', '&>', '>>', '>', '<', '|', '||', '&&', '&', ';',
  ';;', '\n', '"', "'", '$?', '$#', '$$', '$@', '${X:-y}', '${#X}', '${X/a/b}', '!!', '!1', '!-2', 'export', 'alias', 'unset', 'cd',
  'exit', 'return', 'break', 'continue', 'function', 'f()', '*.yaml', '~', 'fg', 'kill', '%1', 'jobs', 'history', '\\', 'true', 'false',
  'read', 'source', 'eval', 'bash -c', 'yes', 'sleep', 'watch', 'xargs', 'seq', 'tr', 'cut', 'sort', 'uniq', 'head', 'tail', 'wc',
];

function randomLine(r: ReturnType<typeof prng>): string {
  const n = 1 + r.int(25);
  let s = '';
  for (let i = 0; i < n; i++) s += r.next() < 0.5 ? r.pick(ALPHABET) : r.pick(TOKENS) + (r.next() < 0.6 ? ' ' : '');
  return s;
}

function mutate(r: ReturnType<typeof prng>, line: string): string {
  let s = line;
  const edits = 1 + r.int(4);
  for (let e = 0; e < edits; e++) {
    const at = r.int(s.length + 1);
    switch (r.int(5)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + 1 + r.int(3));
        break;
      case 1:
        s = s.slice(0, at) + r.pick(ALPHABET) + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + r.pick(TOKENS) + s.slice(at);
        break;
      case 3: {
        const other = r.pick(CORPUS);
        const from = r.int(other.length);
        s = s.slice(0, at) + other.slice(from, from + r.int(20)) + s.slice(at);
        break;
      }
      default:
        s = s.slice(0, at) + s.slice(at).split('').reverse().slice(0, 5).join('') + s.slice(at + 5);
    }
  }
  return s;
}

function lineAt(r: ReturnType<typeof prng>): string {
  return r.next() < 0.5 ? randomLine(r) : mutate(r, r.pick(CORPUS));
}

describe('fuzz', () => {
  it('the parser answers every one of 100,000 lines without throwing', () => {
    const r = prng(20261123);
    let ok = 0;
    let incomplete = 0;
    for (let i = 0; i < 100_000; i++) {
      const line = lineAt(r);
      let res;
      try {
        res = parse(line);
      } catch (e) {
        throw new Error(`parse threw on ${JSON.stringify(line)}: ${String(e)}`);
      }
      if (res.ok) ok++;
      else {
        expect(res.error).toMatch(/^bash: /);
        if (res.incomplete) incomplete++;
      }
    }
    // The generator must exercise both sides.
    expect(ok).toBeGreaterThan(10_000);
    expect(incomplete).toBeGreaterThan(1_000);
  });

  it('deeply nested input gets a message, not a stack overflow', () => {
    for (const line of ['$('.repeat(5000), '`echo '.repeat(300), '${'.repeat(5000), '('.repeat(5000) + ')'.repeat(5000), '$(('.repeat(3000), '{ '.repeat(3000)]) {
      const res = parse(line);
      expect(typeof res.ok).toBe('boolean');
    }
  });

  it('a whole shell survives thousands of mutated lines', async () => {
    const r = prng(42);
    const programs = coreutils();
    for (const name of ['kubectl', 'curl', 'minikube']) programs.set(name, recorder([]));
    programs.set('thrower', async () => {
      throw new Error('boom');
    });
    let s = makeShell({ programs });
    s.fs.writeFile('/root/f.txt', 'a\nb\n');
    const started = Date.now();
    let runs = 0;
    for (let i = 0; i < 20_000 && Date.now() - started < 12_000; i++) {
      if (i % 200 === 0 || s.shell.exited) {
        s.shell.killAllJobs();
        s = makeShell({ programs });
        s.fs.writeFile('/root/f.txt', 'a\nb\n');
      }
      const line = lineAt(r);
      const c = new Controller();
      // The watchdog plays Ctrl-C for runaway loops, `yes` and `watch`.
      const t = setTimeout(() => c.abort(), 25);
      let res;
      try {
        res = await s.run(line, c.signal);
      } catch (e) {
        throw new Error(`run threw on ${JSON.stringify(line)}: ${String(e)}`);
      } finally {
        clearTimeout(t);
        // Background `yes &` would otherwise outlive its line.
        s.shell.killAllJobs();
      }
      expect(Number.isInteger(res.code) && res.code >= 0 && res.code <= 255, JSON.stringify(line)).toBe(true);
      expect(res.err).not.toContain('internal error');
      runs++;
    }
    expect(runs).toBeGreaterThan(3000);
  }, 30_000);
});
