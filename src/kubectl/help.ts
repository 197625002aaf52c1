// Help in kubectl's layout (templates.go in kubectl's pkg/util/templates): description, examples,
// options with their defaults, usage, and the pointer to `kubectl options`. Texts are our own.
import type { FlagDef } from './flags';
import type { CommandSpec } from './command';

/** Go's time.Duration String: `0s`, `30s`, `1m0s`, `1h0m0s`, `1.5s`, `500ms`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = (rest / 1000).toFixed(3).replace(/\.?0+$/, '');
  if (h) return `${sign}${h}h${m}m${s}s`;
  if (m) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

/** The default as kubectl's help prints it (pflag's DefValue; strings in single quotes). */
function flagDefault(d: FlagDef): string {
  const v = d.default ?? (d.type === 'bool' ? false : d.type === 'int' || d.type === 'duration' ? 0 : d.type === 'stringSlice' || d.type === 'stringArray' ? '[]' : '');
  if (d.type === 'duration') return goDuration(Number(v));
  if (d.type === 'stringSlice' || d.type === 'stringArray') return Array.isArray(v) ? `[${v.join(',')}]` : String(v);
  if (d.type === 'string') return `'${String(v)}'`;
  return String(v);
}

export function flagsHelp(flags: FlagDef[]): string {
  const lines: string[] = [];
  for (const d of [...flags].filter((x) => !x.hidden && x.name !== 'help').sort((a, b) => a.name.localeCompare(b.name))) {
    const head = d.shorthand ? `    -${d.shorthand}, --${d.name}=${flagDefault(d)}:` : `    --${d.name}=${flagDefault(d)}:`;
    lines.push(head, `\t${d.usage}`, '');
  }
  return lines.join('\n');
}

export function commandHelp(path: string, c: CommandSpec): string {
  const parts: string[] = [];
  parts.push((c.long ?? c.short).trim(), '');
  // cobra's NameAndAliases.
  if (c.aliases?.length) parts.push('Aliases:', [c.name, ...c.aliases].join(', '), '');
  if (c.subcommands?.length) {
    parts.push('Available Commands:');
    const w = Math.max(...c.subcommands.map((s) => s.name.length));
    for (const s of c.subcommands) parts.push(`  ${s.name.padEnd(w + 2)}${s.short}`);
    parts.push('');
  }
  // templates.Examples indents every line, the blank ones too.
  if (c.example) parts.push('Examples:', c.example.replace(/^\n+|\n+$/g, '').replace(/^$/gm, '  '), '');
  if (c.flags?.some((f) => !f.hidden)) parts.push('Options:', flagsHelp(c.flags));
  parts.push('Usage:', `  kubectl ${c.usage}`, '');
  if (c.subcommands?.length) parts.push(`Use "kubectl ${path} <command> --help" for more information about a given command.`);
  parts.push('Use "kubectl options" for a list of global command-line options (applies to all commands).', '');
  return parts.join('\n');
}

/** kubectl's root help: its groups and their commands, in its order (we list the ones we serve). */
const ROOT_GROUPS: [string, string[]][] = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
  ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale', 'autoscale']],
  ['Cluster Management Commands', ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events']],
  ['Advanced Commands', ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize']],
  ['Settings Commands', ['label', 'annotate', 'completion']],
  ['Subcommands provided by plugins', []],
  ['Other Commands', ['api-resources', 'api-versions', 'config', 'plugin', 'version']],
];

export function rootHelp(commands: CommandSpec[]): string {
  const out: string[] = ['kubectl controls the Kubernetes cluster manager.', '', ' Find more information at: https://kubernetes.io/docs/reference/kubectl/', ''];
  const byName = new Map(commands.map((c) => [c.name, c]));
  for (const [g, names] of ROOT_GROUPS) {
    out.push(`${g}:`);
    for (const n of names) {
      const c = byName.get(n);
      if (c) out.push(`  ${c.name.padEnd(15)} ${c.short}`);
    }
    out.push('');
  }
  out.push('Usage:', '  kubectl [flags] [options]', '', 'Use "kubectl <command> --help" for more information about a given command.', 'Use "kubectl options" for a list of global command-line options (applies to all commands).', '');
  return out.join('\n');
}
