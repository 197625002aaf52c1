// kubectl wait --for=delete|condition=C[=V]|jsonpath='{...}'[=V]|create (TYPE NAME | TYPE/NAME | -l):
// an informer per object (list + watch by metadata.name), each with its own --timeout.
import type { KubeObject } from '../../../api/types';
import type { CmdContext, CommandSpec } from '../../command';
import { F } from '../../command';
import { CmdError, ServerError, formatError } from '../../errors';
import { objectPath } from '../../factory';
import { kindPrefix } from '../../resources';
import { parseJsonPath, findJsonPathResults } from '../../printers/jsonpath';
import { relaxedJsonPathExpression as relaxedJsonPath } from '../../printers/customcolumns';
import { PRINT_FLAGS, visitInfos, watchOne, type Info } from '../rollout/common';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

type Cond =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; type: string; value: string }
  | { kind: 'jsonpath'; path: string; value?: string };

export function parseFor(s: string): Cond {
  if (s.toLowerCase() === 'delete') return { kind: 'delete' };
  if (s.toLowerCase() === 'create') return { kind: 'create' };
  if (s.startsWith('condition=')) {
    const rest = s.slice('condition='.length);
    const i = rest.indexOf('=');
    return i < 0 ? { kind: 'condition', type: rest, value: 'true' } : { kind: 'condition', type: rest.slice(0, i), value: rest.slice(i + 1) };
  }
  if (s.startsWith('jsonpath=')) {
    const rest = s.slice('jsonpath='.length);
    // The expression ends at the last '}' followed by '=' (or is the whole text).
    const m = /^(.*\})=(.*)$/s.exec(rest);
    let path = m ? m[1] : rest;
    const value = m ? m[2] : undefined;
    if (!path) throw new CmdError('jsonpath expression cannot be empty');
    try {
      path = relaxedJsonPath(path);
      parseJsonPath(path);
    } catch (e) {
      throw new CmdError(`unrecognized condition: "${s}"`);
    }
    if (value !== undefined && value === '') throw new CmdError('jsonpath wait value cannot be empty');
    return { kind: 'jsonpath', path, value };
  }
  throw new CmdError(`unrecognized condition: "${s}"`);
}

function conditionMet(o: Any, c: Extract<Cond, { kind: 'condition' }>): boolean {
  for (const cond of o.status?.conditions ?? []) {
    if (String(cond.type).toLowerCase() !== c.type.toLowerCase()) continue;
    if (cond.observedGeneration !== undefined && o.metadata?.generation !== undefined && cond.observedGeneration !== o.metadata.generation) return false;
    return String(cond.status).toLowerCase() === c.value.toLowerCase();
  }
  return false;
}

function jsonpathMet(o: Any, c: Extract<Cond, { kind: 'jsonpath' }>): boolean {
  let results: unknown[][];
  try {
    results = findJsonPathResults(parseJsonPath(c.path), o, { allowMissingKeys: true });
  } catch {
    return false;
  }
  const flat = results.flat();
  if (c.value === undefined) return flat.length > 0;
  if (flat.length !== 1) return false;
  const v = flat[0];
  if (v === null || typeof v === 'object') return false;
  return String(v) === c.value;
}

async function waitOne(ctx: CmdContext, info: Info, cond: Cond, timeout: number): Promise<boolean> {
  const shown = `${kindPrefix(info.resource)}/${info.name}`;
  const uid = info.object.metadata?.uid;
  const res = await watchOne(ctx, info.resource, info.name, info.namespace, timeout, (type, obj) => {
    if (cond.kind === 'delete') return type === 'MISSING' || type === 'DELETED' || (obj?.metadata?.uid !== undefined && obj.metadata.uid !== uid);
    if (cond.kind === 'create') return type !== 'DELETED' && type !== 'MISSING';
    if (type === 'MISSING' || type === 'DELETED') return false;
    return cond.kind === 'condition' ? conditionMet(obj as Any, cond) : jsonpathMet(obj as Any, cond);
  });
  if (res === 'done') {
    ctx.out(`${shown} condition met\n`);
    return true;
  }
  if (res === 'aborted') throw new CmdError('interrupted', true, 130);
  throw new CmdError(`timed out waiting for the condition on ${info.resource.resource}/${info.name}`);
}

async function runWait(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  const cond = parseFor(flags.str('for'));
  const timeout = flags.changed('timeout') ? flags.int('timeout') : 30000;
  if (timeout < 0) {
    // A negative timeout means a week, as kubectl does.
  }
  const effective = timeout < 0 ? 7 * 24 * 3600 * 1000 : timeout;
  const files = flags.list('filename');
  if (!ctx.args.length && !files.length) {
    throw new CmdError(
      `You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  }
  const all = flags.bool('all');
  const selector = flags.str('selector');
  if (cond.kind === 'delete' || cond.kind === 'create') {
    // Deletion: objects already gone are done; nothing is printed for them.
  }
  const { infos, errors } = await visitInfos(ctx, ctx.args, { selector, all, files, recursive: flags.bool('recursive') });
  if (cond.kind === 'delete') errors.splice(0, errors.length, ...errors.filter((e) => !(e instanceof ServerError && e.status.code === 404)));
  if (errors.length) {
    for (const e of errors.slice(0, -1)) ctx.err(formatError(e) + '\n');
    throw errors[errors.length - 1];
  }
  if (!infos.length && (selector || all) && cond.kind !== 'delete') throw new CmdError('no matching resources found');
  for (const info of infos) {
    if (cond.kind === 'delete') {
      // A GET first: an object already gone is done without output.
      try {
        const cur = (await f.request({ verb: 'GET', path: objectPath(info.resource, info.name, info.namespace) })).body as KubeObject;
        if (cur.metadata?.uid !== info.object.metadata?.uid) continue;
      } catch (e) {
        if (e instanceof ServerError && e.status.code === 404) continue;
        throw e;
      }
    }
    await waitOne(ctx, info, cond, effective === 0 ? -1 : effective);
  }
  return 0;
}

export const waitCommand: CommandSpec = {
  name: 'wait',
  group: 'Advanced Commands',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: `Wait for a specific condition on one or many resources.

 The command takes several resources and waits until each has the condition given with --for: a status condition (condition=Ready, condition=Available=false), a field value by JSONPath (jsonpath='{.status.phase}'=Running), its creation (create) or its deletion (delete). Each object may take up to --timeout; on success it prints "condition met" for the object.`,
  example: `  # Wait for the pod web to be Ready
  kubectl wait --for=condition=Ready pod/web

  # Wait for a field to reach a value
  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web

  # Wait for every pod labelled app=web to be Ready, for at most a minute
  kubectl wait --for=condition=Ready pod -l app=web --timeout=60s

  # Wait for the pod web to be deleted
  kubectl delete pod/web --wait=false
  kubectl wait --for=delete pod/web --timeout=60s`,
  usage: 'wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]] [options]',
  flags: [
    ...PRINT_FLAGS,
    F.filename,
    F.recursive,
    { ...F.selector, usage: 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2)' },
    F.fieldSelector,
    { ...F.all, usage: 'Select all resources in the namespace of the specified resource types' },
    F.allNamespaces,
    { name: 'for', type: 'string', usage: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    { name: 'timeout', type: 'duration', default: 30000, usage: 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.' },
    { name: 'local', type: 'bool', usage: 'If true, annotation will NOT contact api-server but run locally.' },
  ],
  run: runWait,
};
