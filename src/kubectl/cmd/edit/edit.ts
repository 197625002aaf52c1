// kubectl edit: the object as YAML (or JSON) under kubectl's header comment, opened in the host's
// editor (io.edit); on save a two-way strategic merge patch (JSON merge patch for kinds without
// strategic metadata) with fieldValidation=Strict; invalid edits re-open the file with the
// server's reasons in the header, as kubectl's editoptions do.
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../api/types';
import { createMergePatch, createTwoWayMergePatch, deepEqual, marshalGo, patchMetaForKind, supportsStrategicMerge } from '../../../api/patch';
import { F, type CmdContext, type CommandSpec } from '../../command';
import { CmdError, ServerError } from '../../errors';
import { collectionPath, objectPath } from '../../factory';
import type { ApiResource } from '../../discovery';
import { groupResource } from '../../discovery';
import { selectFromArgs, selectFromFiles, type Target } from '../../resources';
import { toYaml } from '../../printers/yaml';
import { toJson } from '../../printers/json';
import { fieldValidation, resultPrinter, send, withLastApplied, writeQuery } from '../../apply/common';
import { printingFlags, saveConfigFlag, validateFlag } from '../create/flags';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export const editCommand: CommandSpec = {
  name: 'edit',
  group: 'Basic Commands (Intermediate)',
  short: 'Edit a resource on the server',
  long: `Edit a resource from the default editor.

 The object opens as YAML (or JSON with -o json). Save and close the editor to send your changes; leave the file as it was, or empty it, to cancel. When the server refuses the change, the file opens again with the reasons at the top, so you can fix it or give up by saving it unchanged.`,
  example: `  # Edit the service named web
  kubectl edit svc/web

  # Edit a deployment in JSON
  kubectl edit deployment/web -o json

  # Edit a deployment and keep the result as its last applied configuration
  kubectl edit deployment/web --save-config`,
  usage: 'edit (RESOURCE/NAME | -f FILENAME) [options]',
  flags: [
    ...printingFlags.filter((f) => f.name !== 'dry-run'),
    { ...F.fieldManager, default: 'kubectl-edit' },
    { ...F.filename, usage: 'Filename, directory, or URL to files to use to edit the resource' },
    { name: 'output-patch', type: 'bool', usage: 'Output the patch if the resource is edited.' },
    F.recursive,
    saveConfigFlag,
    { name: 'subresource', type: 'string', usage: 'If specified, edit will operate on the subresource of the requested object.' },
    validateFlag,
    { name: 'windows-line-endings', type: 'bool', usage: 'Defaults to the line ending native to your platform.' },
  ],
  run: runEdit,
};

const REQUIRE = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** Lines that are comments (first non-blank character '#') removed. */
function stripComments(s: string): string {
  return s
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

function hasLines(s: string): boolean {
  return s.split('\n').some((l) => {
    const t = l.trim();
    return t.length > 0 && t[0] !== '#';
  });
}

function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, '\n# ');
}

interface Reason {
  head: string;
  other: string[];
}

function header(reasons: Reason[]): string {
  let h = HEADER;
  for (const r of reasons) {
    h += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) h += `# * ${hashOnLineBreak(o)}\n`;
    h += '#\n';
  }
  return h;
}

function yamlError(e: { message: string; linePos?: { line: number }[] }): string {
  const line = e.linePos?.[0]?.line;
  const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (/flow|Missing closing|Unexpected end/i.test(msg)) return `yaml: line ${line ?? 1}: did not find expected ',' or ']'`;
  return `yaml: ${line ? `line ${line}: ` : ''}${msg}`;
}

