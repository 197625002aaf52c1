// kubectl scale: a merge patch {"spec":{"replicas":N}} on the object's scale subresource, with
// --current-replicas / --resource-version checked against a GET of the Scale first.
import type { CmdContext, CommandSpec } from '../../command';
import { F } from '../../command';
import { CmdError, formatError } from '../../errors';
import { objectPath } from '../../factory';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunQuery, dryRunStrategy, printOperation, visitInfos } from '../rollout/common';

export const scaleCommand: CommandSpec = {
  name: 'scale',
  group: 'Deploy Commands',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
  example: `  # Run three replicas of the deployment web
  kubectl scale --replicas=3 deployment/web

  # Scale to 5 only if there are 2 replicas now
  kubectl scale --current-replicas=2 --replicas=5 deployment/web

  # Scale several objects at once
  kubectl scale --replicas=2 rc/legacy deployment/web

  # Scale every deployment labelled app=web
  kubectl scale deployment -l app=web --replicas=1`,
  usage: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    { ...F.all, usage: 'Select all resources in the namespace of the specified resource types' },
    F.filename,
    F.recursive,
    { ...F.selector, usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'resource-version', type: 'string', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
    { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
    { name: 'replicas', type: 'int', default: 0, usage: 'The new desired number of replicas. Required.' },
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before giving up on a scale operation, zero means don\'t wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    F.record,
  ],
  run: runScale,
};

async function runScale(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  if (!flags.changed('replicas')) throw new CmdError(`required flag(s) "replicas" not set`);
  const replicas = flags.int('replicas');
  if (replicas < 0) throw new CmdError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const dry = dryRunStrategy(ctx);
  const { infos, errors } = await visitInfos(ctx, ctx.args, {
    selector: flags.str('selector'),
    all: flags.bool('all'),
    files: flags.list('filename'),
    recursive: flags.bool('recursive'),
  });
  const rv = flags.str('resource-version');
  if (rv && infos.length > 1) throw new CmdError('cannot use --resource-version with multiple resources');
  if (!infos.length) {
    const e = errors[errors.length - 1];
    throw new CmdError(`no objects passed to scale ${e ? formatError(e).replace(/^Error from server \([^)]*\): |^error: /, '') : ''}`);
  }
  const current = flags.int('current-replicas');
  let failed: unknown;
  const fail = (e: unknown) => {
    if (failed) ctx.err(formatError(failed) + '\n');
    failed = e;
  };
  for (const info of infos) {
    try {
      if (dry !== 'client') {
        const path = `${objectPath(info.resource, info.name, info.namespace)}/scale`;
        if (current !== -1 || rv) {
          const scale = (await f.request({ verb: 'GET', path })).body as { spec?: { replicas?: number }; metadata?: { resourceVersion?: string } };
          if (current !== -1 && (scale.spec?.replicas ?? 0) !== current) throw new CmdError(`Expected replicas to be ${current}, was ${scale.spec?.replicas ?? 0}`);
          if (rv && scale.metadata?.resourceVersion !== rv) throw new CmdError(`Expected resource version to be ${rv}, was ${scale.metadata?.resourceVersion}`);
        }
        await f.request({ verb: 'PATCH', path, query: dryRunQuery(dry), body: { spec: { replicas } }, contentType: 'application/merge-patch+json' });
      }
      printOperation(ctx, info.resource, info.object, 'scaled', dry);
    } catch (e) {
      fail(e);
    }
  }
  for (const e of errors) fail(e);
  if (failed) throw failed;
  return 0;
}
