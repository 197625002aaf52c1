// Entry point: `kubectl ARGS...` → the command, its flags, its run, and kubectl's error printing.
import { FlagError, Flags, parseFlags, type FlagDef } from './flags';
import { GLOBAL_FLAGS, type CmdContext, type CommandSpec } from './command';
import { Factory } from './factory';
import { formatError } from './errors';
import { commandHelp, rootHelp } from './help';
import { suggestions } from './suggest';
import type { KubectlConfig, KubectlIO } from './io';
import { COMMANDS } from './cmd';

/** Every command of the real kubectl, in its order, for "Did you mean this?". */
const ALL_NAMES = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate',
  'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward',
  'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label', 'annotate',
  'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin', 'version',
];

/** Global flags that take a value, so the command word can be found after them. */
const VALUE_FLAGS = new Set(GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.shorthand ? [`-${f.shorthand}`] : [])]));

function findCommand(argv: string[]): { path: CommandSpec[]; rest: string[] } {
  const path: CommandSpec[] = [];
  const rest: string[] = [];
  let level: CommandSpec[] = COMMANDS;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      rest.push(a);
      if (VALUE_FLAGS.has(a) && i + 1 < argv.length) rest.push(argv[++i]);
      continue;
    }
    const c = level.find((x) => x.name === a || x.aliases?.includes(a));
    if (!c) break;
    path.push(c);
    if (!c.subcommands?.length) {
      i++;
      break;
    }
    level = c.subcommands;
  }
  return { path, rest: [...rest, ...argv.slice(i)] };
}

export async function runKubectl(argv: string[], io: KubectlIO, config: KubectlConfig): Promise<number> {
  const out = (t: string) => io.stdout.write(t);
  const err = (t: string) => io.stderr.write(t);
  const { path, rest } = findCommand(argv);
  const cmd = path[path.length - 1];
  const pathName = path.map((c) => c.name).join(' ');
  if (!cmd) {
    const first = rest.find((a) => !a.startsWith('-'));
    if (first !== undefined) {
      const s = suggestions(first, ALL_NAMES);
      err(`error: unknown command "${first}" for "kubectl"${s.length ? `\n\nDid you mean this?\n${s.map((x) => `\t${x}`).join('\n')}` : ''}\n`);
      return 1;
    }
    out(rootHelp(COMMANDS));
    return 0;
  }
  const defs: FlagDef[] = [...GLOBAL_FLAGS, ...(cmd.flags ?? [])];
  let flags: Flags;
  try {
    flags = new Flags(parseFlags(rest, defs));
  } catch (e) {
    if (e instanceof FlagError) {
      err(`error: ${e.message}\nSee 'kubectl ${pathName} --help' for usage.\n`);
      return 1;
    }
    throw e;
  }
  if (flags.bool('help')) {
    out(commandHelp(pathName, cmd));
    return 0;
  }
  if (!cmd.run) {
    // A group without a subcommand (`kubectl rollout`): its help, as cobra prints it.
    const unknown = flags.args[0];
    if (unknown !== undefined) {
      err(`error: unknown command "${unknown}" for "kubectl ${pathName}"\n`);
      return 1;
    }
    // cobra prints a group's help and fails; kubectl rollout's goes to stdout, the others' to stderr.
    (cmd.name === 'rollout' ? out : err)(commandHelp(pathName, cmd));
    return 1;
  }
  const factory = new Factory(config, io);
  const ns = flags.changed('namespace') ? flags.str('namespace') : config.namespace;
  const ctx: CmdContext = {
    f: factory,
    io,
    flags,
    args: flags.args,
    namespace: ns || 'default',
    explicitNamespace: flags.changed('namespace'),
    path: pathName,
    out,
    err,
  };
  try {
    const code = await cmd.run(ctx);
    return typeof code === 'number' ? code : 0;
  } catch (e) {
    const exit = (e as { exitCode?: number }).exitCode ?? 1;
    const text = formatError(e);
    if (text) err(text.endsWith('\n') ? text : text + '\n');
    return exit;
  }
}
