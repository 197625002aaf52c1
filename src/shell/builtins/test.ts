// `test` / `[`: the POSIX expression language (files, strings, integers, ! -a -o and parens).
import type { VirtualFs } from '../fs';

export class TestError {
  constructor(readonly message: string) {}
}

export function evalTest(args: string[], fs: VirtualFs, cwd: string, name: string): boolean {
  let i = 0;
  const err = (m: string): never => {
    throw new TestError(`bash: ${name}: ${m}`);
  };
  const int = (s: string): bigint => {
    const t = s.trim();
    if (!/^[-+]?\d+$/.test(t)) err(`${s}: integer expression expected`);
    return BigInt(t);
  };
  const unary = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-L', '-h', '-p', '-S', '-b', '-c', '-t']);
  const binary = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot']);

  const primary = (): boolean => {
    if (i >= args.length) err('argument expected');
    const a = args[i];
    if (a === '!' && i + 1 < args.length) {
      i++;
      return !primary();
    }
    if (a === '(' && args.length - i >= 3) {
      i++;
      const v = or();
      if (args[i] !== ')') err("`)' expected");
      i++;
      return v;
    }
    if (i + 2 < args.length + 0 && binary.has(args[i + 1]) && i + 2 <= args.length - 1) {
      const l = a;
      const op = args[i + 1];
      const r = args[i + 2];
      i += 3;
      switch (op) {
        case '=': case '==': return l === r;
        case '!=': return l !== r;
        case '<': return l < r;
        case '>': return l > r;
        case '-eq': return int(l) === int(r);
        case '-ne': return int(l) !== int(r);
        case '-lt': return int(l) < int(r);
        case '-le': return int(l) <= int(r);
        case '-gt': return int(l) > int(r);
        case '-ge': return int(l) >= int(r);
        case '-nt': case '-ot': {
          const sl = fs.stat(fs.resolve(cwd, l));
          const sr = fs.stat(fs.resolve(cwd, r));
          if (!sl || !sr) return op === '-nt' ? !!sl : !!sr;
          return op === '-nt' ? sl.mtime > sr.mtime : sl.mtime < sr.mtime;
        }
      }
    }
    if (unary.has(a) && i + 1 < args.length) {
      const v = args[i + 1];
      i += 2;
      const st = () => fs.stat(fs.resolve(cwd, v));
      switch (a) {
        case '-z': return v === '';
        case '-n': return v !== '';
        case '-e': case '-r': case '-w': return !!st();
        case '-f': return st()?.type === 'file';
        case '-d': return st()?.type === 'dir';
        case '-s': return (st()?.size ?? 0) > 0;
        case '-x': return st()?.type === 'dir';
        default: return false;
      }
    }
    i++;
    return a !== '';
  };
  const and = (): boolean => {
    let v = primary();
    while (args[i] === '-a') {
      i++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (args[i] === '-o') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  if (!args.length) return false;
  const v = or();
  if (i < args.length) err('too many arguments');
  return v;
}
