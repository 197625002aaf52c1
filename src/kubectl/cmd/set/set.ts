// kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...: the pod template's images, sent
// as the strategic merge patch kubectl computes (with $setElementOrder/containers).
import type { KubeObject } from '../../../api/types';
import type { CmdContext, CommandSpec } from '../../command';
import { F } from '../../command';
import { CmdError, formatError } from '../../errors';
import { patchChanged } from './patch';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunStrategy, visitInfos } from '../rollout/common';
import { setEnvCommand } from './env';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const setImageCommand: CommandSpec = {
  name: 'image',
  short: 'Update the image of a pod template',
  long: `Update the container images of resources that carry a pod template.

 Possible resources include (case insensitive):

   pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
  example: `  # Give the nginx container of deployment web the image nginx:1.27
  kubectl set image deployment/web nginx=nginx:1.27

  # Use one image for every container and init container of the deployment
  kubectl set image deployment/web '*=busybox:1.36'

  # Show what would change without sending it
  kubectl set image deployment/web nginx=nginx:1.27 --dry-run=client -o yaml`,
  usage: 'set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    { ...F.all, usage: 'Select all resources, in the namespace of the specified resource types' },
    F.filename,
    F.recursive,
    F.selector,
    { name: 'local', type: 'bool', usage: 'If true, set image will NOT contact api-server but run locally.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set', usage: 'Name of the manager used to track field ownership.' },
    F.record,
  ],
  run: runSetImage,
};

export const setCommand: CommandSpec = {
  name: 'set',
  group: 'Basic Commands (Intermediate)',
  short: 'Set specific features on objects',
  long: `Configure application resources.

 These commands help you make changes to existing application resources.`,
  usage: 'set SUBCOMMAND [options]',
  subcommands: [setEnvCommand, setImageCommand],
};

function podSpecs(o: Any): Any[] {
  switch (o.kind) {
    case 'Pod':
      return [o.spec];
    case 'CronJob':
      return [o.spec?.jobTemplate?.spec?.template?.spec];
    default:
      return o.spec?.template ? [o.spec.template.spec] : [];
  }
}

async function runSetImage(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  const resources: string[] = [];
  const images: [string, string][] = [];
  let seenImage = false;
  for (const a of ctx.args) {
    if (a.includes('=')) {
      seenImage = true;
      const i = a.indexOf('=');
      images.push([a.slice(0, i), a.slice(i + 1)]);
    } else if (!seenImage) resources.push(a);
    else throw new CmdError(`all resources must be specified before image changes: ${a}`);
  }
  const files = flags.list('filename');
  if (!resources.length && !files.length) throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!images.length) throw new CmdError('at least one image update is required');
  const dry = dryRunStrategy(ctx);
  const { infos, errors } = await visitInfos(ctx, resources, { selector: flags.str('selector'), all: flags.bool('all'), files, recursive: flags.bool('recursive') });
  const all: unknown[] = [];
  const notFound: string[] = [];
  for (const info of infos) {
    const before = info.object as Any;
    const after = JSON.parse(JSON.stringify(before)) as Any;
    const specs = podSpecs(after).filter(Boolean);
    if (!specs.length) {
      all.push(new CmdError(`${info.resource.resource}/${info.name} the object is not a pod or does not have a pod template: *v1.${info.resource.kind}`));
      continue;
    }
    for (const [cname, image] of images) {
      let found = false;
      for (const spec of specs) {
        for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers]) {
          for (const c of list ?? []) {
            if (cname === '*' || c.name === cname) {
              c.image = image;
              found = true;
            }
          }
        }
      }
      if (!found && !notFound.includes(cname)) {
        notFound.push(cname);
        all.push(new CmdError(`unable to find container named "${cname}"`));
      }
    }
    try {
      await patchChanged(ctx, info, before as KubeObject, after as KubeObject, 'image updated', dry);
    } catch (e) {
      all.push(new CmdError(`failed to patch image update to pod template: ${formatError(e).replace(/^error: /, '')}`));
    }
  }
  all.push(...errors);
  if (!all.length) return 0;
  for (const e of all.slice(0, -1)) ctx.err(formatError(e) + '\n');
  throw all[all.length - 1];
}
