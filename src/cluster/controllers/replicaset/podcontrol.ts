// RealPodControl (controller_utils.go): pods made from a controller's template, created and
// deleted through the API, with the SuccessfulCreate / FailedCreate / SuccessfulDelete /
// FailedDelete events on the controller object.
import type { KubeObject, OwnerReference } from '../../../api/types';
import { StatusError } from '../../../api/status';
import { isDNS1123Subdomain } from '../../../api/names';
import type { ClusterClient } from '../../machinery/client';
import type { EventRecorder } from '../../machinery/events';
import type { ControllerSpec } from './adapter';
import { jsonRoundTrip } from '../../store/clone';

/** getPodsPrefix: `<controller>-`, unless that is not a valid name prefix. */
export function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  // The apiserver appends five characters; the prefix must leave a valid name.
  return isValidPrefix(prefix) ? prefix : controllerName;
}

function isValidPrefix(prefix: string): boolean {
  // ValidatePodName with prefix=true masks a trailing dash, which the random suffix will follow.
  return isDNS1123Subdomain(prefix.replace(/-$/, 'a')).length === 0;
}

/** GetPodFromTemplate. */
export function podFromTemplate(template: ControllerSpec['template'], parent: KubeObject, ref: OwnerReference): KubeObject {
  const meta = template?.metadata ?? {};
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: podsPrefix(parent.metadata.name!) },
    spec: jsonRoundTrip(template?.spec ?? {}),
  };
  if (meta.labels) pod.metadata.labels = { ...meta.labels };
  if (meta.annotations) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) pod.metadata.finalizers = [...meta.finalizers];
  pod.metadata.ownerReferences = [{ ...ref }];
  return pod;
}

/** The cause NamespaceLifecycle admission puts on creates in a terminating namespace. */
export function isNamespaceTerminating(e: unknown): boolean {
  if (!(e instanceof StatusError)) return false;
  if (e.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) return true;
  return e.code === 403 && /because it is being terminated/.test(e.message);
}

export class PodControl {
  constructor(
    private readonly client: ClusterClient,
    private readonly recorder: EventRecorder,
  ) {}

  createPod(namespace: string, template: ControllerSpec['template'], parent: KubeObject, ref: OwnerReference): KubeObject {
    const pod = podFromTemplate(template, parent, ref);
    if (!Object.keys(pod.metadata.labels ?? {}).length) throw new Error('unable to create pods, no labels');
    let created: KubeObject;
    try {
      // The pod was built for this call alone (its parts are fresh copies): the apiserver may keep it.
      created = this.client.create('pods', namespace, pod, true);
    } catch (e) {
      // A terminating namespace refuses every create; the event would only be noise.
      if (!isNamespaceTerminating(e)) this.recorder.event(parent, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`);
      throw e;
    }
    this.recorder.event(parent, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    return created;
  }

  deletePod(namespace: string, name: string, parent: KubeObject): void {
    try {
      this.client.delete('pods', namespace, name);
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) throw e;
      this.recorder.event(parent, 'Warning', 'FailedDelete', `Error deleting: ${(e as Error).message}`);
      throw e;
    }
    this.recorder.event(parent, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
  }
}
