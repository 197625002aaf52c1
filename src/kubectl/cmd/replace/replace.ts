// kubectl replace -f: PUT each object of the manifests (taking the live resourceVersion when the
// file has none); `pod/x replaced`.
import type { KubeObject } from '../../../api/types';
import { F, type CmdContext, type CommandSpec } from '../../command';
import { CmdError, ServerError } from '../../errors';
import { collectionPath, objectPath } from '../../factory';
import { selectFromFiles } from '../../resources';
import { LAST_APPLIED, dryRunStrategy, fieldValidation, resultPrinter, send, throwErrors, withLastApplied, withSource, writeQuery } from '../../apply/common';
import { printingFlags, saveConfigFlag, validateFlag } from '../create/flags';
import { setNamespace } from '../create/create';

export const replaceCommand: CommandSpec = {
  name: 'replace',
  group: 'Advanced Commands',
  short: 'Replace a resource by file name or stdin',
  long: `Replace a resource by file name or stdin.

 The file must describe the whole object, in JSON or YAML; what it leaves out is removed from the object. With --force the object is deleted and created again.`,
  example: `  # Replace a pod with the one described in pod.yaml
  kubectl replace -f ./pod.yaml

  # Replace from standard input
  cat pod.json | kubectl replace -f -

  # Delete and re-create the objects of a file
  kubectl replace --force -f ./pod.yaml`,
  usage: 'replace -f FILENAME [options]',
  flags: [
    ...printingFlags,
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground". Used with --force.' },
    { ...F.fieldManager, default: 'kubectl-replace' },
    { ...F.filename, usage: 'The files that contain the configurations to replace.' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative.' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process a kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'raw', type: 'string', usage: 'Raw URI to PUT to the server.  Uses the transport specified by the kubeconfig file.' },
    F.recursive,
    saveConfigFlag,
    { name: 'subresource', type: 'string', usage: 'If specified, replace will operate on the subresource of the requested object.' },
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    validateFlag,
    { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run: runReplace,
};

async function runReplace(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const files = flags.list('filename');
  if (ctx.args.length) throw new CmdError(`Unexpected args: [${ctx.args.join(' ')}]\nSee 'kubectl replace -h' for help and examples`);
  if (!files.length) throw new CmdError('must specify one of -f and -k');
  const printer = resultPrinter(ctx);
  const dryRun = dryRunStrategy(ctx);
  const validation = fieldValidation(ctx);
  const targets = await selectFromFiles(ctx.f, files, ctx.namespace, ctx.explicitNamespace, flags.bool('recursive'));
  const errs: unknown[] = [];
  for (const t of targets) {
    let obj = setNamespace(t.object as KubeObject, t.namespace);
    const name = obj.metadata?.name ?? '';
    if (flags.bool('save-config') || obj.metadata?.annotations?.[LAST_APPLIED] !== undefined) obj = withLastApplied(obj);
    try {
      if (flags.bool('force')) {
        try {
          await send(ctx, { verb: 'DELETE', path: objectPath(t.resource, name, t.namespace), body: JSON.stringify({ propagationPolicy: 'Background' }), contentType: 'application/json' });
          ctx.out(`${t.resource.kind.toLowerCase()}${t.resource.group ? '.' + t.resource.group : ''} "${name}" deleted\n`);
        } catch (e) {
          if (!(e instanceof ServerError && e.status.code === 404)) throw e;
        }
        const { metadata } = obj;
        const clean = { ...obj, metadata: { ...metadata, resourceVersion: undefined } };
        delete clean.metadata.resourceVersion;
        const res = await send(ctx, { verb: 'POST', path: collectionPath(t.resource, t.namespace), query: writeQuery(flags.str('field-manager'), dryRun, validation), body: clean, contentType: 'application/json' });
        printer.print(t.resource, res.body as KubeObject, 'replaced', dryRun);
        continue;
      }
      if (dryRun === 'client') {
        printer.print(t.resource, obj, 'replaced', dryRun);
        continue;
      }
      if (!obj.metadata?.resourceVersion) {
        const live = (await send(ctx, { verb: 'GET', path: objectPath(t.resource, name, t.namespace) })).body as KubeObject;
        obj = { ...obj, metadata: { ...obj.metadata, resourceVersion: live.metadata?.resourceVersion } };
      }
      const res = await send(ctx, {
        verb: 'PUT',
        path: objectPath(t.resource, name, t.namespace),
        query: writeQuery(flags.str('field-manager'), dryRun, validation),
        body: obj,
        contentType: 'application/json',
      });
      printer.print(t.resource, res.body as KubeObject, 'replaced', dryRun);
    } catch (e) {
      errs.push(withSource(e, 'replacing', t.source));
    }
  }
  throwErrors(errs);
  return 0;
}
