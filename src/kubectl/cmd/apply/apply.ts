// kubectl apply -f: client-side apply. GET the live object; POST it with the
// last-applied-configuration annotation when missing; otherwise a three-way strategic merge
// patch (JSON merge patch for kinds without strategic metadata), or nothing: `unchanged`.
import type { KubeObject } from '../../../api/types';
import { createThreeWayJsonMergePatch, createThreeWayMergePatch, marshalGo, patchMetaForKind, supportsStrategicMerge, PatchError } from '../../../api/patch';
import { F, type CmdContext, type CommandSpec } from '../../command';
import { CmdError, ServerError } from '../../errors';
import { collectionPath, objectPath } from '../../factory';
import { selectFromFiles } from '../../resources';
import { matchesSelector } from '../../apply/selector';
import { LAST_APPLIED, dryRunStrategy, fieldValidation, modifiedConfiguration, resultPrinter, send, throwErrors, withSource, writeQuery } from '../../apply/common';
import { printingFlags, validateFlag } from '../create/flags';
import { setNamespace } from '../create/create';

const FIELD_MANAGER = 'kubectl-client-side-apply';

export const applyCommand: CommandSpec = {
  name: 'apply',
  group: 'Advanced Commands',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: `Apply a configuration to a resource by file name or stdin.

 The resource is created when it does not exist yet. Otherwise kubectl compares three versions, the configuration applied last time (kept in the kubectl.kubernetes.io/last-applied-configuration annotation), the new file and the live object, and sends only the difference. JSON and YAML are accepted.`,
  example: `  # Apply the configuration in deployment.yaml
  kubectl apply -f ./deployment.yaml

  # Apply every manifest in a directory
  kubectl apply -f ./manifests/

  # Apply a configuration read from standard input
  cat pod.json | kubectl apply -f -`,
  usage: 'apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [
    ...printingFlags,
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground". Used with --prune.' },
    { ...F.fieldManager, default: FIELD_MANAGER },
    { ...F.filename, usage: 'The files that contain the configurations to apply.' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    { name: 'force-conflicts', type: 'bool', usage: 'If true, server-side apply will force the changes against conflicts.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative.' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process a kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'openapi-patch', type: 'bool', default: true, usage: 'If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec. Otherwise, fall back to use baked-in types.' },
    { name: 'overwrite', type: 'bool', default: true, usage: 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration' },
    { name: 'prune', type: 'bool', usage: 'Automatically delete resource objects that do not appear in the configs and are created by either apply or create --save-config.' },
    F.recursive,
    F.selector,
    { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    validateFlag,
    { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run: runApply,
};

async function runApply(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const files = flags.list('filename');
  if (ctx.args.length) throw new CmdError(`Unexpected args: [${ctx.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
  if (!files.length && !flags.str('kustomize')) throw new CmdError('must specify one of -f and -k');
  if (flags.str('kustomize')) throw new CmdError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${flags.str('kustomize')}'`);
  if (flags.bool('prune') && !flags.str('selector') && !flags.bool('all')) {
    throw new CmdError('all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector');
  }
  const printer = resultPrinter(ctx);
  const dryRun = dryRunStrategy(ctx);
  const validation = fieldValidation(ctx);
  const targets = await selectFromFiles(ctx.f, files, ctx.namespace, ctx.explicitNamespace, flags.bool('recursive'));
  const selector = flags.str('selector');
  const errs: unknown[] = [];
  let count = 0;
  const manager = flags.str('field-manager');
  for (const t of targets) {
    const obj = setNamespace(t.object as KubeObject, t.namespace);
    if (selector && !matchesSelector(selector, obj.metadata?.labels ?? {})) continue;
    count++;
    const r = t.resource;
    const name = obj.metadata?.name;
    try {
      if (!name) throw new CmdError(`error when retrieving current configuration of:\nResource: "${r.group}/${r.version}, Resource=${r.resource}", GroupVersionKind: "${r.group}/${r.version}, Kind=${obj.kind}"\nName: "", Namespace: "${t.namespace ?? ''}"\nfrom server for: "${t.source}": resource name may not be empty`, false);
      const modified = modifiedConfiguration(obj, true);
      let live: KubeObject | undefined;
      try {
        live = (await send(ctx, { verb: 'GET', path: objectPath(r, name, t.namespace) })).body as KubeObject;
      } catch (e) {
        if (!(e instanceof ServerError) || e.status.code !== 404) throw e;
      }
      if (!live) {
        // Create, with the annotation.
        if (dryRun === 'client') {
          printer.print(r, modified.object, 'created', dryRun);
          continue;
        }
        try {
          const res = await send(ctx, {
            verb: 'POST',
            path: collectionPath(r, t.namespace),
            query: writeQuery(manager, dryRun, validation),
            body: modified.text,
            contentType: 'application/json',
          });
          printer.print(r, res.body as KubeObject, 'created', dryRun);
        } catch (e) {
          throw withSource(e, 'creating', t.source);
        }
        continue;
      }
      const annots = live.metadata?.annotations ?? {};
      const originalText = annots[LAST_APPLIED];
      if (originalText === undefined) {
        ctx.err(
          `Warning: resource ${r.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
        );
      }
      let original: unknown = undefined;
      if (originalText) {
        try {
          original = JSON.parse(originalText);
        } catch {
          original = undefined;
        }
      }
      const modifiedObj = JSON.parse(modified.text) as unknown;
      let patch: unknown;
      let contentType: string;
      try {
        if (supportsStrategicMerge(r.group)) {
          patch = createThreeWayMergePatch(original, modifiedObj, live, patchMetaForKind(r.group, r.kind), flags.bool('overwrite'));
          contentType = 'application/strategic-merge-patch+json';
        } else {
          patch = createThreeWayJsonMergePatch(original ?? {}, modifiedObj, live);
          contentType = 'application/merge-patch+json';
        }
      } catch (e) {
        if (e instanceof PatchError) throw new CmdError(`error when applying patch:\n${e.message}\nto:\n${describeTarget(r, name, t.namespace)}\nfor: "${t.source}": ${e.message}`);
        throw e;
      }
      const body = marshalGo(patch);
      if (body === '{}') {
        printer.print(r, live, 'unchanged', dryRun);
        continue;
      }
      if (dryRun === 'client') {
        printer.print(r, live, 'configured', dryRun);
        continue;
      }
      try {
        const res = await send(ctx, {
          verb: 'PATCH',
          path: objectPath(r, name, t.namespace),
          query: writeQuery(manager, dryRun, validation),
          body,
          contentType,
        });
        printer.print(r, res.body as KubeObject, 'configured', dryRun);
      } catch (e) {
        if (e instanceof ServerError && e.status.reason !== 'Invalid') {
          throw new SourcedPatchError(e, body, r, name, t.namespace, t.source ?? '');
        }
        throw e;
      }
    } catch (e) {
      errs.push(e instanceof SourcedPatchError ? e.toCmdError() : e);
    }
  }
  throwErrors(errs);
  if (!count) throw new CmdError('no objects passed to apply');
  return 0;
}

function describeTarget(r: { group: string; version: string; resource: string }, name: string, ns: string | undefined): string {
  return `Resource: "${r.group ? `${r.group}/${r.version}` : r.version}, Resource=${r.resource}", GroupVersionKind: "${r.group ? `${r.group}/${r.version}` : r.version}, Kind=", Name: "${name}", Namespace: "${ns ?? ''}"`;
}

/** A failed apply PATCH: kubectl prints the patch and the target before the server's message. */
class SourcedPatchError extends Error {
  constructor(
    readonly cause: ServerError,
    readonly patch: string,
    readonly r: { group: string; version: string; resource: string; kind: string },
    readonly name: string,
    readonly ns: string | undefined,
    readonly source: string,
  ) {
    super(cause.message);
  }
  toCmdError(): CmdError {
    const gv = this.r.group ? `${this.r.group}/${this.r.version}` : this.r.version;
    const s = this.cause.status;
    const text = `Error from server${s.reason ? ` (${s.reason})` : ''}: error when applying patch:\n${this.patch}\n\nto:\nResource: "${gv}, Resource=${this.r.resource}", GroupVersionKind: "${gv}, Kind=${this.r.kind}"\nName: "${this.name}", Namespace: "${this.ns ?? ''}"\nfor: "${this.source}": error when patching "${this.source}": ${s.message ?? ''}`;
    return new CmdError(text, true);
  }
}
