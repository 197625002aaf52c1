// Scale.status.selector: the label selector in its string form, as the scale subresources fill it.
import { labelSelectorAsSelector, selectorFromSet, selectorString, type MetaLabelSelector } from '../../api/labels';

export function formatSelectorForScale(kind: string, selector: unknown): string | undefined {
  if (!selector || typeof selector !== 'object') return undefined;
  // ReplicationController selectors are plain maps; apps kinds use metav1.LabelSelector.
  if (kind === 'ReplicationController') return selectorString(selectorFromSet(selector as Record<string, string>));
  try {
    return selectorString(labelSelectorAsSelector(selector as MetaLabelSelector));
  } catch {
    return undefined;
  }
}
