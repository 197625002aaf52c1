// Help in kubectl's layout (templates.go in kubectl's pkg/util/templates): description, examples,
// options with their defaults, usage, and the pointer to `kubectl options`. Texts are our own.
import type { FlagDef } from './flags';
import type { CommandSpec } from './command';

function flagDefault(d: FlagDef): string {
  const v = d.default ?? (d.type === 'bool' ? false : d.type === 'int' || d.type === 'duration' ? 0 : d.type === 'stringSlice' || d.type === 'stringArray' ? '[]' : '');
  if (d.type === 'duration') return v === 0 ? '0s' : `${Number(v) / 1000}s`;
  if (d.type === 'stringSlice' || d.type === 'stringArray') return Array.isArray(v) ? `[${v.join(',')}]` : String(v);
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
  if (c.subcommands?.length) {
    parts.push('Available Commands:');
    const w = Math.max(...c.subcommands.map((s) => s.name.length));
    for (const s of c.subcommands) parts.push(`  ${s.name.padEnd(w + 2)}${s.short}`);
    parts.push('');
  }
  if (c.example) parts.push('Examples:', c.example.replace(/^\n+|\n+$/g, ''), '');
  if (c.flags?.some((f) => !f.hidden)) parts.push('Options:', flagsHelp(c.flags));
  parts.push('Usage:', `  kubectl ${c.usage}`, '');
  if (c.subcommands?.length) parts.push(`Use "kubectl ${path} <command> --help" for more information about a given command.`);
  parts.push('Use "kubectl options" for a list of global command-line options (applies to all commands).', '');
  return parts.join('\n');
}

export function rootHelp(commands: CommandSpec[]): string {
  const out: string[] = ['kubectl controls the Kubernetes cluster manager.', '', ' Find more information at: https://kubernetes.io/docs/reference/kubectl/', ''];
  const groups: string[] = [];
  for (const c of commands) if (c.group && !groups.includes(c.group)) groups.push(c.group);
  for (const g of groups) {
    out.push(`${g}:`);
    const cs = commands.filter((c) => c.group === g);
    for (const c of cs) out.push(`  ${c.name.padEnd(15)} ${c.short}`);
    out.push('');
  }
  out.push('Usage:', '  kubectl [flags] [options]', '', 'Use "kubectl <command> --help" for more information about a given command.', 'Use "kubectl options" for a list of global command-line options (applies to all commands).', '');
  return out.join('\n');
}
