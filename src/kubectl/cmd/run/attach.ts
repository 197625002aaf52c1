// kubectl run -i/--attach: once the pod runs, attach to it (its output, or the shell it runs);
// a pod that already finished shows its log instead. With --restart=Never|OnFailure the exit
// code of the container becomes kubectl's; with --rm the created objects are deleted at the end.
import type { KubeObject } from '../../../api/types';
import type { CmdContext } from '../../command';
import type { ApiResource } from '../../discovery';
import { CmdError, ServerError } from '../../errors';
import { objectPath } from '../../factory';
import { kindPrefix } from '../../resources';
import { attachToPod, type AttachOptions } from '../attach/attach';
import { podCompleted, podRunningAndReady, podSucceeded, waitForPod } from '../attach/waitpod';

type Obj = Record<string, any>;

export interface Created {
  r: ApiResource;
  obj: KubeObject;
}

export async function runAttached(ctx: CmdContext, pod: KubeObject, created: Created[], o: AttachOptions & { remove: boolean; restart: string; leaveStdinOpen: boolean; timeout: number }): Promise<number> {
  try {
    return await attachAndWait(ctx, pod, o);
  } finally {
    if (o.remove) await removeCreated(ctx, created, o.quiet);
  }
}

async function attachAndWait(ctx: CmdContext, created: KubeObject, o: AttachOptions & { restart: string; leaveStdinOpen: boolean; timeout: number }): Promise<number> {
  const ns = created.metadata.namespace ?? ctx.namespace;
  const name = created.metadata.name!;
  const pod = await waitForPod(ctx, ns, name, o.timeout, podRunningAndReady);
  const phase = ((pod.status ?? {}) as Obj).phase;
  if (phase === 'Succeeded' || phase === 'Failed') await printLog(ctx, pod, o.container);
  else {
    try {
      await attachToPod(ctx, pod, o);
    } catch (e) {
      const why = e instanceof ServerError ? (e.status.message ?? '') : e instanceof Error ? e.message : String(e);
      ctx.err(`warning: couldn't attach to pod/${name}, falling back to streaming logs: ${why}\n`);
      await printLog(ctx, pod, o.container);
    }
  }
  if (o.leaveStdinOpen || (o.restart !== 'Never' && o.restart !== 'OnFailure')) return 0;
  const done = await waitForPod(ctx, ns, name, o.timeout, o.restart === 'OnFailure' ? podSucceeded : podCompleted);
  const st = (done.status ?? {}) as Obj;
  if (st.phase === 'Succeeded') return 0;
  if (st.phase !== 'Failed') throw new CmdError(`pod ${ns}/${name} left in phase ${st.phase}`);
  const term = ((st.containerStatuses ?? []) as Obj[])[0]?.state?.terminated;
  if (!term || !term.exitCode) throw new CmdError(`pod ${ns}/${name} failed with unknown exit code`);
  // uexec.CodeExitError: printed as is (no "error: "), and its code is kubectl's.
  throw new CmdError(`pod ${ns}/${name} terminated (${term.reason ?? ''})\n${term.message ?? ''}`, true, term.exitCode);
}

/** The whole log of the container kubectl would have attached to. */
async function printLog(ctx: CmdContext, pod: KubeObject, container: string): Promise<void> {
  const name = container || String((((pod.spec ?? {}) as Obj).containers ?? [])[0]?.name ?? '');
  const res = await ctx.f.request({
    verb: 'GET',
    path: `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace ?? ctx.namespace)}/pods/${encodeURIComponent(pod.metadata.name ?? '')}/log`,
    query: { container: name },
  });
  if (typeof res.body === 'string') ctx.out(res.body);
}

/** DeleteOptions with IgnoreNotFound, the default grace period and no wait. */
async function removeCreated(ctx: CmdContext, created: Created[], quiet: boolean): Promise<void> {
  for (const { r, obj } of created) {
    const name = obj.metadata.name!;
    try {
      await ctx.f.request({
        verb: 'DELETE',
        path: objectPath(r, name, r.namespaced ? (obj.metadata.namespace ?? ctx.namespace) : undefined),
        body: JSON.stringify({ propagationPolicy: 'Background' }),
        contentType: 'application/json',
      });
      if (!quiet) ctx.out(`${kindPrefix(r)} "${name}" deleted\n`);
    } catch {
      // run defers the removal and drops its error; a missing object is ignored anyway.
      return;
    }
  }
}
