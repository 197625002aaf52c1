// Shared plumbing for the coreutils: GNU-style option parsing, GNU's error wording, and
// reading the named files or stdin.
import { FsError } from '../fs';
import { readAll } from '../streams';
import type { ProgramIO } from '../types';

export interface OptSpec {
  /** Short flags without an argument, e.g. 'nrvu'. */
  flags?: string;
  /** Short options that take an argument, e.g. 'nkdf'. */
  args?: string;
  /** Long options: name -> short letter it means (or itself), with `=` suffix when it takes an argument. */
  long?: Record<string, string>;
}

export interface ParsedOpts {
  /** Each option's values in order; flags get ''. */
  opts: Map<string, string[]>;
  operands: string[];
}

export class UsageError {
  constructor(readonly message: string) {}
}

/** GNU getopt_long with permutation: options may follow operands; `--` ends options. */
export function getopt(prog: string, argv: string[], spec: OptSpec): ParsedOpts {
  const opts = new Map<string, string[]>();
  const operands: string[] = [];
  const add = (k: string, v: string) => opts.set(k, [...(opts.get(k) ?? []), v]);
  const flags = spec.flags ?? '';
  const withArg = spec.args ?? '';
  const tryHelp = `Try '${prog} --help' for more information.`;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const keys = Object.keys(spec.long ?? {});
      const exact = keys.find((k) => k.replace(/=$/, '') === name);
      const matches = exact ? [exact] : keys.filter((k) => k.startsWith(name));
      if (matches.length !== 1) {
        throw new UsageError(
          matches.length ? `${prog}: option '${a}' is ambiguous\n${tryHelp}` : `${prog}: unrecognized option '${a}'\n${tryHelp}`,
        );
      }
      const key = matches[0];
      const target = spec.long![key];
      if (key.endsWith('=')) {
        let v: string | undefined = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`${prog}: option '--${key.slice(0, -1)}' requires an argument\n${tryHelp}`);
        add(target, v);
      } else {
        if (eq >= 0) throw new UsageError(`${prog}: option '--${key}' doesn't allow an argument\n${tryHelp}`);
        add(target, '');
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (withArg.includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) throw new UsageError(`${prog}: option requires an argument -- '${c}'\n${tryHelp}`);
          add(c, v);
          break;
        }
        if (!flags.includes(c)) throw new UsageError(`${prog}: invalid option -- '${c}'\n${tryHelp}`);
        add(c, '');
      }
      continue;
    }
    operands.push(a);
  }
  return { opts, operands };
}

export const has = (p: ParsedOpts, k: string) => p.opts.has(k);
export const last = (p: ParsedOpts, k: string) => p.opts.get(k)?.at(-1);

export async function err(io: ProgramIO, text: string): Promise<void> {
  await io.stderr.write(text.endsWith('\n') ? text : text + '\n');
}

/** strerror text of a filesystem error (or a generic one). */
export function errText(e: unknown): string {
  return e instanceof FsError ? e.text : e instanceof Error ? e.message : String(e);
}

/** GNU's quote() in a UTF-8 locale: ‘name’. */
export const q = (s: string) => `‘${s}’`;
/** GNU's quoteaf() (shell-escape style): 'name', or "name's" when it holds a quote. */
export const qa = (s: string) => (/^[A-Za-z0-9_.\/:@%+,-]+$/.test(s) ? s : s.includes("'") ? `"${s}"` : `'${s}'`);
export const qaAlways = (s: string) => (s.includes("'") ? `"${s}"` : `'${s}'`);

/** Reads a named file (or stdin for `-`). Throws FsError. */
export async function readInput(io: ProgramIO, name: string): Promise<string> {
  if (name === '-') return readAll(io.stdin);
  return io.fs.readFile(io.fs.resolve(io.cwd, name));
}

/** Runs a program body, turning UsageError into the message and `status`. */
export async function withUsage(io: ProgramIO, status: number, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      await err(io, e.message);
      return status;
    }
    throw e;
  }
}

/** Output with back-pressure honoured. */
export async function out(io: ProgramIO, text: string): Promise<void> {
  if (text) await io.stdout.write(text);
}

export function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** Byte order comparison, as `sort` and `ls` do in the C/C.UTF-8 locale. */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
