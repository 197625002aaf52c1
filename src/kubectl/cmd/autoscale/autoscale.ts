// kubectl autoscale (deployment|replicaset|statefulset|rc) NAME --max=N [--min=N] [--cpu-percent=N]:
// an autoscaling/v1 HorizontalPodAutoscaler aimed at the object's scale subresource, as kubectl
// v1.32 builds and sends it (always autoscaling/v1, whatever version the server prefers).
import type { KubeObject } from '../../../api/types';
import type { CmdContext, CommandSpec } from '../../command';
import { F } from '../../command';
import { CmdError } from '../../errors';
import { collectionPath } from '../../factory';
import type { ApiResource } from '../../discovery';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunQuery, dryRunStrategy, firstError, printOperation, visitInfos } from '../rollout/common';
import { printTypedJson } from '../run/gostruct';

type Obj = Record<string, any>;

export const autoscaleCommand: CommandSpec = {
  name: 'autoscale',
  group: 'Deploy Commands',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  long: `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.`,
  example: `  # Keep deployment web between 2 and 10 pods, with the default policy
  kubectl autoscale deployment web --min=2 --max=10

  # Keep replication controller web at most 5 pods, aiming at 80% of the requested CPU
  kubectl autoscale rc web --max=5 --cpu-percent=80`,
  usage: 'autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
  flags: [
    ...PRINT_FLAGS,
    { name: 'cpu-percent', type: 'int', default: -1, usage: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used." },
    DRY_RUN_FLAG,
    { ...F.fieldManager, default: 'kubectl-autoscale' },
    { ...F.filename, usage: 'Filename, directory, or URL to files identifying the resource to autoscale.' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'max', type: 'int', default: -1, usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.' },
    { name: 'min', type: 'int', default: -1, usage: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
    { name: 'name', type: 'string', usage: 'The name for the newly created object. If not specified, the name of the input resource will be used.' },
    F.recursive,
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
  ],
  run: runAutoscale,
};

/** The autoscaling/v1 object kubectl sends (and prints with --dry-run=client). */
export function buildHpa(name: string, target: { apiVersion: string; kind: string; name: string }, min: number, max: number, cpu: number): KubeObject {
  const spec: Obj = { scaleTargetRef: { kind: target.kind, name: target.name, apiVersion: target.apiVersion }, maxReplicas: max };
  if (min > 0) spec.minReplicas = min;
  if (cpu >= 0) spec.targetCPUUtilizationPercentage = cpu;
  return { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v1', metadata: { name, creationTimestamp: null }, spec, status: { currentReplicas: 0, desiredReplicas: 0 } } as unknown as KubeObject;
}

async function runAutoscale(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  if (!flags.changed('max')) throw new CmdError('required flag(s) "max" not set');
  const max = flags.int('max');
  const min = flags.int('min');
  if (max < 1) throw new CmdError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new CmdError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const files = flags.list('filename');
  const { infos, errors } = await visitInfos(ctx, ctx.args, { files, recursive: flags.bool('recursive') });
  const dry = dryRunStrategy(ctx);
  const hpaRes = await f.discovery.resolve('horizontalpodautoscalers.autoscaling');
  // The autoscaling/v1 endpoint, whichever version discovery prefers.
  const r: ApiResource = { ...hpaRes, version: 'v1' };
  for (const info of infos) {
    if (!info.resource.subresources.includes('scale')) {
      const gvr = `${info.resource.group}/${info.resource.version}, Resource=${info.resource.resource}`;
      throw new CmdError(`cannot autoscale a ${info.resource.kind}: could not find scale subresource for ${gvr} in discovery information`);
    }
    const apiVersion = info.resource.group ? `${info.resource.group}/${info.resource.version}` : info.resource.version;
    const hpa = buildHpa(flags.str('name') || info.name, { apiVersion, kind: info.resource.kind, name: info.name }, min, max, flags.int('cpu-percent'));
    let shown = hpa;
    if (dry !== 'client') {
      const res = await f.request({
        verb: 'POST',
        path: collectionPath(r, info.namespace ?? ctx.namespace),
        query: { ...dryRunQuery(dry), fieldManager: flags.str('field-manager') },
        body: hpa,
        contentType: 'application/json',
      });
      shown = res.body as KubeObject;
    }
    if (flags.str('output') === 'json' && shown.apiVersion === 'autoscaling/v1') ctx.out(printTypedJson(shown, 'HorizontalPodAutoscalerV1'));
    else printOperation(ctx, r, shown, dry === 'client' ? 'created' : 'autoscaled', dry);
  }
  if (errors.length) throw firstError(errors);
  return 0;
}
