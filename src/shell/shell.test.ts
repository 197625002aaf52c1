// The shell language: quoting, expansion, control flow, redirections, jobs, history,
// completion, and bash's error messages.
import { describe, expect, it } from 'vitest';
import { coreutils } from './programs';
import { Controller } from './signal';
import { makeShell, recorder, type Recorded } from './testing';
import type { Program } from './types';

function sh() {
  const calls: Recorded[] = [];
  const programs = coreutils();
  programs.set('args', recorder(calls));
  return { ...makeShell({ programs }), calls };
}

async function argvOf(line: string, pre: string[] = []): Promise<string[]> {
  const s = sh();
  for (const p of pre) await s.run(p);
  await s.run(line);
  return s.calls[s.calls.length - 1]?.argv.slice(1) ?? [];
}

describe('quoting and expansion', () => {
  it.each([
    [`args a 'b c' "d e" f\\ g`, ['a', 'b c', 'd e', 'f g']],
    [`args 'it'\\''s' "a\\"b" "\\$x" '$x'`, ["it's", 'a"b', '$x', '$x']],
    [`args "" '' x`, ['', '', 'x']],
    [`args $UNSET "$UNSET" x`, ['', 'x']],
    [`args "a"'b'c`, ['abc']],
    [`args $'a\\tb' $'it\\'s'`, ['a\tb', "it's"]],
    [`args \${X:-def} \${X-d2} "\${#HOME}"`, ['def', 'd2', '5']],
    [`args $((1+2*3)) $(( (1+2)*3 )) $((7/2)) $((2**10)) $((-5%3))`, ['7', '9', '3', '1024', '-2']],
    [`args \`echo a b\` "\`echo c  d\`"`, ['a', 'b', 'c d']],
    [`args $(echo $(echo nested))`, ['nested']],
    [`args ~ ~/x "~"`, ['/root', '/root/x', '~']],
    [`args a#b # comment`, ['a#b']],
    [`args {{.metadata.name}} '{{"\\n"}}'`, ['{{.metadata.name}}', '{{"\\n"}}']],
    [`args --field-selector status.phase!=Running`, ['--field-selector', 'status.phase!=Running']],
  ])('%s', async (line, expected) => {
    expect(await argvOf(line)).toEqual(expected);
  });

  it('splits unquoted expansions on IFS, not quoted ones', async () => {
    expect(await argvOf('args $X "$X"', ['X="a  b   c"'])).toEqual(['a', 'b', 'c', 'a  b   c']);
    expect(await argvOf('args $X', ['IFS=,', 'X=a,b,,c'])).toEqual(['a', 'b', '', 'c']);
    expect(await argvOf('args pre$X', ['X=" a b "'])).toEqual(['pre', 'a', 'b']);
  });

  it('parameter operators', async () => {
    expect(await argvOf('args ${F%.yaml} ${F#*/} ${F##*/} ${F/a/A} ${F//a/A}', ['F=dir/app.yaml'])).toEqual(['dir/app', 'app.yaml', 'app.yaml', 'dir/App.yaml', 'dir/App.yAml']);
    const s = sh();
    expect((await s.run('echo ${X:?must be set}')).err).toBe('bash: X: must be set\n');
    expect((await s.run('echo ${X:=dflt}; echo $X')).out).toBe('dflt\ndflt\n');
    expect((await s.run('echo ${!x}')).err).toBe('bash: ${!x}: bad substitution\n');
  });

  it('globs workspace files', async () => {
    const s = sh();
    for (const f of ['b.yaml', 'a.yaml', 'c.txt', '.hidden.yaml']) s.fs.writeFile(`/root/${f}`, '');
    await s.run('args *.yaml "*.yaml" nomatch*');
    expect(s.calls[0].argv.slice(1)).toEqual(['a.yaml', 'b.yaml', '*.yaml', 'nomatch*']);
    s.fs.mkdir('/root/d');
    s.fs.writeFile('/root/d/x.yaml', '');
    await s.run('args d/*.yaml ?.txt [ab].yaml');
    expect(s.calls[1].argv.slice(1)).toEqual(['d/x.yaml', 'c.txt', 'a.yaml', 'b.yaml']);
  });

  it('assignments before commands go to the environment only', async () => {
    const s = sh();
    await s.run('A=1 args');
    expect(s.calls[0].env.A).toBe('1');
    expect((await s.run('echo "[$A]"')).out).toBe('[]\n');
    await s.run('B=2; args');
    expect(s.calls[1].env.B).toBeUndefined();
    await s.run('export B; args');
    expect(s.calls[2].env.B).toBe('2');
  });
});

