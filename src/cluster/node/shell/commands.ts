// The commands a container's shell knows. Each is a generator so `sleep` can wait on the clock.
import type { Program, Shell } from './run';
import { dateTime } from '../images/types';

function* done(code: number): Generator<number, number, void> {
  return code;
}

const prog = (f: (argv: string[], sh: Shell, stdin: string) => number): Program =>
  function* (argv, sh, stdin) {
    return yield* done(f(argv, sh, stdin));
  };

function unescape(s: string): string {
  return s.replace(/\\(n|t|\\|c)/g, (_, c) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === '\\' ? '\\' : ''));
}

/** Entries directly under a directory: files and implied subdirectories. */
export function listDir(files: Map<string, string>, dir: string): { name: string; dir: boolean }[] | undefined {
  const prefix = dir === '/' ? '/' : dir + '/';
  const seen = new Map<string, boolean>();
  let exists = dir === '/';
  for (const path of files.keys()) {
    if (!path.startsWith(prefix)) continue;
    exists = true;
    const rest = path.slice(prefix.length);
    if (!rest) continue;
    const slash = rest.indexOf('/');
    if (slash < 0) seen.set(rest, seen.get(rest) ?? false);
    else seen.set(rest.slice(0, slash), true);
  }
  if (!exists) return undefined;
  return [...seen].map(([name, d]) => ({ name, dir: d })).sort((a, b) => (a.name < b.name ? -1 : 1));
}

function isDir(files: Map<string, string>, path: string): boolean {
  if (path === '/') return true;
  const prefix = path + '/';
  for (const k of files.keys()) if (k.startsWith(prefix)) return true;
  return false;
}

function parseSleep(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (arg === 'inf' || arg === 'infinity') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]] ?? 1;
  return Number(m[1]) * mult * 1000;
}

function test(args: string[], sh: Shell): boolean {
  if (args[0] === '!') return !test(args.slice(1), sh);
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, a] = args;
    const path = sh.resolve(a);
    if (op === '-z') return a === '';
    if (op === '-n') return a !== '';
    if (op === '-f') return sh.host.files.has(path) && !isDir(sh.host.files, path);
    if (op === '-d') return isDir(sh.host.files, path);
    if (op === '-e') return sh.host.files.has(path) || isDir(sh.host.files, path);
    return false;
  }
  const [a, op, b] = args;
  const x = Number(a);
  const y = Number(b);
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '-eq':
      return x === y;
    case '-ne':
      return x !== y;
    case '-lt':
      return x < y;
    case '-le':
      return x <= y;
    case '-gt':
      return x > y;
    case '-ge':
      return x >= y;
  }
  return false;
}

