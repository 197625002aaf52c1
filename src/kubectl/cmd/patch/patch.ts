// kubectl patch: GET the object, then PATCH it with a strategic merge (default), JSON merge or
// JSON patch given by -p or --patch-file; `patched` or `patched (no change)`.
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../../../api/types';
import { deepEqual, marshalGo } from '../../../api/patch';
import { F, type CmdContext, type CommandSpec } from '../../command';
import { CmdError } from '../../errors';
import { objectPath } from '../../factory';
import { selectFromArgs, selectFromFiles, type Target } from '../../resources';
import { dryRunStrategy, resultPrinter, send, throwErrors, writeQuery } from '../../apply/common';
import { printingFlags } from '../create/flags';

const TYPES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

export const patchCommand: CommandSpec = {
  name: 'patch',
  group: 'Advanced Commands',
  short: 'Update fields of a resource',
  long: `Update fields of a resource using a strategic merge patch, a JSON merge patch, or a JSON patch.

 The patch may be written in JSON or YAML. Strategic merge patches merge lists by their keys (containers by name, for example); JSON merge patches replace lists whole; JSON patches are lists of operations.`,
  example: `  # Scale a deployment with a strategic merge patch
  kubectl patch deployment web -p '{"spec":{"replicas":3}}'

  # The same patch in YAML
  kubectl patch deployment web -p $'spec:\\n  replicas: 3'

  # Change a container image with a JSON patch
  kubectl patch pod web-1 --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"nginx:1.27"}]'

  # Mark a node unschedulable with a merge patch read from a file
  kubectl patch node node-1 --type=merge --patch-file=unschedulable.yaml`,
  usage: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: [
    ...printingFlags,
    { ...F.fieldManager, default: 'kubectl-patch' },
    { ...F.filename, usage: 'Filename, directory, or URL to files identifying the resource to update' },
    { name: 'local', type: 'bool', usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    { name: 'patch', shorthand: 'p', type: 'string', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', usage: 'A file containing a patch to be applied to the resource.' },
    F.recursive,
    { name: 'subresource', type: 'string', usage: "If specified, patch will operate on the subresource of the requested object. This flag is beta and may change in the future." },
    { name: 'type', type: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
  ],
  run: runPatch,
};

async function runPatch(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const type = flags.str('type');
  const contentType = TYPES[type];
  if (!contentType) throw new CmdError(`--type must be one of [json merge strategic], not "${type}"`);
  let text = flags.str('patch');
  const file = flags.str('patch-file');
  if (text && file) throw new CmdError('--patch and --patch-file are mutually exclusive');
  if (file) {
    const t = ctx.io.readFile(file);
    if (t === undefined) throw new CmdError(`unable to read patch file: open ${file}: no such file or directory`);
    text = t;
  }
  if (!text) throw new CmdError('must specify --patch or --patch-file containing the contents of the patch');
  // apimachinery's yaml.ToJSON: text that starts like a JSON object is sent as it is.
  let body: string;
  if (text.trimStart().startsWith('{')) body = text;
  else {
    let parsed: unknown;
    try {
      parsed = parseYaml(text);
    } catch (e) {
      throw new CmdError(`unable to parse ${JSON.stringify(text)}: ${yamlMessage(e)}`);
    }
    body = marshalGo(parsed);
  }
  const dryRun = dryRunStrategy(ctx);
  const printer = resultPrinter(ctx);
  const files = flags.list('filename');
  let targets: Target[];
  if (files.length) {
    if (ctx.args.length) throw new CmdError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    targets = await selectFromFiles(ctx.f, files, ctx.namespace, ctx.explicitNamespace, flags.bool('recursive'));
  } else {
    if (!ctx.args.length) {
      throw new CmdError(`You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
    }
    const sel = await selectFromArgs(ctx.f, ctx.args, ctx.namespace);
    if (!sel.named) throw new CmdError('resource(s) were provided, but no name was specified');
    targets = sel.targets;
  }
  const sub = flags.str('subresource');
  const errs: unknown[] = [];
  for (const t of targets) {
    const name = t.name ?? '';
    const path = objectPath(t.resource, name, t.namespace) + (sub ? `/${sub}` : '');
    try {
      const before = (await send(ctx, { verb: 'GET', path })).body as KubeObject;
      if (dryRun === 'client') {
        printer.print(t.resource, before, 'patched', dryRun);
        continue;
      }
      const res = await send(ctx, { verb: 'PATCH', path, query: writeQuery(flags.str('field-manager'), dryRun), body, contentType });
      const after = res.body as KubeObject;
      printer.print(t.resource, after, deepEqual(before, after) ? 'patched (no change)' : 'patched', dryRun);
    } catch (e) {
      errs.push(e);
    }
  }
  throwErrors(errs);
  return 0;
}

function yamlMessage(e: unknown): string {
  const m = (e as Error).message ?? String(e);
  const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 1;
  if (/Flow sequence/.test(m)) return `yaml: line ${line}: did not find expected ',' or ']'`;
  if (/Flow map/.test(m)) return `yaml: line ${line}: did not find expected ',' or '}'`;
  return `yaml: ${m.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
}