describe('lists, pipes, status', () => {
  it('&& || ; and $?', async () => {
    const { run } = sh();
    expect((await run('true && echo a || echo b; false && echo c || echo d')).out).toBe('a\nd\n');
    expect((await run('false; echo $?; ! false; echo $?')).out).toBe('1\n0\n');
    expect((await run('nope')).code).toBe(127);
    expect((await run('echo $?')).out).toBe('127\n');
    expect((await run('x=$(false); echo $?')).out).toBe('1\n');
  });

  it('pipes connect stages and the last status wins', async () => {
    const { run } = sh();
    expect((await run('printf "b\\na\\nc\\n" | sort | head -n 2')).out).toBe('a\nb\n');
    expect((await run('false | true; echo $?')).out).toBe('0\n');
    expect((await run('echo hi | cd /tmp; pwd')).out).toBe('/root\n');
    expect((await run('yes | head -n 3')).out).toBe('y\ny\ny\n');
    expect((await run('seq 1 100000 | tail -n 1')).out).toBe('100000\n');
  });

  it('control flow', async () => {
    const { run } = sh();
    expect((await run('for i in 1 2 3; do echo $i; done')).out).toBe('1\n2\n3\n');
    expect((await run('i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done')).out).toBe('1\n2\n3\n');
    expect((await run('if [ -f nope ]; then echo yes; elif true; then echo elif; else echo no; fi')).out).toBe('elif\n');
    expect((await run('for x in a b c; do if [ $x = b ]; then continue; fi; echo $x; done')).out).toBe('a\nc\n');
    expect((await run('while true; do echo once; break; done')).out).toBe('once\n');
    expect((await run('f() { echo "f:$1:$#"; return 3; }; f a b; echo $?')).out).toBe('f:a:2\n3\n');
    expect((await run('until false; do echo u; break; done')).out).toBe('u\n');
    expect((await run('{ echo a; echo b; } | wc -l')).out).toBe('2\n');
    expect((await run('(cd /tmp; pwd); pwd')).out).toBe('/tmp\n/root\n');
  });

  it('Ctrl-C stops a runaway loop and yields 130', async () => {
    const { run } = sh();
    const c = new Controller();
    const p = run('while true; do true; done; echo after', c.signal);
    setTimeout(() => c.abort(), 20);
    const r = await p;
    expect(r.code).toBe(130);
    expect(r.out).toBe('');
  });

  it('Ctrl-C interrupts sleep and a program that ignores the signal', async () => {
    const programs = coreutils();
    programs.set('stubborn', () => new Promise<number>(() => {}));
    // A host whose clock only moves in real time: sleep 1000 would take 1000 s.
    const host = { now: () => 0, sleep: (ms: number) => new Promise<void>((res) => (ms === 0 ? setTimeout(res, 0) : undefined)) };
    const { run } = makeShell({ programs, host });
    for (const line of ['sleep 1000', 'stubborn', 'yes > /dev/null']) {
      const c = new Controller();
      const p = run(line, c.signal);
      setTimeout(() => c.abort(), 5);
      expect((await p).code).toBe(130);
    }
  });
});

