import { describe, expect, it } from 'vitest';
import { Shell, runNow } from './run';

function sh(files: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const s = new Shell({ now: () => Date.UTC(2026, 10, 23, 9, 0, 0), hostname: 'pod-1', files: new Map(Object.entries(files)), flavor: 'sh', programs: {} }, [['PATH', '/bin'], ['HOME', '/root']], {
    out: (x) => (out += x),
    err: (x) => (err += x),
  });
  return { s, run: (src: string) => ({ code: runNow(s.script(src)), out: () => out, err: () => err }) };
}

describe('tiny shell', () => {
  it('runs loops, arithmetic, conditionals and substitutions', () => {
    const { run } = sh();
    const r = run('i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo "n=$i"; done; for x in a b; do echo $x; done; if false; then echo no; else echo yes; fi; echo $(date)');
    expect(r.code).toBe(0);
    expect(r.out()).toBe('n=1\nn=2\nn=3\na\nb\nyes\nMon Nov 23 09:00:00 UTC 2026\n');
  });

  it('yields sleeps in milliseconds so a container loop advances on the clock', () => {
    const { s } = sh();
    const g = s.script('while true; do echo hi; sleep 5; done');
    expect(g.next().value).toBe(5000);
    expect(g.next().value).toBe(5000);
  });

  it('handles quoting, exit codes, && || and redirection', () => {
    const { run, s } = sh();
    const r = run(`echo 'a  b' "c $HOME" && false || echo fallback; echo hi > /tmp/x; echo more >> /tmp/x; cat /tmp/x; nope`);
    expect(r.out()).toBe('a  b c /root\nfallback\nhi\nmore\n');
    expect(r.err()).toBe('sh: nope: not found\n');
    expect(r.code).toBe(127);
    expect(s.host.files.get('/tmp/x')).toBe('hi\nmore\n');
    expect(sh().run('exit 4').code).toBe(4);
    expect(sh().run('echo a | grep b').code).toBe(1);
    expect(sh().run('printenv | grep HOME').out()).toBe('/root\n'.replace('/root', 'HOME=/root'));
  });

  it('reports syntax errors like a shell', () => {
    const r = sh().run('while true; do echo');
    expect(r.code).toBe(2);
    expect(r.err()).toMatch(/^sh: syntax error: unexpected end of file/);
  });
});