const lines = (s: string) => (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');

export const COMMANDS: Record<string, Program> = {
  echo: prog((argv, sh) => {
    let args = argv.slice(1);
    let newline = true;
    let esc = false;
    while (args[0] && /^-[neE]+$/.test(args[0])) {
      if (args[0].includes('n')) newline = false;
      if (args[0].includes('e')) esc = true;
      args = args.slice(1);
    }
    const text = args.join(' ');
    sh.io.out((esc ? unescape(text) : text) + (newline ? '\n' : ''));
    return 0;
  }),
  printf: prog((argv, sh) => {
    const fmt = argv[1] ?? '';
    const args = argv.slice(2);
    let i = 0;
    sh.io.out(unescape(fmt.replace(/%([sd%])/g, (_, c) => (c === '%' ? '%' : c === 'd' ? String(Number(args[i++] ?? 0) || 0) : (args[i++] ?? '')))));
    return 0;
  }),
  sleep: function* (argv, sh) {
    const ms = parseSleep(argv[1]);
    if (ms === undefined) {
      sh.io.err(argv[1] === undefined ? 'sleep: missing operand\n' : `sleep: invalid number '${argv[1]}'\n`);
      return 1;
    }
    yield ms;
    return 0;
  },
  exit: prog((argv, sh) => sh.exitNow(argv[1] === undefined ? sh.status : Number(argv[1]) & 255)),
  true: prog(() => 0),
  false: prog(() => 1),
  ':': prog(() => 0),
  date: prog((argv, sh) => {
    sh.io.out(dateTime(sh.host.now()) + '\n');
    return 0;
  }),
  env: function* (argv, sh, stdin) {
    if (argv.length > 1) {
      let i = 1;
      const extra: [string, string][] = [];
      while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i])) {
        const eq = argv[i].indexOf('=');
        extra.push([argv[i].slice(0, eq), argv[i].slice(eq + 1)]);
        i++;
      }
      if (i < argv.length) {
        for (const [k, v] of extra) sh.vars.set(k, v);
        return yield* sh.exec(argv.slice(i), stdin);
      }
      for (const [k, v] of extra) sh.io.out(`${k}=${v}\n`);
    }
    for (const [k, v] of sh.env()) sh.io.out(`${k}=${v}\n`);
    return 0;
  },
  printenv: prog((argv, sh) => {
    if (argv.length === 1) {
      for (const [k, v] of sh.env()) sh.io.out(`${k}=${v}\n`);
      return 0;
    }
    let code = 0;
    for (const k of argv.slice(1)) {
      const v = sh.exported.has(k) ? sh.vars.get(k) : undefined;
      if (v === undefined) code = 1;
      else sh.io.out(v + '\n');
    }
    return code;
  }),
  hostname: prog((argv, sh) => {
    sh.io.out((argv[1] === '-i' ? (sh.vars.get('__POD_IP') ?? '') : sh.host.hostname) + '\n');
    return 0;
  }),
  whoami: prog((argv, sh) => (sh.io.out('root\n'), 0)),
  id: prog((argv, sh) => (sh.io.out('uid=0(root) gid=0(root) groups=0(root)\n'), 0)),
  uname: prog((argv, sh) => {
    sh.io.out(argv.includes('-a') ? `Linux ${sh.host.hostname} 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux\n` : argv.includes('-r') ? '6.1.0-18-amd64\n' : 'Linux\n');
    return 0;
  }),
  pwd: prog((argv, sh) => (sh.io.out(sh.cwd + '\n'), 0)),
  cd: prog((argv, sh) => {
    const target = sh.resolve(argv[1] ?? sh.vars.get('HOME') ?? '/');
    if (!isDir(sh.host.files, target)) {
      sh.io.err(`${sh.host.flavor}: cd: ${argv[1]}: No such file or directory\n`);
      return 1;
    }
    sh.cwd = target;
    return 0;
  }),
  export: prog((argv, sh) => {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      const k = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) sh.vars.set(k, a.slice(eq + 1));
      sh.exported.add(k);
    }
    return 0;
  }),
  unset: prog((argv, sh) => {
    for (const k of argv.slice(1)) {
      sh.vars.delete(k);
      sh.exported.delete(k);
    }
    return 0;
  }),
  test: prog((argv, sh) => (test(argv.slice(1), sh) ? 0 : 1)),
  '[': prog((argv, sh) => (test(argv.slice(1, argv[argv.length - 1] === ']' ? -1 : undefined), sh) ? 0 : 1)),
  seq: prog((argv, sh) => {
    const n = argv.slice(1).map(Number);
    const [from, to] = n.length >= 2 ? [n[0], n[n.length - 1]] : [1, n[0] ?? 0];
    for (let i = from; i <= to; i++) sh.io.out(i + '\n');
    return 0;
  }),
  cat: prog((argv, sh, stdin) => {
    const args = argv.slice(1).filter((a) => a !== '-');
    if (!args.length) {
      sh.io.out(stdin);
      return 0;
    }
    let code = 0;
    for (const a of args) {
      const path = sh.resolve(a);
      const f = sh.host.files.get(path);
      if (f === undefined || path.endsWith('/')) {
        sh.io.err(isDir(sh.host.files, path) ? `cat: ${a}: Is a directory\n` : `cat: ${a}: No such file or directory\n`);
        code = 1;
      } else sh.io.out(f);
    }
    return code;
  }),
  ls: prog((argv, sh) => {
    const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
    const targets = argv.slice(1).filter((a) => !a.startsWith('-'));
    if (!targets.length) targets.push('.');
    let code = 0;
    targets.forEach((t, idx) => {
      const path = sh.resolve(t);
      const entries = listDir(sh.host.files, path);
      if (!entries) {
        if (sh.host.files.has(path)) return sh.io.out(t + '\n');
        sh.io.err(`ls: cannot access '${t}': No such file or directory\n`);
        code = 2;
        return;
      }
      const shown = entries.filter((e) => flags.includes('a') || !e.name.startsWith('.'));
      if (targets.length > 1) sh.io.out(`${idx ? '\n' : ''}${t}:\n`);
      if (flags.includes('l')) {
        sh.io.out(`total ${shown.length * 4}\n`);
        for (const e of shown) {
          const size = e.dir ? 4096 : (sh.host.files.get((path === '/' ? '' : path) + '/' + e.name) ?? '').length;
          sh.io.out(`${e.dir ? 'drwxr-xr-x' : '-rw-r--r--'} ${e.dir ? 2 : 1} root root ${String(size).padStart(5)} Nov 23 09:00 ${e.name}\n`);
        }
      } else if (sh.host.tty) sh.io.out(shown.map((e) => e.name).join('  ') + '\n');
      else for (const e of shown) sh.io.out(e.name + '\n');
    });
    return code;
  }),
  touch: prog((argv, sh) => {
    for (const a of argv.slice(1)) {
      const p = sh.resolve(a);
      if (!sh.host.files.has(p)) sh.host.files.set(p, '');
    }
    return 0;
  }),
  mkdir: prog((argv, sh) => {
    for (const a of argv.slice(1).filter((x) => !x.startsWith('-'))) sh.host.files.set(sh.resolve(a) + '/', '');
    return 0;
  }),
  rm: prog((argv, sh) => {
    let code = 0;
    const force = argv.some((a) => /^-\w*f/.test(a));
    for (const a of argv.slice(1).filter((x) => !x.startsWith('-'))) {
      const p = sh.resolve(a);
      let found = sh.host.files.delete(p);
      for (const k of [...sh.host.files.keys()]) if (k.startsWith(p + '/')) found = sh.host.files.delete(k) || found;
      if (!found && !force) {
        sh.io.err(`rm: cannot remove '${a}': No such file or directory\n`);
        code = 1;
      }
    }
    return code;
  }),
  head: prog((argv, sh, stdin) => {
    const n = Number(argv[argv.indexOf('-n') + 1] ?? 10) || 10;
    if (stdin) sh.io.out(lines(stdin).slice(0, n).join('\n') + '\n');
    return 0;
  }),
  tail: prog((argv, sh, stdin) => {
    const n = Number(argv[argv.indexOf('-n') + 1] ?? 10) || 10;
    if (stdin) sh.io.out(lines(stdin).slice(-n).join('\n') + '\n');
    return 0;
  }),
  grep: prog((argv, sh, stdin) => {
    const args = argv.slice(1);
    const inv = args.includes('-v');
    const ext = args.includes('-E');
    const pat = args.find((a) => !a.startsWith('-')) ?? '';
    let re: RegExp;
    try {
      re = new RegExp(ext ? pat : pat.replace(/[+?{}()|]/g, '\\$&'));
    } catch {
      re = new RegExp(pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    }
    const hits = stdin ? lines(stdin).filter((l) => re.test(l) !== inv) : [];
    for (const l of hits) sh.io.out(l + '\n');
    return hits.length ? 0 : 1;
  }),
  wc: prog((argv, sh, stdin) => {
    const n = stdin ? lines(stdin).length : 0;
    sh.io.out(argv.includes('-l') ? `${n}\n` : `${String(n).padStart(7)} ${String(stdin.split(/\s+/).filter(Boolean).length).padStart(7)} ${String(stdin.length).padStart(7)}\n`);
    return 0;
  }),
  sh: function* (argv, sh, stdin) {
    return yield* nestedShell(argv, sh, stdin);
  },
  bash: function* (argv, sh, stdin) {
    if (sh.host.flavor !== 'bash') {
      sh.io.err(`sh: bash: not found\n`);
      return 127;
    }
    return yield* nestedShell(argv, sh, stdin);
  },
};

function* nestedShell(argv: string[], sh: Shell, stdin: string): Generator<number, number, void> {
  const c = argv.indexOf('-c');
  if (c >= 0) return yield* sh.script(argv[c + 1] ?? '');
  if (argv[1] && !argv[1].startsWith('-')) {
    const f = sh.host.files.get(sh.resolve(argv[1]));
    if (f === undefined) {
      sh.io.err(`${sh.host.flavor}: ${argv[1]}: No such file or directory\n`);
      return 127;
    }
    return yield* sh.script(f);
  }
  // No -c and no script: read commands from stdin (empty for a container without a TTY).
  return yield* sh.script(stdin);
}