describe('redirections into the workspace', () => {
  it('>, >>, <, 2>, 2>&1, &>', async () => {
    const { run, fs } = sh();
    await run('echo one > f.txt; echo two >> f.txt');
    expect(fs.readFile('/root/f.txt')).toBe('one\ntwo\n');
    expect((await run('wc -l < f.txt')).out).toBe('2\n');
    await run('cat nope 2> err.txt');
    expect(fs.readFile('/root/err.txt')).toBe('cat: nope: No such file or directory\n');
    await run('cat f.txt nope > both.txt 2>&1');
    expect(fs.readFile('/root/both.txt')).toBe('one\ntwo\ncat: nope: No such file or directory\n');
    const r = await run('cat nope 2>&1 > only-out.txt');
    expect(r.out).toBe('cat: nope: No such file or directory\n');
    await run('cat f.txt nope &> all.txt');
    expect(fs.readFile('/root/all.txt')).toContain('one');
    expect((await run('cat < nope')).err).toBe('bash: nope: No such file or directory\n');
    expect((await run('echo x > /nodir/f')).err).toBe('bash: /nodir/f: No such file or directory\n');
    expect((await run('echo x > /tmp')).err).toBe('bash: /tmp: Is a directory\n');
    expect((await run('cat <<< "here string"')).out).toBe('here string\n');
    expect((await run('echo quiet > /dev/null')).out).toBe('');
  });

  it('heredocs, quoted and with tabs stripped', async () => {
    const { run } = sh();
    expect((await run('X=v; cat <<EOF\na $X\n`echo b`\nEOF')).out).toBe('a v\nb\n');
    expect((await run("cat <<'EOF'\na $X\nEOF")).out).toBe('a $X\n');
    expect((await run('cat <<-EOF\n\t\tindented\n\tEOF')).out).toBe('indented\n');
    expect((await run('cat <<EOF | wc -l\n1\n2\nEOF')).out).toBe('2\n');
  });
});

describe('errors in bash words', () => {
  it.each([
    ['echo a |', 'bash: syntax error: unexpected end of file\n'],
    ['| echo', "bash: syntax error near unexpected token `|'\n"],
    ['echo a ;; b', "bash: syntax error near unexpected token `;;'\n"],
    ["echo 'a", "bash: unexpected EOF while looking for matching `''\n"],
    ['echo "a', 'bash: unexpected EOF while looking for matching `"\'\n'],
    ['echo $(echo', "bash: unexpected EOF while looking for matching `)'\n"],
    ['echo >', "bash: syntax error near unexpected token `newline'\n"],
    ['if true; then echo; fi fi', "bash: syntax error near unexpected token `fi'\n"],
    ['do', "bash: syntax error near unexpected token `do'\n"],
    ['foo', 'bash: foo: command not found\n'],
    ['cd nope', 'bash: cd: nope: No such file or directory\n'],
    ['echo $((1/0))', 'bash: 1/0: division by 0 (error token is "0")\n'],
  ])('%s', async (line, message) => {
    const { run } = sh();
    expect((await run(line)).err).toBe(message);
  });

  it('syntax errors exit 2, not found 127', async () => {
    const { run } = sh();
    expect((await run('echo (')).code).toBe(2);
    expect((await run('nope')).code).toBe(127);
  });

  it('knows when a line needs continuing', () => {
    const { shell } = sh();
    for (const t of ["echo 'a", 'echo a \\', 'if true; then', 'echo a |', 'cat <<EOF\nx', 'for i in 1; do', 'echo $(']) expect(shell.needsContinuation(t)).toBe(true);
    for (const t of ['echo a', 'cat <<EOF\nx\nEOF', 'echo )', 'if true; then echo; fi']) expect(shell.needsContinuation(t)).toBe(false);
  });

  it('a throwing program becomes a message and status 1', async () => {
    const programs = new Map<string, Program>([['boom', async () => { throw new Error('kaput'); }]]);
    const { run } = makeShell({ programs });
    expect(await run('boom; echo $?')).toEqual({ out: '1\n', err: 'boom: kaput\n', code: 0 });
  });
});

