// Command-line flags with pflag's semantics and error texts: --name=value, --name value, -n value,
// -nvalue, combined bool shorthands (-it), `--` ends flags, flags may follow arguments.

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagDef {
  name: string;
  shorthand?: string;
  type: FlagType;
  default?: unknown;
  usage: string;
  /** Printed as the value placeholder in help (`--namespace string`). */
  valueName?: string;
  hidden?: boolean;
  /** For bool flags that accept `--flag=value` only, like --dry-run's old form. */
  noOptDefault?: string;
}

export class FlagError extends Error {}

export interface ParsedFlags {
  values: Map<string, unknown>;
  /** Flags the user set explicitly. */
  changed: Set<string>;
  args: string[];
  /** Arguments after `--` (kubectl exec/run take the command there). */
  dashArgs: string[];
  /** Position of `--` among the arguments, -1 without it (cobra's ArgsLenAtDash). */
  argsLenAtDash: number;
}

function parseValue(def: FlagDef, raw: string, shown: string): unknown {
  switch (def.type) {
    case 'bool': {
      const v = raw.toLowerCase();
      if (['1', 't', 'true'].includes(v) || raw === 'T' || raw === 'TRUE' || raw === 'True') return true;
      if (['0', 'f', 'false'].includes(v)) return false;
      throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      return Number(raw);
    }
    case 'duration': {
      const ms = parseGoDuration(raw);
      if (ms === undefined) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: time: invalid duration "${raw}"`);
      return ms;
    }
    default:
      return raw;
  }
}

/** Go's time.ParseDuration, in milliseconds ("0" and "30s", "1m30s", "500ms", "1h"). */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    pos = 1;
  }
  re.lastIndex = pos;
  let m: RegExpExecArray | null;
  let any = false;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * unit[m[2]];
    pos = re.lastIndex;
    any = true;
  }
  if (!any || pos !== s.length) return undefined;
  return sign * total;
}

export function parseFlags(argv: string[], defs: FlagDef[]): ParsedFlags {
  const byName = new Map<string, FlagDef>();
  const byShort = new Map<string, FlagDef>();
  for (const d of defs) {
    byName.set(d.name, d);
    if (d.shorthand) byShort.set(d.shorthand, d);
  }
  const values = new Map<string, unknown>();
  for (const d of defs) values.set(d.name, d.default ?? (d.type === 'bool' ? false : d.type === 'stringArray' || d.type === 'stringSlice' ? [] : d.type === 'int' || d.type === 'duration' ? 0 : ''));
  const changed = new Set<string>();
  const args: string[] = [];
  let dashArgs: string[] = [];
  let argsLenAtDash = -1;

  const set = (d: FlagDef, raw: string, shown: string) => {
    const v = parseValue(d, raw, shown);
    if (d.type === 'stringArray') {
      const prev = changed.has(d.name) ? (values.get(d.name) as string[]) : [];
      values.set(d.name, [...prev, raw]);
    } else if (d.type === 'stringSlice') {
      const prev = changed.has(d.name) ? (values.get(d.name) as string[]) : [];
      values.set(d.name, [...prev, ...(raw === '' ? [] : raw.split(','))]);
    } else {
      values.set(d.name, v);
    }
    changed.add(d.name);
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      argsLenAtDash = args.length;
      dashArgs = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const d = byName.get(name);
      if (!d) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(d, a.slice(eq + 1), `--${name}`);
      else if (d.type === 'bool') set(d, 'true', `--${name}`);
      else if (d.noOptDefault !== undefined) set(d, d.noOptDefault, `--${name}`);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(d, argv[++i], `--${name}`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Shorthands: -abc is -a -b -c for bools; a non-bool takes the rest or the next argument.
      let j = 1;
      while (j < a.length) {
        const c = a[j];
        const d = byShort.get(c);
        if (!d) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const shown = `-${c}, --${d.name}`;
        if (a[j + 1] === '=') {
          set(d, a.slice(j + 2), shown);
          break;
        }
        if (d.type === 'bool') {
          set(d, 'true', shown);
          j++;
          continue;
        }
        if (j + 1 < a.length) {
          set(d, a.slice(j + 1), shown);
        } else if (d.noOptDefault !== undefined) {
          set(d, d.noOptDefault, shown);
        } else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in ${a}`);
          set(d, argv[++i], shown);
        }
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { values, changed, args: [...args, ...dashArgs], dashArgs, argsLenAtDash };
}

/** Typed accessors over ParsedFlags. */
export class Flags {
  constructor(private readonly p: ParsedFlags) {}
  get args(): string[] {
    return this.p.args;
  }
  get argsLenAtDash(): number {
    return this.p.argsLenAtDash;
  }
  str(name: string): string {
    return String(this.p.values.get(name) ?? '');
  }
  bool(name: string): boolean {
    return this.p.values.get(name) === true;
  }
  int(name: string): number {
    return Number(this.p.values.get(name) ?? 0);
  }
  list(name: string): string[] {
    return (this.p.values.get(name) as string[] | undefined) ?? [];
  }
  changed(name: string): boolean {
    return this.p.changed.has(name);
  }
}
