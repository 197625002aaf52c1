// Coreutils on the workspace: common flags, and GNU's error texts and exit codes.
import { describe, expect, it } from 'vitest';
import { coreutils } from './programs';
import { makeShell } from './testing';

function sh() {
  const s = makeShell({ programs: coreutils() });
  s.fs.writeFile('/root/pods.txt', 'web-1 Running 3\napi-2 Pending 10\nweb-3 Running 1\ndb-4 Failed 2\n');
  s.fs.writeFile('/root/dup.txt', 'a\na\nb\na\n');
  return s;
}

describe('file programs', () => {
  it('cat, cat -n, errors', async () => {
    const { run } = sh();
    expect((await run('cat -n dup.txt')).out).toBe('     1\ta\n     2\ta\n     3\tb\n     4\ta\n');
    expect(await run('cat nope')).toEqual({ out: '', err: 'cat: nope: No such file or directory\n', code: 1 });
    expect((await run('cat /tmp')).err).toBe('cat: /tmp: Is a directory\n');
    expect((await run('echo in | cat - dup.txt | head -n 2')).out).toBe('in\na\n');
  });

  it('ls, ls -a, ls -l', async () => {
    const { run, fs } = sh();
    fs.mkdir('/root/dir');
    fs.writeFile('/root/.hidden', 'x');
    expect((await run('ls')).out).toBe('dir  dup.txt  pods.txt\n');
    expect((await run('ls | cat')).out).toBe('dir\ndup.txt\npods.txt\n');
    expect((await run('ls -a')).out).toBe('.  ..  .hidden  dir  dup.txt  pods.txt\n');
    expect((await run('ls -l dup.txt')).out).toBe('-rw-r--r-- 1 root root 8 Nov 23 09:00 dup.txt\n');
    expect((await run('ls -l')).out).toMatch(/^total 12\ndrwxr-xr-x 2 root root 4096 Nov 23 09:00 dir\n-rw-r--r-- 1 root root    8 Nov 23 09:00 dup.txt\n/);
    expect(await run('ls nope')).toEqual({ out: '', err: "ls: cannot access 'nope': No such file or directory\n", code: 2 });
    expect((await run('ls -z')).err).toBe("ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n");
  });

  it('touch, mkdir, rm, mv, cp', async () => {
    const { run, fs } = sh();
    expect((await run('mkdir a/b')).err).toBe('mkdir: cannot create directory ‘a/b’: No such file or directory\n');
    expect((await run('mkdir -p a/b && touch a/b/f && ls a/b')).out).toBe('f\n');
    expect((await run('mkdir a')).err).toBe('mkdir: cannot create directory ‘a’: File exists\n');
    expect((await run('touch x/y')).err).toBe("touch: cannot touch 'x/y': No such file or directory\n");
    expect((await run('rm a')).err).toBe("rm: cannot remove 'a': Is a directory\n");
    expect((await run('rm nope')).err).toBe("rm: cannot remove 'nope': No such file or directory\n");
    expect((await run('rm')).err).toBe("rm: missing operand\nTry 'rm --help' for more information.\n");
    expect((await run('rm -f nope')).code).toBe(0);
    await run('cp dup.txt copy.txt && mv copy.txt a/ && cp -r a b');
    expect(fs.readFile('/root/b/copy.txt')).toBe('a\na\nb\na\n');
    expect((await run('cp a c')).err).toBe("cp: -r not specified; omitting directory 'a'\n");
    expect((await run('mv nope x')).err).toBe("mv: cannot stat 'nope': No such file or directory\n");
    expect((await run('cp dup.txt')).err).toBe("cp: missing destination file operand after 'dup.txt'\nTry 'cp --help' for more information.\n");
    await run('rm -r a b');
    expect(fs.exists('/root/a')).toBe(false);
  });
});