describe('builtins', () => {
  it('cd, pwd, cd -', async () => {
    const { run } = sh();
    expect((await run('cd /tmp && pwd && cd - && cd && pwd')).out).toBe('/tmp\n/root\n/root\n');
    expect((await run('touch f; cd f')).err).toBe('bash: cd: f: Not a directory\n');
  });

  it('echo and printf', async () => {
    const { run } = sh();
    expect((await run('echo -n a; echo -e "b\\tc"; echo -e "x\\cy"; echo')).out).toBe('ab\tc\nx\n');
    expect((await run('printf "%s=%d\\n" a 1 b 2')).out).toBe('a=1\nb=2\n');
    expect((await run('printf "%5s|%-5s|%05d|%x|%q\\n" ab cd 42 255 "a b"')).out).toBe('   ab|cd   |00042|ff|a\\ b\n');
    expect(await run('printf "%d\\n" abc')).toEqual({ out: '0\n', err: 'bash: printf: abc: invalid number\n', code: 1 });
  });

  it('export, unset, env', async () => {
    const { run } = sh();
    expect((await run('export A=1; env | grep ^A=')).out).toBe('A=1\n');
    expect((await run('export 1a=2')).err).toBe("bash: export: `1a=2': not a valid identifier\n");
    expect((await run('unset A; echo "[$A]"')).out).toBe('[]\n');
    expect((await run('export -p | grep HOME')).out).toBe('declare -x HOME="/root"\n');
  });

  it('alias and unalias', async () => {
    const { run } = sh();
    expect((await run('alias')).out).toBe("alias k='kubectl'\n");
    expect((await run("alias ll='ls -l'; alias ll")).out).toBe("alias ll='ls -l'\n");
    expect((await run('unalias nope')).err).toBe('bash: unalias: nope: not found\n');
    expect((await run('alias nope')).err).toBe('bash: alias: nope: not found\n');
    expect((await run("alias e='echo hi'; e there")).out).toBe('hi there\n');
    expect((await run("alias two='echo a; echo'; two b")).out).toBe('a\nb\n');
  });

  it('type, which, help', async () => {
    const programs = coreutils();
    programs.set('kubectl', async () => 0);
    const { run } = makeShell({ programs });
    expect((await run('type k cd ls if')).out).toBe("k is aliased to `kubectl'\ncd is a shell builtin\nls is /usr/bin/ls\nif is a shell keyword\n");
    expect((await run('which kubectl ls')).out).toBe('/usr/local/bin/kubectl\n/usr/bin/ls\n');
    expect((await run('which nope')).code).toBe(1);
    expect((await run('type nope')).err).toBe('bash: type: nope: not found\n');
    expect((await run('help cd')).out).toBe('cd: cd [dir]\n');
  });

  it('clear emits the screen reset', async () => {
    const { run } = sh();
    expect((await run('clear')).out).toBe('\x1b[H\x1b[2J\x1b[3J');
  });

  it('source runs a workspace file in this shell', async () => {
    const { run, fs } = sh();
    fs.writeFile('/root/env.sh', 'export NS=dev\nalias kn="kubectl -n $NS"\n');
    expect((await run('source env.sh; echo $NS; alias kn')).out).toBe("dev\nalias kn='kubectl -n dev'\n");
    expect((await run('. nope.sh')).err).toBe('bash: nope.sh: No such file or directory\n');
  });

  it('read, test, bash -c, eval', async () => {
    const { run, fs } = sh();
    fs.writeFile('/root/l.txt', 'a 1\nb 2\n');
    expect((await run('while read k v; do echo "$v-$k"; done < l.txt')).out).toBe('1-a\n2-b\n');
    expect((await run('[ 2 -gt 1 ] && [ -n "x" ] && [ ! -d l.txt ] && echo ok')).out).toBe('ok\n');
    expect((await run('[ a = b ]; echo $?; [ 1 -eq x ]; echo $?')).out).toBe('1\n2\n');
    expect((await run('bash -c \'echo $0 $1\' me you')).out).toBe('me you\n');
    expect((await run('eval "echo a; echo b"')).out).toBe('a\nb\n');
  });

  it('exit ends the session', async () => {
    const { run, shell } = sh();
    expect(await run('exit 3')).toEqual({ out: '', err: 'exit\n', code: 3 });
    expect(shell.exited).toBe(true);
    expect(shell.exitCode).toBe(3);
  });

  it('(exit) in a subshell does not end the session', async () => {
    const { run, shell } = sh();
    expect((await run('(exit 4); echo $?')).out).toBe('4\n');
    expect(shell.exited).toBe(false);
  });
});

