// The ControllerRefManager (controller_ref_manager.go) for pods: a controller claims the pods its
// selector matches that nobody controls (adoption), keeps the ones it controls that still match,
// and lets go of the ones whose labels stopped matching (release). All through PATCH.
import type { KubeObject, OwnerReference } from '../../../api/types';
import type { LabelSelector } from '../../../api/selector-types';
import { matchesLabels } from '../../../api/labels';
import { StatusError } from '../../../api/status';
import type { ClusterClient } from '../../machinery/client';

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  // A plain loop (the first ref with a truthy controller): called several times per pod event.
  const refs = obj.metadata.ownerReferences as OwnerReference[] | undefined;
  if (!refs) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i].controller) return refs[i];
  return undefined;
}

/** metav1.NewControllerRef. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

function isNotFoundOrInvalid(e: unknown): boolean {
  return e instanceof StatusError && (e.code === 404 || e.code === 422);
}

export interface ClaimOptions {
  client: ClusterClient;
  owner: KubeObject;
  apiVersion: string;
  kind: string;
  selector: LabelSelector;
  /** Called once before the first adoption: a fresh read of the owner (RecheckDeletionTimestamp). */
  canAdopt: () => void;
  /** Told before every adoption or release is attempted (callers that memoize a claim). */
  onWrite?: () => void;
}

/**
 * ClaimPods: returns the pods this owner now controls. Errors of single adoptions or releases
 * are collected and the first is thrown after every pod was looked at, as utilerrors.Aggregate.
 */
export function claimPods(pods: KubeObject[], o: ClaimOptions): KubeObject[] {
  const claimed: KubeObject[] = [];
  const errors: unknown[] = [];
  let adoptChecked: unknown = undefined;
  let adoptCheckDone = false;
  const ownerUid = o.owner.metadata.uid;
  const ownerDeleting = !!o.owner.metadata.deletionTimestamp;
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (ref && ref.uid !== ownerUid) continue; // someone else's
    const match = matchesLabels(o.selector, pod.metadata.labels ?? {});
    try {
      if (ref) {
        if (match) {
          claimed.push(pod);
          continue;
        }
        if (ownerDeleting) continue;
        o.onWrite?.();
        release(o, pod);
        continue;
      }
      // An orphan: adopt it if it matches and neither side is going away.
      if (ownerDeleting || !match || pod.metadata.deletionTimestamp) continue;
      if (pod.metadata.namespace !== o.owner.metadata.namespace) continue;
      if (!adoptCheckDone) {
        adoptCheckDone = true;
        try {
          o.canAdopt();
        } catch (e) {
          adoptChecked = e;
        }
      }
      if (adoptChecked) throw adoptChecked;
      o.onWrite?.();
      adopt(o, pod);
      claimed.push(pod);
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) continue;
      errors.push(e);
    }
  }
  if (errors.length) throw errors[0];
  return claimed;
}

/** The strategic merge patch upstream sends: the ownerReference plus the pod's uid as a precondition. */
function adopt(o: ClaimOptions, pod: KubeObject): void {
  const ref = newControllerRef(o.owner, o.apiVersion, o.kind);
  o.client.patch('pods', pod.metadata.namespace!, pod.metadata.name!, 'strategic', { metadata: { ownerReferences: [ref], uid: pod.metadata.uid } });
}

function release(o: ClaimOptions, pod: KubeObject): void {
  try {
    o.client.patch('pods', pod.metadata.namespace!, pod.metadata.name!, 'strategic', {
      metadata: { ownerReferences: [{ $patch: 'delete', uid: o.owner.metadata.uid }], uid: pod.metadata.uid },
    });
  } catch (e) {
    // Gone, or replaced by a pod of the same name (the uid precondition fails): nothing to release.
    if (isNotFoundOrInvalid(e)) return;
    throw e;
  }
}