describe('text programs', () => {
  it('head and tail', async () => {
    const { run } = sh();
    expect((await run('head -n 1 pods.txt')).out).toBe('web-1 Running 3\n');
    expect((await run('head -2 pods.txt | tail -n 1')).out).toBe('api-2 Pending 10\n');
    expect((await run('tail -n +3 pods.txt')).out).toBe('web-3 Running 1\ndb-4 Failed 2\n');
    expect((await run('head -c 3 pods.txt')).out).toBe('web');
    expect((await run('head nope')).err).toBe("head: cannot open 'nope' for reading: No such file or directory\n");
    expect((await run('head -n x pods.txt')).err).toBe('head: invalid number of lines: ‘x’\n');
    expect((await run('head -n 1 pods.txt dup.txt')).out).toBe('==> pods.txt <==\nweb-1 Running 3\n\n==> dup.txt <==\na\n');
  });

  it('grep flags', async () => {
    const { run } = sh();
    expect((await run('grep Running pods.txt')).out).toBe('web-1 Running 3\nweb-3 Running 1\n');
    expect((await run('grep -c Running pods.txt')).out).toBe('2\n');
    expect((await run('grep -v Running pods.txt')).out).toBe('api-2 Pending 10\ndb-4 Failed 2\n');
    expect((await run('grep -i running pods.txt | wc -l')).out).toBe('2\n');
    expect((await run('grep -n Failed pods.txt')).out).toBe('4:db-4 Failed 2\n');
    expect((await run("grep -o 'web-[0-9]' pods.txt")).out).toBe('web-1\nweb-3\n');
    expect((await run("grep -E 'api|db' pods.txt")).out).toBe('api-2 Pending 10\ndb-4 Failed 2\n');
    expect((await run("grep 'api\\|db' pods.txt")).out).toBe('api-2 Pending 10\ndb-4 Failed 2\n');
    expect((await run("grep -w 'web' pods.txt | wc -l")).out).toBe('2\n');
    expect((await run("grep -w 'eb' pods.txt")).code).toBe(1);
    expect((await run("grep -E '^[a-z]+-[0-9] R' pods.txt")).out).toBe('web-1 Running 3\nweb-3 Running 1\n');
    expect((await run("grep '1$' pods.txt")).out).toBe('web-3 Running 1\n');
    expect((await run("grep -x 'a' dup.txt | wc -l")).out).toBe('3\n');
    expect((await run('grep -A1 Pending pods.txt')).out).toBe('api-2 Pending 10\nweb-3 Running 1\n');
    expect((await run('grep -l a dup.txt pods.txt')).out).toBe('dup.txt\npods.txt\n');
    expect((await run('grep x pods.txt dup.txt nope')).err).toBe('grep: nope: No such file or directory\n');
    expect((await run('grep x nope')).code).toBe(2);
    expect((await run("grep '(' pods.txt")).code).toBe(1);
    expect((await run("grep -E '(' pods.txt")).err).toBe('grep: Unmatched ( or \\(\n');
    expect((await run("grep '[' pods.txt")).err).toBe('grep: Unmatched [, [^, [:, [., or [=\n');
    expect((await run('grep')).err).toBe("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    expect((await run("grep -E 'x{2,}|a+' dup.txt | wc -l")).out).toBe('3\n');
    expect((await run("grep '[[:digit:]]\\{2\\}' pods.txt")).out).toBe('api-2 Pending 10\n');
  });

  it('wc, sort, uniq, cut, tr', async () => {
    const { run } = sh();
    expect((await run('wc -l pods.txt')).out).toBe('4 pods.txt\n');
    expect((await run('wc pods.txt')).out).toBe(' 4 12 63 pods.txt\n');
    expect((await run('cat pods.txt | wc')).out).toBe('      4      12      63\n');
    expect((await run('wc nope')).err).toBe('wc: nope: No such file or directory\n');
    expect((await run('sort dup.txt | uniq -c')).out).toBe('      3 a\n      1 b\n');
    expect((await run('sort -u dup.txt')).out).toBe('a\nb\n');
    expect((await run('sort -k3 -n pods.txt | cut -d" " -f1')).out).toBe('web-3\ndb-4\nweb-1\napi-2\n');
    expect((await run('sort -k3 -nr pods.txt | head -1')).out).toBe('api-2 Pending 10\n');
    expect((await run('sort nope')).err).toBe('sort: cannot read: nope: No such file or directory\n');
    expect((await run('cut -d- -f1 pods.txt | sort | uniq')).out).toBe('api\ndb\nweb\n');
    expect((await run('cut -c1-3 dup.txt | head -1')).out).toBe('a\n');
    expect((await run('cut pods.txt')).err).toBe("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    expect((await run("echo Hello | tr a-z A-Z")).out).toBe('HELLO\n');
    expect((await run("echo 'a  b' | tr -s ' '")).out).toBe('a b\n');
    expect((await run("echo a-b-c | tr -d -")).out).toBe('abc\n');
    expect((await run("echo abc | tr '[:lower:]' '[:upper:]'")).out).toBe('ABC\n');
    expect((await run('tr a')).err).toBe("tr: missing operand after 'a'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n");
  });

  it('sed', async () => {
    const { run, fs } = sh();
    expect((await run("sed 's/Running/UP/' pods.txt | head -1")).out).toBe('web-1 UP 3\n');
    expect((await run("echo aaa | sed 's/a/b/g'")).out).toBe('bbb\n');
    expect((await run("echo aaa | sed 's/a/b/2'")).out).toBe('aba\n');
    expect((await run("sed -n '2p' pods.txt")).out).toBe('api-2 Pending 10\n');
    expect((await run("sed -n '/Running/p' pods.txt | wc -l")).out).toBe('2\n');
    expect((await run("sed '2,3d' pods.txt")).out).toBe('web-1 Running 3\ndb-4 Failed 2\n');
    expect((await run("sed -e 's/web/WEB/' -e 's/db/DB/' pods.txt | cut -c1-4")).out).toBe('WEB-\napi-\nWEB-\nDB-4\n');
    expect((await run("echo 'image: nginx:1.14' | sed -E 's/(nginx):([0-9.]+)/\\1:1.25 was \\2/'")).out).toBe('image: nginx:1.25 was 1.14\n');
    expect((await run("echo hello | sed 's/l\\+/L/'")).out).toBe('heLo\n');
    expect((await run("sed -n '$p' pods.txt")).out).toBe('db-4 Failed 2\n');
    expect((await run("echo x | sed 's/x/y'")).err).toBe("sed: -e expression #1, char 5: unterminated `s' command\n");
    expect((await run("echo x | sed 'k'")).err).toBe("sed: -e expression #1, char 1: unknown command: `k'\n");
    expect((await run("sed p nope")).err).toBe("sed: can't read nope: No such file or directory\n");
    await run("sed -i 's/a/A/g' dup.txt");
    expect(fs.readFile('/root/dup.txt')).toBe('A\nA\nb\nA\n');
  });

  it('awk', async () => {
    const { run } = sh();
    expect((await run("awk '{print $1}' pods.txt")).out).toBe('web-1\napi-2\nweb-3\ndb-4\n');
    expect((await run("awk 'NR==1' pods.txt")).out).toBe('web-1 Running 3\n');
    expect((await run("awk '{print $NF}' pods.txt | head -2")).out).toBe('3\n10\n');
    expect((await run("awk -F- '{print $2}' pods.txt | head -1")).out).toBe('1 Running 3\n');
    expect((await run("echo 'a:b:c' | awk -F: '{print $2, NF}'")).out).toBe('b 3\n');
    expect((await run("awk '{s += $3} END {print s}' pods.txt")).out).toBe('16\n');
    expect((await run("awk '$3 > 2 {print $1}' pods.txt")).out).toBe('web-1\napi-2\n');
    expect((await run("awk '/Running/ {n++} END {print n}' pods.txt")).out).toBe('2\n');
    expect((await run("awk 'NR>1 {printf \"%s=%d\\n\", $1, $3}' pods.txt | head -1")).out).toBe('api-2=10\n');
    expect((await run("awk '{c[$2]++} END {for (k in c) print k, c[k]}' pods.txt | sort")).out).toBe('Failed 1\nPending 1\nRunning 2\n');
    expect((await run("awk 'BEGIN {print length(\"abc\"), toupper(\"x\"), substr(\"hello\", 2, 3)}'")).out).toBe('3 X ell\n');
    expect((await run("awk '{print $1' pods.txt")).code).toBe(2);
    expect((await run("awk '{print}' nope")).err).toBe("awk: fatal: cannot open file `nope' for reading: No such file or directory\n");
  });

  it('seq, basename, dirname, tee, base64, xargs', async () => {
    const { run, fs } = sh();
    expect((await run('seq 3')).out).toBe('1\n2\n3\n');
    expect((await run('seq 2 2 6')).out).toBe('2\n4\n6\n');
    expect((await run('seq -s, 3')).out).toBe('1,2,3\n');
    expect((await run('seq x')).err).toBe("seq: invalid floating point argument: ‘x’\nTry 'seq --help' for more information.\n");
    expect((await run('basename /a/b/c.yaml .yaml; dirname /a/b/c.yaml')).out).toBe('c\n/a/b\n');
    expect((await run('echo hi | tee t1.txt | tr a-z A-Z')).out).toBe('HI\n');
    expect(fs.readFile('/root/t1.txt')).toBe('hi\n');
    expect((await run('echo -n admin | base64')).out).toBe('YWRtaW4=\n');
    expect((await run('echo YWRtaW4= | base64 -d')).out).toBe('admin');
    expect((await run('echo héllo | base64 | base64 -d')).out).toBe('héllo\n');
    expect((await run('echo "!!!" | base64 -d')).err).toBe('base64: invalid input\n');
    expect((await run('echo a b c | xargs -n 1 echo x')).out).toBe('x a\nx b\nx c\n');
    expect((await run('ls *.txt | xargs wc -l | tail -1')).out).toMatch(/total\n$/);
    expect((await run('echo f1 | xargs -I{} touch {}.log; ls f1.log')).out).toBe('f1.log\n');
  });

  it('date, sleep, watch', async () => {
    const { run, host } = sh();
    expect((await run('date')).out).toBe('Mon Nov 23 09:00:00 UTC 2026\n');
    expect((await run('date +%Y-%m-%dT%H:%M:%S')).out).toBe('2026-11-23T09:00:00\n');
    expect((await run('date -d @0 -u')).out).toBe('Thu Jan  1 00:00:00 UTC 1970\n');
    expect((await run('date -d nonsense')).err).toBe('date: invalid date ‘nonsense’\n');
    const t0 = host.time;
    expect((await run('sleep 60')).code).toBe(0);
    expect(host.time - t0).toBe(60000);
    expect((await run('sleep 1m 30')).code).toBe(0);
    expect(host.time - t0).toBe(150000);
    expect((await run('sleep x')).err).toBe("sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n");
    expect((await run('sleep')).err).toBe("sleep: missing operand\nTry 'sleep --help' for more information.\n");
  });

  it('watch re-runs until interrupted', async () => {
    const { run } = sh();
    const { Controller } = await import('./signal');
    const c = new Controller();
    const p = run('watch -n 1 echo tick', c.signal);
    setTimeout(() => c.abort(), 20);
    const r = await p;
    expect(r.code).toBe(130);
    expect(r.out.split('\x1b[H\x1b[2J\x1b[3J').length).toBeGreaterThan(2);
    expect(r.out).toContain('Every 1.0s: echo tick');
    expect(r.out).toContain('tick\n');
  });
});