describe('jobs', () => {
  it('&, jobs, fg, kill, Done lines', async () => {
    const { run, host } = sh();
    const r = await run('sleep 100 &');
    expect(r.err).toMatch(/^\[1\] \d+\n$/);
    expect((await run('jobs')).out).toBe('[1]+  Running                 sleep 100 &\n');
    expect((await run('kill %1')).code).toBe(0);
    await new Promise((res) => setTimeout(res, 5));
    expect((await run('true')).err).toBe('[1]+  Terminated              sleep 100\n');
    expect((await run('kill %1')).err).toBe('bash: kill: %1: no such job\n');
    expect((await run('fg')).err).toBe('bash: fg: current: no such job\n');
    await run('sleep 1 &');
    const fg = await run('fg %1');
    expect(fg.out).toBe('sleep 1\n');
    expect(fg.code).toBe(0);
    void host;
  });

  it('a finished job is announced once', async () => {
    const { run } = sh();
    await run('true &');
    await new Promise((res) => setTimeout(res, 5));
    expect((await run('echo x')).err).toBe('[1]+  Done                    true\n');
    expect((await run('echo y')).err).toBe('');
  });

  it('a background job writes to the file as it goes', async () => {
    const { run, fs } = sh();
    await run('(echo a; sleep 1; echo b) > out.txt &');
    await new Promise((res) => setTimeout(res, 1));
    expect(fs.readFile('/root/out.txt')).toBe('a\n');
    await run('wait');
    expect(fs.readFile('/root/out.txt')).toBe('a\nb\n');
  });
});

describe('history', () => {
  it('history, !!, !N, !prefix', async () => {
    const { run } = sh();
    await run('echo one');
    await run('echo two');
    expect((await run('history')).out).toBe('    1  echo one\n    2  echo two\n    3  history\n');
    // ignoredups: the repeated `history` is not stored twice.
    expect(await run('!!')).toEqual({ out: 'history\n    1  echo one\n    2  echo two\n    3  history\n', err: '', code: 0 });
    expect((await run('!1')).out).toBe('echo one\none\n');
    expect((await run('!ec')).out).toBe('echo one\none\n');
    expect((await run('!99')).err).toBe('bash: !99: event not found\n');
    expect((await run("echo '!!' x != y")).out).toBe('!! x != y\n');
  });
});

describe('prompt and completion', () => {
  it('renders the prompt template', async () => {
    const { shell, run } = sh();
    expect(shell.prompt()).toBe('controlplane:~$ ');
    await run('mkdir -p /root/app && cd /root/app');
    expect(shell.prompt()).toBe('controlplane:~/app$ ');
    const custom = makeShell({ prompt: (s) => `[ns:dev] ${s.cwd}$ ` });
    expect(custom.shell.prompt()).toBe('[ns:dev] /root$ ');
  });

  it('completes commands, aliases, files and variables', async () => {
    const { shell, fs } = sh();
    fs.writeFile('/root/deploy.yaml', '');
    fs.mkdir('/root/dir');
    expect(await shell.complete('he')).toEqual({ candidates: ['head', 'help'], replaceFrom: 0 });
    expect((await shell.complete('ec')).candidates).toEqual(['echo']);
    expect(await shell.complete('cat de')).toEqual({ candidates: ['deploy.yaml'], replaceFrom: 4 });
    expect((await shell.complete('ls d')).candidates).toEqual(['deploy.yaml', 'dir/']);
    expect((await shell.complete('echo $HOM')).candidates).toEqual(['$HOME']);
    expect((await shell.complete('echo x | gr')).candidates).toEqual(['grep']);
    expect((await shell.complete('echo > de')).candidates).toEqual(['deploy.yaml']);
  });

  it('hands program words to a completer, through aliases', async () => {
    const seen: [string[], number][] = [];
    const { shell } = makeShell({
      programs: new Map([['kubectl', async () => 0]]),
      completers: new Map([['kubectl', async (words: string[], i: number) => (seen.push([words, i]), ['get', 'describe', 'delete'])]]),
    });
    expect(await shell.complete('kubectl de')).toEqual({ candidates: ['delete', 'describe'], replaceFrom: 8 });
    expect(await shell.complete('k g', 3)).toEqual({ candidates: ['get'], replaceFrom: 2 });
    expect(seen[1]).toEqual([['kubectl', 'g'], 1]);
  });
});
