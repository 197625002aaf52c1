// kubectl label / annotate: KEY=VALUE and KEY- changes on objects given by name, TYPE/NAME, -f,
// -l or --all; GET, then a JSON merge patch of metadata.labels (annotations); --list prints them.
import type { KubeObject } from '../../../api/types';
import { createMergePatch, marshalGo } from '../../../api/patch';
import { F, type CmdContext, type CommandSpec } from '../../command';
import { CmdError } from '../../errors';
import { collectionPath, objectPath } from '../../factory';
import type { ApiResource } from '../../discovery';
import { selectFromArgs, selectFromFiles, type Target } from '../../resources';
import { dryRunStrategy, resultPrinter, send, throwErrors, writeQuery } from '../../apply/common';
import { printingFlags } from '../create/flags';

type Mode = 'label' | 'annotate';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QNAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function keyErrors(key: string): string[] {
  const parts = key.split('/');
  const errs: string[] = [];
  let name = key;
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (!prefix) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      errs.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
    }
  } else if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name && !QNAME.test(name)) {
    errs.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  }
  return errs;
}

function parsePairs(mode: Mode, pairs: string[]): { add: [string, string][]; remove: string[] } {
  const add: [string, string][] = [];
  const remove: string[] = [];
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq >= 0) {
      const k = p.slice(0, eq);
      const v = p.slice(eq + 1);
      if (mode === 'label') {
        const ke = keyErrors(k);
        if (ke.length) throw new CmdError(`invalid label spec: ${p}`);
        if (v.length > 63 || !LABEL_VALUE.test(v)) {
          throw new CmdError(
            `invalid label value: "${p}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
          );
        }
      } else if (!k) throw new CmdError(`invalid annotation format: ${p}`);
      add.push([k, v]);
    } else if (p.endsWith('-')) {
      remove.push(p.slice(0, -1));
    } else {
      throw new CmdError(`invalid ${mode === 'label' ? 'label' : 'annotation'} format: ${p}`);
    }
  }
  for (const r of remove) {
    if (add.some(([k]) => k === r)) throw new CmdError(`can not both modify and remove ${mode === 'label' ? 'a label' : 'an annotation'} in the same command`);
  }
  return { add, remove };
}

function makeCommand(mode: Mode): CommandSpec {
  const noun = mode === 'label' ? 'labels' : 'annotations';
  const past = mode === 'label' ? 'labeled' : 'annotated';
  return {
    name: mode,
    group: 'Settings Commands',
    short: mode === 'label' ? 'Update the labels on a resource' : 'Update the annotations on a resource',
    long:
      mode === 'label'
        ? `Update the labels on a resource.

 A label key and value must each be 63 characters or fewer, start and end with a letter or digit, and otherwise use letters, digits, '-', '_' and '.'; a key may carry a DNS subdomain prefix and '/'. Changing a label that already has a value needs --overwrite. KEY- removes a label.`
        : `Update the annotations on one or more resources.

 Annotations are free-form key/value pairs for tools and people. Changing an annotation that already has a value needs --overwrite. KEY- removes an annotation.`,
    example:
      mode === 'label'
        ? `  # Label the pod web-1 with tier=frontend
  kubectl label pods web-1 tier=frontend

  # Change an existing label
  kubectl label pods web-1 tier=backend --overwrite

  # Label every pod in the namespace
  kubectl label pods --all status=checked

  # Remove the label tier
  kubectl label pods web-1 tier-`
        : `  # Annotate the pod web-1 with a description
  kubectl annotate pods web-1 description='serves the front page'

  # Change an existing annotation
  kubectl annotate pods web-1 description='serves the API' --overwrite

  # Remove the annotation description
  kubectl annotate pods web-1 description-`,
    usage:
      mode === 'label'
        ? 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]'
        : 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
    flags: [
      ...printingFlags,
      { ...F.all, usage: `Select all resources, in the namespace of the specified resource types` },
      F.allNamespaces,
      { ...F.fieldManager, default: `kubectl-${mode}` },
      F.fieldSelector,
      { ...F.filename, usage: `Filename, directory, or URL to files identifying the resource to update the ${noun}` },
      { name: 'list', type: 'bool', usage: `If true, display the ${noun} for a given resource.` },
      { name: 'local', type: 'bool', usage: `If true, ${mode} will NOT contact api-server but run locally.` },
      { ...F.overwrite, usage: `If true, allow ${noun} to be overwritten, otherwise reject ${mode === 'label' ? 'label' : 'annotation'} updates that overwrite existing ${noun}.` },
      F.recursive,
      { name: 'resource-version', type: 'string', usage: `If non-empty, the ${mode === 'label' ? 'labels update' : 'annotation update'} will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.` },
      F.selector,
    ],
    run: (ctx) => runLabel(ctx, mode, past),
  };
}

export const labelCommand = makeCommand('label');
export const annotateCommand = makeCommand('annotate');

async function runLabel(ctx: CmdContext, mode: Mode, past: string): Promise<number> {
  const { flags } = ctx;
  const files = flags.list('filename');
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of ctx.args) {
    if (a.includes('=') || a.endsWith('-')) pairs.push(a);
    else if (pairs.length) throw new CmdError(`all resources must be specified before ${mode === 'label' ? 'label' : 'annotation'} changes: ${a}`);
    else resources.push(a);
  }
  if (!resources.length && !files.length) throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const list = flags.bool('list');
  if (!pairs.length && !list) throw new CmdError(`at least one ${mode === 'label' ? 'label' : 'annotation'} update is required`);
  const { add, remove } = parsePairs(mode, pairs);
  const overwrite = flags.bool('overwrite');
  const dryRun = dryRunStrategy(ctx);
  const printer = resultPrinter(ctx);
  const selector = flags.str('selector');
  const fieldSel = flags.str('field-selector');
  const all = flags.bool('all');
  const rv = flags.str('resource-version');

  let targets: Target[];
  if (files.length) {
    targets = await selectFromFiles(ctx.f, files, ctx.namespace, ctx.explicitNamespace, flags.bool('recursive'));
  } else {
    const sel = await selectFromArgs(ctx.f, resources, flags.bool('all-namespaces') ? undefined : ctx.namespace);
    if (sel.named && (all || selector || fieldSel)) throw new CmdError('name cannot be provided when a selector is specified');
    if (!sel.named && !all && !selector && !fieldSel) throw new CmdError('resource(s) were provided, but no name was specified');
    targets = sel.targets;
  }

  // Gather the objects (GET each named one, list the collections).
  const objects: { r: ApiResource; obj: KubeObject }[] = [];
  const errs: unknown[] = [];
  for (const t of targets) {
    try {
      if (t.name !== undefined) {
        objects.push({ r: t.resource, obj: (await send(ctx, { verb: 'GET', path: objectPath(t.resource, t.name, t.namespace) })).body as KubeObject });
      } else {
        const q: Record<string, string> = {};
        if (selector) q.labelSelector = selector;
        if (fieldSel) q.fieldSelector = fieldSel;
        const l = (await send(ctx, { verb: 'GET', path: collectionPath(t.resource, t.namespace), query: q })).body as { items?: KubeObject[] };
        for (const o of l.items ?? []) objects.push({ r: t.resource, obj: o });
      }
    } catch (e) {
      errs.push(e);
    }
  }
  if (rv && objects.length > 1) throw new CmdError('--resource-version may only be used with a single resource');

  for (const { r, obj } of objects) {
    const field = mode === 'label' ? 'labels' : 'annotations';
    const current: Record<string, string> = { ...((obj.metadata?.[field] as Record<string, string> | undefined) ?? {}) };
    if (list) {
      for (const k of Object.keys(current).sort()) ctx.out(`${k}=${current[k]}\n`);
      continue;
    }
    // Validate against --overwrite first, as kubectl does before changing anything.
    const clashes = add.filter(([k, v]) => !overwrite && k in current && current[k] !== v);
    if (clashes.length) {
      if (mode === 'label') {
        const [k] = clashes[0];
        errs.push(new CmdError(`'${k}' already has a value (${current[k]}), and --overwrite is false`));
      } else {
        errs.push(new CmdError(`--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}`));
      }
      continue;
    }
    const next = { ...current };
    for (const [k, v] of add) next[k] = v;
    for (const k of remove) {
      if (!(k in next)) {
        if (mode === 'label') ctx.out(`label "${k}" not found.\n`);
        continue;
      }
      delete next[k];
    }
    const before = { metadata: { [field]: current } } as Record<string, unknown>;
    const after = { metadata: { [field]: next } } as Record<string, unknown>;
    if (rv) (after.metadata as Record<string, unknown>).resourceVersion = rv;
    const patch = createMergePatch(before, after);
    const changed = marshalGo(patch) !== '{}';
    let msg = past;
    if (mode === 'label') {
      const withoutRv = createMergePatch({ metadata: { labels: current } }, { metadata: { labels: next } });
      const diff = marshalGo(withoutRv) !== '{}';
      msg = !diff ? 'not labeled' : !overwrite && Object.keys(next).length < Object.keys(current).length ? 'unlabeled' : 'labeled';
    }
    void changed;
    const name = obj.metadata?.name ?? '';
    const ns = r.namespaced ? obj.metadata?.namespace : undefined;
    if (dryRun === 'client') {
      const o = { ...obj, metadata: { ...obj.metadata, [field]: next } };
      printer.print(r, o, msg, dryRun);
      continue;
    }
    try {
      const res = await send(ctx, {
        verb: 'PATCH',
        path: objectPath(r, name, ns),
        query: writeQuery(ctx.flags.str('field-manager'), dryRun),
        body: marshalGo(patch),
        contentType: 'application/merge-patch+json',
      });
      printer.print(r, res.body as KubeObject, msg, dryRun);
    } catch (e) {
      errs.push(e);
    }
  }
  throwErrors(errs);
  return 0;
}
