// Tab completion for kubectl in the shell, as kubectl's cobra completion offers: commands and
// subcommands, resource types from discovery, object names from the API, flags, and the
// namespaces after -n.
import type { KubectlConfig } from './io';
import type { CommandSpec } from './command';
import { GLOBAL_FLAGS } from './command';
import { Discovery, type ApiResource } from './discovery';
import { collectionPath } from './factory';
import { COMMANDS } from './cmd';

/** Commands that take TYPE [NAME] arguments. */
const TAKES_RESOURCES = new Set(['get', 'describe', 'delete', 'autoscale', 'edit', 'label', 'annotate', 'patch', 'scale', 'expose', 'logs', 'exec', 'wait', 'status', 'history', 'undo', 'restart', 'pause', 'resume', 'image', 'cordon', 'uncordon', 'drain', 'explain', 'port-forward']);
/** Commands whose first argument is a pod or TYPE/NAME (logs, exec, port-forward). */
const TAKES_POD = new Set(['logs', 'exec', 'port-forward', 'attach']);
const NODE_COMMANDS = new Set(['cordon', 'uncordon', 'drain']);

async function names(config: KubectlConfig, r: ApiResource, namespace: string): Promise<string[]> {
  try {
    const res = await config.client.request({ verb: 'GET', path: collectionPath(r, namespace) });
    if (res.status !== 200) return [];
    return (res.body as { items: { metadata: { name: string } }[] }).items.map((o) => o.metadata.name);
  } catch {
    return [];
  }
}

export async function completeKubectl(words: string[], index: number, config: KubectlConfig): Promise<string[]> {
  const cur = words[index] ?? '';
  const before = words.slice(1, index);
  const prev = words[index - 1];
  const discovery = new Discovery(config.client);
  const nsIdx = before.findIndex((w) => w === '-n' || w === '--namespace');
  const namespace = nsIdx >= 0 && before[nsIdx + 1] ? before[nsIdx + 1] : (before.find((w) => w.startsWith('--namespace='))?.slice(12) ?? config.namespace);
  if (prev === '-n' || prev === '--namespace') {
    const ns = await discovery.tryResolve('namespaces');
    return ns ? (await names(config, ns, '')).filter((n) => n.startsWith(cur)) : [];
  }
  if (cur.startsWith('-')) {
    const path = commandPath(before);
    const cmd = path[path.length - 1];
    const flags = [...(cmd?.flags ?? []), ...GLOBAL_FLAGS].filter((f) => !f.hidden);
    return flags.map((f) => `--${f.name}`).filter((f) => f.startsWith(cur)).sort();
  }
  const positional = before.filter((w, i) => !w.startsWith('-') && !(i > 0 && (before[i - 1] === '-n' || before[i - 1] === '--namespace' || before[i - 1] === '-o' || before[i - 1] === '-l' || before[i - 1] === '-f')));
  const path = commandPath(positional);
  const level = path.length ? path[path.length - 1].subcommands : COMMANDS;
  const consumed = countCommandWords(positional);
  if (level && level.length && consumed === positional.length) {
    return level.map((c) => c.name).filter((n) => n.startsWith(cur)).sort();
  }
  const verb = path[path.length - 1]?.name ?? '';
  const args = positional.slice(consumed);
  if (NODE_COMMANDS.has(verb)) {
    const nodes = await discovery.tryResolve('nodes');
    return nodes ? (await names(config, nodes, '')).filter((n) => n.startsWith(cur)) : [];
  }
  if (TAKES_POD.has(verb) && args.length === 0 && !cur.includes('/')) {
    const pods = await discovery.tryResolve('pods');
    return pods ? (await names(config, pods, namespace)).filter((n) => n.startsWith(cur)) : [];
  }
  if (!TAKES_RESOURCES.has(verb)) return [];
  const all = await discovery.preferred().catch(() => [] as ApiResource[]);
  if (cur.includes('/')) {
    const [type, partial] = [cur.slice(0, cur.indexOf('/')), cur.slice(cur.indexOf('/') + 1)];
    const r = await discovery.tryResolve(type);
    if (!r) return [];
    return (await names(config, r, namespace)).filter((n) => n.startsWith(partial)).map((n) => `${type}/${n}`);
  }
  if (args.length === 0) {
    return [...new Set(all.filter((r) => r.verbs.includes('list')).map((r) => r.resource))].filter((n) => n.startsWith(cur)).sort();
  }
  const r = await discovery.tryResolve(args[0].split(',')[0]);
  if (!r) return [];
  return (await names(config, r, r.namespaced ? namespace : '')).filter((n) => n.startsWith(cur));
}

function commandPath(words: string[]): CommandSpec[] {
  const out: CommandSpec[] = [];
  let level: CommandSpec[] | undefined = COMMANDS;
  for (const w of words) {
    if (w.startsWith('-') || !level) continue;
    const c: CommandSpec | undefined = level.find((x) => x.name === w || x.aliases?.includes(w));
    if (!c) break;
    out.push(c);
    level = c.subcommands;
  }
  return out;
}

function countCommandWords(words: string[]): number {
  return commandPath(words).length;
}
