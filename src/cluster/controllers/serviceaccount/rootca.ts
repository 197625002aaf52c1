// The root CA publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go): every
// namespace gets the `kube-root-ca.crt` ConfigMap with the cluster CA as `ca.crt`, restored when
// it is deleted or edited.
import type { KubeObject } from '../../../api/types';
import type { ControllerContext } from '../context';
import type { ClusterClient } from '../../machinery/client';
import type { Informer } from '../../machinery/informer';
import { isAlreadyExists } from '../../machinery/client';
import { WorkQueue } from '../../machinery/workqueue';
import { ROOT_CA_PEM } from './rootca-pem';
import { isNamespaceGoneOrTerminating } from './serviceaccounts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCACertPublisher {
  readonly queue: WorkQueue;
  private readonly namespaces: Informer;
  private readonly configMaps: Informer;
  private readonly client: ClusterClient;

  constructor(
    ctx: ControllerContext,
    private readonly rootCA = ROOT_CA_PEM,
  ) {
    this.client = ctx.client('kube-controller-manager');
    this.queue = new WorkQueue(ctx.clock, 'root_ca_cert_publisher', (ns) => this.syncNamespace(ns));
    this.namespaces = ctx.informers.for('namespaces');
    this.configMaps = ctx.informers.for('configmaps');
    const cmChanged = (cm: KubeObject) => {
      if (cm.metadata.name === ROOT_CA_CONFIGMAP) this.queue.add(cm.metadata.namespace!);
    };
    this.configMaps.addEventHandler({ onDelete: cmChanged, onUpdate: (_o, cm) => cmChanged(cm) });
    this.namespaces.addEventHandler({
      onAdd: (ns) => this.queue.add(ns.metadata.name!),
      onUpdate: (_o, ns) => {
        if ((ns.status as { phase?: string } | undefined)?.phase === 'Active') this.queue.add(ns.metadata.name!);
      },
    });
  }

  syncNamespace(name: string): void {
    const ns = this.namespaces.get('', name);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const data = { 'ca.crt': this.rootCA };
    const cm = this.configMaps.get(name, ROOT_CA_CONFIGMAP);
    if (!cm) {
      try {
        this.client.create('configmaps', name, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
          data,
        });
      } catch (e) {
        if (isAlreadyExists(e) || isNamespaceGoneOrTerminating(e)) return;
        throw e;
      }
      return;
    }
    const same = JSON.stringify(cm.data ?? {}) === JSON.stringify(data) && !!cm.metadata.annotations?.[DESCRIPTION_ANNOTATION];
    if (same) return;
    this.client.update('configmaps', {
      ...cm,
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { ...cm.metadata, annotations: { ...(cm.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
      data,
    });
  }
}
