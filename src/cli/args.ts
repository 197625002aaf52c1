// A tiny flag parser for the kubeplay subcommands: `--name value`, `--name=value`, boolean
// flags, short aliases. Unknown flags are errors so typos do not silently change behaviour.

export interface FlagSpec {
  /** Long name without dashes. */
  name: string;
  /** One-letter alias, e.g. 'v'. */
  short?: string;
  type: 'string' | 'number' | 'boolean';
}

export interface Parsed {
  flags: Record<string, string | number | boolean>;
  positionals: string[];
}

export class UsageError extends Error {}

export function parseFlags(argv: string[], specs: FlagSpec[]): Parsed {
  const flags: Parsed['flags'] = {};
  const positionals: string[] = [];
  const find = (key: string): FlagSpec | undefined =>
    specs.find((s) => s.name === key || (s.short !== undefined && s.short === key));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const key = eq >= 0 ? body.slice(0, eq) : body;
    const spec = find(key);
    if (!spec) throw new UsageError(`unknown flag: ${arg}`);
    let raw: string | undefined = eq >= 0 ? body.slice(eq + 1) : undefined;
    if (spec.type === 'boolean') {
      flags[spec.name] = raw === undefined ? true : raw !== 'false' && raw !== '0';
      continue;
    }
    if (raw === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: ${arg}`);
      raw = argv[++i];
    }
    if (spec.type === 'number') {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`invalid number for --${spec.name}: ${raw}`);
      flags[spec.name] = n;
    } else {
      flags[spec.name] = raw;
    }
  }
  return { flags, positionals };
}
