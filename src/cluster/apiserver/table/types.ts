// meta.k8s.io/v1 Table, as kube-apiserver serialises it (encoding/json of metav1.Table):
// `columnDefinitions` and `rows` carry no omitempty, so a nil slice travels as `null`.
import type { KubeObject, ListMeta, ObjectMeta } from '../../../api/types';

export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** OpenAPI format; `name` marks the column holding the object name. */
  format: string;
  description: string;
  /** 0 for the default view; higher priorities are shown by `-o wide`. */
  priority: number;
}

export type TableCell = string | number | boolean;

export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: TableCell[];
  /** Omitted when empty (omitempty). */
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata (includeObject=Metadata, the default), the full object (Object), or null (None). */
  object: PartialObjectMetadata | KubeObject | null;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  /** null when headers are omitted (watch events after the first, or noHeaders). */
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  /** Virtual clock, in milliseconds since the epoch. */
  now: number;
  includeObject: IncludeObject;
  /** The list's (or the single object's) resourceVersion for metadata.resourceVersion. */
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  /** TableOptions.noHeaders: leave columnDefinitions out (null). */
  omitColumns?: boolean;
}
