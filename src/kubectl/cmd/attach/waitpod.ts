// kubectl run's waitForPod: an informer on one pod until a condition holds (running and ready
// before attaching; completed or succeeded afterwards for the exit code), on virtual time.
import type { KubeObject } from '../../../api/types';
import type { FlagDef } from '../../flags';
import type { CmdContext } from '../../command';
import { CmdError, ServerError } from '../../errors';
import { watchOne } from '../rollout/common';

type Obj = Record<string, any>;

export const POD_RUNNING_TIMEOUT_FLAG: FlagDef = {
  name: 'pod-running-timeout',
  type: 'duration',
  default: 60000,
  usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
};

/** true: done; false: keep waiting; 'completed': the pod ran to completion first (ErrPodCompleted). */
export type PodCondition = (pod: KubeObject) => boolean | 'completed';

const phaseOf = (pod: KubeObject) => ((pod.status ?? {}) as Obj).phase as string | undefined;

export const podRunningAndReady: PodCondition = (pod) => {
  const phase = phaseOf(pod);
  if (phase === 'Succeeded' || phase === 'Failed') return 'completed';
  if (phase !== 'Running') return false;
  return ((((pod.status ?? {}) as Obj).conditions ?? []) as Obj[]).some((c) => c.type === 'Ready' && c.status === 'True');
};

export const podCompleted: PodCondition = (pod) => phaseOf(pod) === 'Succeeded' || phaseOf(pod) === 'Failed';
export const podSucceeded: PodCondition = (pod) => phaseOf(pod) === 'Succeeded';

/** Resolves with the pod once `cond` holds (or it completed first); a deletion is NotFound. */
export async function waitForPod(ctx: CmdContext, namespace: string, name: string, timeoutMs: number, cond: PodCondition): Promise<KubeObject> {
  const pods = await ctx.f.discovery.resolve('pods');
  let found: KubeObject | undefined;
  const result = await watchOne(ctx, pods, name, namespace, timeoutMs, (type, obj) => {
    if (type === 'DELETED') {
      throw new ServerError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "" not found', reason: 'NotFound', details: { kind: 'pods' }, code: 404 } as never);
    }
    if (!obj) return false;
    const r = cond(obj);
    if (r === false) return false;
    found = obj;
    return true;
  });
  if (result === 'timeout') throw new CmdError('timed out waiting for the condition');
  if (result === 'aborted' || !found) throw new CmdError('', true, 130);
  return found;
}
