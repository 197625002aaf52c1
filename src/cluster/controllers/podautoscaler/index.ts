// kube-controller-manager's `horizontalpodautoscaling` controller.
import type { ControllerContext } from '../context';
import { HorizontalController, type HorizontalControllerOptions } from './controller';

export { HorizontalController, CONTROLLER_NAME, SYNC_PERIOD_MS } from './controller';
export { MetricsUnavailable, type MetricsClient } from './metrics-client';

/** Registers the HPA controller's informer handlers; the host starts the informers. */
export function startHorizontalController(ctx: ControllerContext, opts?: HorizontalControllerOptions): HorizontalController {
  const hc = new HorizontalController(ctx, opts);
  hc.start();
  return hc;
}
