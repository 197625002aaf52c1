// Request selectors: parse once per request, answer BadRequest with the parser's own text.
import type { KubeObject } from '../../api/types';
import type { LabelSelector } from '../../api/selector-types';
import type { ResourceInfo } from '../../api/registry';
import { parseLabelSelector } from '../../api/labels';
import { fieldSelectorForResource, objectMatchesFields } from '../../api/fields';
import { badRequest } from '../../api/status';

export interface Selection {
  labels?: LabelSelector;
  /** Object filter for the field selector (labels go to the store's index). */
  filter?: (o: KubeObject) => boolean;
}

export function selectionFromQuery(r: ResourceInfo, query: Record<string, string>): Selection {
  const sel: Selection = {};
  if (query.labelSelector) {
    try {
      sel.labels = parseLabelSelector(query.labelSelector);
    } catch (e) {
      throw badRequest((e as Error).message);
    }
  }
  if (query.fieldSelector) {
    const fields = fieldSelectorForResource(r.resource, query.fieldSelector, r.group);
    if (fields.requirements.length) sel.filter = (o) => objectMatchesFields(r.resource, fields, o, r.group);
  }
  return sel;
}
