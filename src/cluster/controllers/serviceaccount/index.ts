// kube-controller-manager's `serviceaccount-controller` and `root-ca-certificate-publisher-controller`.
import type { ControllerContext } from '../context';
import { ServiceAccountsController } from './serviceaccounts';
import { RootCACertPublisher } from './rootca';

export { ServiceAccountsController, MANAGED_SERVICE_ACCOUNTS } from './serviceaccounts';
export { RootCACertPublisher, ROOT_CA_CONFIGMAP } from './rootca';
export { ROOT_CA_PEM } from './rootca-pem';

/** Only the kube-root-ca.crt publisher (startServiceAccountController already includes it). */
export function startRootCACertPublisher(ctx: ControllerContext): RootCACertPublisher {
  return new RootCACertPublisher(ctx);
}

/** The `default` ServiceAccount in every namespace, plus the kube-root-ca.crt publisher. */
export function startServiceAccountController(ctx: ControllerContext): { serviceAccounts: ServiceAccountsController; rootCA: RootCACertPublisher } {
  return { serviceAccounts: new ServiceAccountsController(ctx), rootCA: startRootCACertPublisher(ctx) };
}
