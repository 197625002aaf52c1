// The Deployment controller: startDeploymentController(ctx) registers its informer handlers;
// the host starts ctx.informers afterwards and drives the virtual clock.
import type { ControllerContext } from '../context';
import { DeploymentController } from './controller';

export { DeploymentController, CONTROLLER_NAME, FIELD_MANAGER } from './controller';
export { computeHash } from './hash';
export * as deploymentutil from './util';

export function startDeploymentController(ctx: ControllerContext): DeploymentController {
  const dc = new DeploymentController(ctx);
  dc.start();
  return dc;
}