/** Parses the saved text: the objects, or a syntax error text. */
function parseEdited(text: string, json: boolean): { objects?: KubeObject[]; error?: string } {
  if (json) {
    try {
      const v = JSON.parse(stripComments(text)) as KubeObject;
      return { objects: flatten([v]) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const d of list) {
    const err = (d as { errors?: { message: string; linePos?: { line: number }[] }[] }).errors?.[0];
    if (err) return { error: yamlError(err) };
    const v = (d as { toJSON(): unknown }).toJSON();
    if (v !== null && v !== undefined) out.push(v);
  }
  return { objects: flatten(out as KubeObject[]) };
}

function flatten(objs: KubeObject[]): KubeObject[] {
  const out: KubeObject[] = [];
  for (const o of objs) {
    if (o && typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray((o as { items?: unknown }).items)) out.push(...((o as unknown as { items: KubeObject[] }).items ?? []));
    else out.push(o);
  }
  return out;
}

function stripManaged(o: KubeObject): KubeObject {
  if (!o.metadata?.managedFields) return o;
  const { managedFields: _m, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}

let fileCounter = 0;

async function runEdit(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const o = flags.str('output') || 'yaml';
  if (o !== 'yaml' && o !== 'json') throw new CmdError(`the flag 'output' must be one of yaml|json`);
  const json = o === 'json';
  const files = flags.list('filename');
  let targets: Target[];
  if (files.length) {
    targets = await selectFromFiles(ctx.f, files, ctx.namespace, ctx.explicitNamespace, flags.bool('recursive'));
  } else {
    if (!ctx.args.length) throw new CmdError(REQUIRE);
    targets = (await selectFromArgs(ctx.f, ctx.args, ctx.namespace)).targets;
  }
  const validation = fieldValidation(ctx);
  const sub = flags.str('subresource');
  // The objects as they are now.
  const infos: { r: ApiResource; obj: KubeObject; ns?: string }[] = [];
  for (const t of targets) {
    if (t.name === undefined) {
      const list = (await send(ctx, { verb: 'GET', path: collectionPath(t.resource, t.namespace) })).body as { items?: KubeObject[] };
      for (const item of list.items ?? []) infos.push({ r: t.resource, obj: withType(item, t.resource), ns: t.resource.namespaced ? item.metadata.namespace : undefined });
      continue;
    }
    const obj = (await send(ctx, { verb: 'GET', path: objectPath(t.resource, t.name, t.namespace) + (sub ? `/${sub}` : '') })).body as KubeObject;
    infos.push({ r: t.resource, obj: withType(obj, t.resource), ns: t.namespace });
  }
  if (!infos.length) throw new CmdError('edit cancelled, no objects found');
  if (!ctx.io.edit) throw new CmdError(`there was a problem with the editor "vi"`);

  const printed = infos.length === 1 ? stripManaged(infos[0].obj) : { apiVersion: 'v1', items: infos.map((i) => stripManaged(i.obj)), kind: 'List', metadata: { resourceVersion: '' } };
  const body = json ? toJson(printed) : toYaml(printed);
  const original = HEADER + body;
  const printer = resultPrinter(ctx);

  let reasons: Reason[] = [];
  let containsError = false;
  let edited = '';
  let file = '';
  for (;;) {
    // Ctrl-C while the user goes round fixing errors ends the edit, as SIGINT ends kubectl.
    if (ctx.io.signal.aborted) return 130;
    const buf = containsError ? header(reasons) + stripComments(edited) : original;
    const prev = edited;
    file = `/tmp/kubectl-edit-${editFileId(ctx)}.${json ? 'json' : 'yaml'}`;
    let saved: string | null;
    try {
      saved = await ctx.io.edit(buf, file);
    } catch {
      // The host has no editor to open (e.g. the page's editor is not listening).
      throw new CmdError(`there was a problem with the editor "vi"`);
    }
    if (saved === null) {
      ctx.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    edited = saved;
    if (containsError && stripComments(prev) === stripComments(edited)) {
      ctx.err(`A copy of your changes has been stored to "${file}"\n`);
      throw new CmdError('Edit cancelled, no valid changes were saved.');
    }
    if (stripComments(original) === stripComments(edited)) {
      ctx.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(edited)) {
      ctx.err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    const parsed = parseEdited(edited, json);
    reasons = [];
    if (parsed.error !== undefined) {
      containsError = true;
      const first = infos[0];
      ctx.err(`error: ${groupResource(first.r)} "${first.obj.metadata.name}" is invalid\n`);
      reasons.push({ head: `${groupResource(first.r)} "${first.obj.metadata.name}" was not valid`, other: [`<nil>: Invalid value: "The edited file failed validation": ${parsed.error}`] });
      continue;
    }
    containsError = false;
    let invalid = 0;
    let retryable = 0;
    let notFound = 0;
    for (const obj of parsed.objects ?? []) {
      const info = infos.find((i) => i.obj.metadata.uid === obj.metadata?.uid) ?? (infos.length === 1 ? infos[0] : undefined);
      if (!info) throw new CmdError(`no original object found for ${marshalGo(obj)}`);
      const before = stripManaged(info.obj);
      let after = obj;
      if (flags.bool('save-config')) after = withLastApplied(after);
      if (deepEqual(before, after)) {
        printer.print(info.r, info.obj, 'skipped');
        continue;
      }
      const strategic = supportsStrategicMerge(info.r.group);
      const patch = strategic ? createTwoWayMergePatch(before, after, patchMetaForKind(info.r.group, info.r.kind)) : createMergePatch(before, after);
      const meta = (patch as { metadata?: Record<string, unknown> }).metadata;
      if ('apiVersion' in patch || 'kind' in patch || (meta && ('name' in meta || 'managedFields' in meta))) {
        ctx.err(`A copy of your changes has been stored to "${file}"\n`);
        throw new CmdError('At least one of apiVersion, kind and name was changed');
      }
      const text = marshalGo(patch);
      if (flags.bool('output-patch')) ctx.out(`Patch: ${text}\n`);
      const name = info.obj.metadata.name ?? '';
      const rs = groupResource(info.r);
      try {
        const res = await send(ctx, {
          verb: 'PATCH',
          path: objectPath(info.r, name, info.ns) + (sub ? `/${sub}` : ''),
          query: writeQuery(flags.str('field-manager'), 'none', validation),
          body: text,
          contentType: strategic ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json',
        });
        printer.print(info.r, res.body as KubeObject, 'edited');
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        const s = e.status;
        if (s.reason === 'Invalid') {
          invalid++;
          reasons.push({ head: `${rs} "${name}" was not valid`, other: (s.details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`) });
          ctx.err(`error: ${rs} "${name}" is invalid\n`);
        } else if (s.code === 404) {
          notFound++;
          ctx.err(`error: ${rs} "${name}" could not be found on the server\n`);
        } else {
          retryable++;
          ctx.err(`error: ${rs} "${name}" could not be patched: ${s.message ?? ''}\n`);
        }
      }
    }
    if (retryable) {
      ctx.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      return 1;
    }
    if (notFound) {
      ctx.err(`The edits you made on deleted resources have been saved to "${file}"\n`);
      return 1;
    }
    if (!invalid) return 0;
    containsError = true;
  }
}

function editFileId(ctx: CmdContext): string {
  fileCounter++;
  return String((Math.floor(ctx.io.now()) * 7 + fileCounter * 104729) % 10000000000).padStart(10, '1');
}

function withType(o: KubeObject, r: ApiResource): KubeObject {
  if (o.apiVersion && o.kind) return o;
  return { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, ...o };
}
