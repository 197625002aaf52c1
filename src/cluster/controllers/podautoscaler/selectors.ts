// The selectors of the HPAs the controller knows (upstream's selectors.BiMultimap): an HPA is
// registered with a selector matching nothing when it is queued, and gets its target's selector
// once a sync parses it; pods that more than one HPA's selector picks make those HPAs ambiguous.
import { matchesLabels, nothing } from '../../../api/labels';
import type { LabelSelector } from '../../../api/selector-types';
import { splitKey } from '../../machinery/informer';
import type { KubeObject } from '../../../api/types';

export class HPASelectors {
  private readonly byKey = new Map<string, LabelSelector>();

  /** enqueueHPA: known from now on, selecting nothing until synced. */
  register(key: string): void {
    if (!this.byKey.has(key)) this.byKey.set(key, nothing());
  }

  /** deleteHPA. */
  remove(key: string): void {
    this.byKey.delete(key);
  }

  /** The selector of a registered HPA (an unregistered one stays unknown, as upstream). */
  put(key: string, selector: LabelSelector): void {
    if (this.byKey.has(key)) this.byKey.set(key, selector);
  }

  /**
   * hpasControllingPodsUnderSelector: the HPAs (of the pods' namespace) selecting any of the pods,
   * as selectors.Key's String() prints them (`namespace/name`, our keys), sorted: upstream's order
   * is a map's.
   */
  controlling(pods: KubeObject[]): string[] {
    const keys = new Set<string>();
    for (const pod of pods) {
      for (const [key, sel] of this.byKey) {
        const [ns] = splitKey(key);
        if (ns === (pod.metadata.namespace ?? '') && matchesLabels(sel, pod.metadata.labels)) keys.add(key);
      }
    }
    return [...keys].sort();
  }
}
