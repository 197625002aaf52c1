// kubectl taint nodes NAME key[=value]:Effect ... key[:Effect]- ...: a node's spec.taints, rebuilt
// as kubectl's reorganizeTaints does (new taints first, then the old ones they do not replace) and
// sent as a strategic merge patch; each node prints tainted, untainted or modified.
import type { KubeObject } from '../../../api/types';
import type { CmdContext, CommandSpec } from '../../command';
import { F } from '../../command';
import { CmdError, formatError } from '../../errors';
import { objectPath } from '../../factory';
import { createTwoWayMergePatch, patchMetaForKind, type JsonObject } from '../../../api/patch';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunQuery, dryRunStrategy, printOperation, visitInfos } from '../rollout/common';

export interface Taint {
  key: string;
  value?: string;
  effect?: string;
}

export const taintCommand: CommandSpec = {
  name: 'taint',
  group: 'Cluster Management Commands',
  short: 'Update the taints on one or more nodes',
  long: `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.`,
  example: `  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
  # If a taint with that key and effect already exists, its value is replaced as specified
  kubectl taint nodes foo dedicated=special-user:NoSchedule

  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
  kubectl taint nodes foo dedicated:NoSchedule-

  # Remove from node 'foo' all the taints with key 'dedicated'
  kubectl taint nodes foo dedicated-

  # Add a taint with key 'dedicated' on nodes having label myLabel=X
  kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule

  # Add to node 'foo' a taint with key 'bar' and no value
  kubectl taint nodes foo bar:NoSchedule`,
  usage: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    { name: 'all', type: 'bool', usage: 'Select all nodes in the cluster' },
    { name: 'field-manager', type: 'string', default: 'kubectl-taint', usage: 'Name of the manager used to track field ownership.' },
    { name: 'overwrite', type: 'bool', usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
    { ...F.selector, usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
  ],
  run: runTaint,
};

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function usage(msg: string): CmdError {
  return new CmdError(`${msg}\nSee 'kubectl taint -h' for help and examples`);
}

/** validation.IsQualifiedName's messages. */
function qualifiedNameErrors(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (!prefix) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))
      errs.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
  } else if (parts.length > 2) {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  else if (!NAME_PART.test(name))
    errs.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  return errs;
}

function labelValueErrors(v: string): string[] {
  if (!v) return [];
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!NAME_PART.test(v))
    errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  return errs;
}

/** kubectl's parseTaint: key[=value][:effect]. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value: string | undefined;
  let effect: string | undefined;
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = labelValueErrors(value);
      if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${spec}`);
  const errs = qualifiedNameErrors(key);
  if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

/** kubectl's parseTaints: additions and removals (`-` suffix). */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      remove.push(parseTaint(spec.slice(0, -1)));
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new Error(`unknown taint spec: ${spec}`);
    const k = `${t.key}:${t.effect}`;
    // Go's %v of the v1.Taint struct: {Key Value Effect TimeAdded}.
    if (seen.has(k)) throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
    seen.add(k);
    add.push(t);
  }
  return { add, remove };
}

const matches = (a: Taint, b: Taint) => a.key === b.key && (a.effect ?? '') === (b.effect ?? '');
const show = (t: Taint) => (t.value ? `${t.key}=${t.value}` : t.key) + (t.effect ? `:${t.effect}` : '');

/** kubectl's reorganizeTaints: the operation word, the new list, and removals that found nothing. */
export function reorganizeTaints(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { op: string; taints: Taint[]; errors: string[] } {
  const taints = add.map((t) => ({ ...t }));
  for (const o of old) if (!taints.some((t) => matches(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  let list = taints;
  for (const r of remove) {
    const before = list.length;
    list = list.filter((t) => (r.effect ? !matches(t, r) : t.key !== r.key));
    removed = list.length !== before;
    if (!removed) errors.push(`taint "${show(r)}" not found`);
  }
  const op = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { op, taints: list, errors };
}

async function runTaint(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  const resources: string[] = [];
  const specs: string[] = [];
  for (const a of ctx.args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) specs.push(a);
    else if (specs.length) throw new CmdError(`all resources must be specified before taint changes: ${a}`);
    else resources.push(a);
  }
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(specs);
  } catch (e) {
    throw usage((e as Error).message);
  }
  if (!parsed.add.length && !parsed.remove.length) throw new CmdError('at least one taint update is required');
  if (!resources.length) throw new CmdError('one or more resources must be specified as <resource> <name>');
  // Validate maps the first argument as a resource type, even in type/name form.
  let r;
  try {
    r = await f.discovery.resolve(resources[0]);
  } catch (e) {
    throw e instanceof CmdError ? new CmdError(e.message, true) : e;
  }
  if (r.resource !== 'nodes') throw new CmdError(`invalid resource type ${resources[0]}, only node types are supported`);
  const conflicts: string[] = [];
  for (const a of parsed.add) for (const rm of parsed.remove) if (a.key === rm.key && (!rm.effect || rm.effect === a.effect)) conflicts.push(`${rm.key}=${rm.effect ?? ''}`);
  if (conflicts.length) throw new CmdError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = flags.bool('all');
  const selector = flags.str('selector');
  if (all && selector) throw new CmdError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) throw new CmdError("at least one resource name must be specified since 'all' parameter is not set");
  const dry = dryRunStrategy(ctx);
  const overwrite = flags.bool('overwrite');

  const { infos, errors } = await visitInfos(ctx, resources, { selector, all });
  const failures: unknown[] = [];
  for (const info of infos) {
    const node = info.object as KubeObject & { spec?: { taints?: Taint[] } };
    const old = node.spec?.taints ?? [];
    if (!overwrite) {
      const exists = parsed.add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect)).map((a) => a.key);
      if (exists.length) {
        failures.push(new CmdError(`node ${info.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`));
        continue;
      }
    }
    const { op, taints, errors: errs } = reorganizeTaints(old, overwrite, parsed.add, parsed.remove);
    if (errs.length) {
      failures.push(new CmdError(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`));
      continue;
    }
    const after = JSON.parse(JSON.stringify(node)) as JsonObject & { spec: Record<string, unknown> };
    after.spec = { ...(after.spec ?? {}), taints: taints.length ? taints : null } as Record<string, unknown>;
    if (!taints.length) delete after.spec.taints;
    try {
      if (dry === 'client') {
        // taint's printer carries no dry-run suffix.
        printOperation(ctx, info.resource, after as unknown as KubeObject, op);
        continue;
      }
      const patch = createTwoWayMergePatch(node as unknown as JsonObject, after, patchMetaForKind('', 'Node'));
      const res = await f.request({
        verb: 'PATCH',
        path: objectPath(info.resource, info.name),
        query: { ...dryRunQuery(dry), fieldManager: flags.str('field-manager') },
        body: patch ?? {},
        contentType: 'application/strategic-merge-patch+json',
      });
      printOperation(ctx, info.resource, res.body as KubeObject, op);
    } catch (e) {
      failures.push(e);
    }
  }
  failures.push(...errors);
  if (!failures.length) return 0;
  for (const e of failures.slice(0, -1)) ctx.err(formatError(e) + '\n');
  throw failures[failures.length - 1];
}
