// kube-controller-manager's `namespace-controller`.
import type { ControllerContext } from '../context';
import { NamespaceController } from './controller';

export { NamespaceController } from './controller';
export { NamespacedResourcesDeleter, ResourcesRemainingError, deletableResources } from './deleter';

/** Registers the controller's namespace informer handler; the host starts the informers. */
export function startNamespaceController(ctx: ControllerContext): NamespaceController {
  return new NamespaceController(ctx);
}
