// kubectl create: objects from -f manifests (files, directories, stdin), and the generator
// subcommands (deployment, service *, namespace, configmap, secret generic) in generators.ts.
import type { KubeObject } from '../../../api/types';
import { F, type CmdContext, type CommandSpec } from '../../command';
import { printingFlags, saveConfigFlag, validateFlag } from './flags';
import { CmdError } from '../../errors';
import { collectionPath } from '../../factory';
import { selectFromFiles } from '../../resources';
import { matchesSelector } from '../../apply/selector';
import {
  dryRunStrategy,
  fieldValidation,
  resultPrinter,
  send,
  throwErrors,
  withLastApplied,
  withSource,
  writeQuery,
} from '../../apply/common';
import { generatorCommands } from './generators';

export const createCommand: CommandSpec = {
  name: 'create',
  group: 'Basic Commands (Beginner)',
  short: 'Create a resource from a file or from stdin',
  long: `Create a resource from a file or from stdin.

 The file may hold YAML or JSON, one object, several documents or a List.`,
  example: `  # Create the objects described in pod.yaml
  kubectl create -f ./pod.yaml

  # Create from standard input
  cat pod.json | kubectl create -f -

  # Create every manifest in a directory, and keep the configuration for a later apply
  kubectl create -f ./manifests/ --save-config`,
  usage: 'create -f FILENAME [options]',
  flags: [
    ...printingFlags,
    { name: 'edit', type: 'bool', usage: 'Edit the API resource before creating' },
    { ...F.fieldManager, default: 'kubectl-create' },
    { ...F.filename, usage: 'Filename, directory, or URL to files to use to create the resource' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'raw', type: 'string', usage: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.' },
    F.recursive,
    saveConfigFlag,
    F.selector,
    validateFlag,
    { name: 'windows-line-endings', type: 'bool', usage: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.' },
  ],
  subcommands: generatorCommands,
  run: runCreate,
};

async function runCreate(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const files = flags.list('filename');
  if (ctx.args.length) {
    throw new CmdError(`Unexpected args: [${ctx.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  }
  if (!files.length && !flags.str('kustomize')) throw new CmdError('must specify one of -f and -k');
  if (flags.str('kustomize')) throw new CmdError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${flags.str('kustomize')}'`);
  const printer = resultPrinter(ctx);
  const dryRun = dryRunStrategy(ctx);
  const validation = fieldValidation(ctx);
  const targets = await selectFromFiles(ctx.f, files, ctx.namespace, ctx.explicitNamespace, flags.bool('recursive'));
  const selector = flags.str('selector');
  const errs: unknown[] = [];
  let count = 0;
  for (const t of targets) {
    let obj = setNamespace(t.object as KubeObject, t.namespace);
    if (selector && !matchesSelector(selector, obj.metadata?.labels ?? {})) continue;
    count++;
    if (flags.bool('save-config')) obj = withLastApplied(obj);
    if (dryRun === 'client') {
      printer.print(t.resource, obj, 'created', dryRun);
      continue;
    }
    try {
      const res = await send(ctx, {
        verb: 'POST',
        path: collectionPath(t.resource, t.namespace),
        query: writeQuery(flags.str('field-manager'), dryRun, validation),
        body: obj,
        contentType: 'application/json',
      });
      printer.print(t.resource, res.body as KubeObject, 'created', dryRun);
    } catch (e) {
      errs.push(withSource(e, 'creating', t.source));
    }
  }
  throwErrors(errs);
  if (!count) throw new CmdError('no objects passed to create');
  return 0;
}

/** The builder's SetNamespace: namespaced objects get the command's namespace when they have none. */
export function setNamespace(o: KubeObject, ns: string | undefined): KubeObject {
  if (!ns || o.metadata?.namespace) return o;
  return { ...o, metadata: { ...(o.metadata ?? {}), namespace: ns } };
}
