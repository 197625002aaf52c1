// The step every `kubectl set` subcommand ends with (pkg/cmd/set/helper.go CalculatePatches +
// the PATCH): the two-way strategic merge patch from the object as read to the object as changed,
// printed instead of sent for --local and --dry-run=client.
import type { KubeObject } from '../../../api/types';
import type { CmdContext } from '../../command';
import { objectPath } from '../../factory';
import { createTwoWayMergePatch, patchMetaForKind, type JsonObject } from '../../../api/patch';
import { dryRunQuery, printOperation, type DryRun, type Info } from '../rollout/common';

/** Patches `info`'s object from `before` to `after` and prints `<resource>/<name> <operation>`; no-op when nothing changed. Errors are thrown. */
export async function patchChanged(ctx: CmdContext, info: Info, before: KubeObject, after: KubeObject, operation: string, dry: DryRun): Promise<void> {
  const patch = createTwoWayMergePatch(before as unknown as JsonObject, after as unknown as JsonObject, patchMetaForKind(info.resource.group, String(before.kind)));
  if (!patch || Object.keys(patch).length === 0) return;
  if (ctx.flags.bool('local') || dry === 'client') {
    printOperation(ctx, info.resource, after, operation, dry);
    return;
  }
  const res = await ctx.f.request({
    verb: 'PATCH',
    path: objectPath(info.resource, info.name, info.namespace),
    query: { ...dryRunQuery(dry), fieldManager: ctx.flags.str('field-manager') },
    body: patch,
    contentType: 'application/strategic-merge-patch+json',
  });
  printOperation(ctx, info.resource, res.body as KubeObject, operation, dry);
}
