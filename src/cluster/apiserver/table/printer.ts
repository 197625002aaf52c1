// What one printer is: its column definitions (all of them, priority 0 and wide ones) and a
// function from an object to its cells. kube-apiserver always prints with Wide=true, so every
// printer fills every column.
import type { KubeObject } from '../../../api/types';
import { DOC } from './descriptions';
import { translateTimestampSince } from '../../../api/duration';
import type { TableCell, TableColumnDefinition, TableRowCondition } from './types';

export interface PrintContext {
  /** Virtual clock, ms since the epoch. */
  now: number;
}

export interface PrintedRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
}

export interface Printer {
  columns: TableColumnDefinition[];
  print(obj: KubeObject, ctx: PrintContext): PrintedRow;
}

/** A column definition; format is `name` for the name column only. */
export function col(
  name: string,
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date',
  description: string,
  priority = 0,
  format = '',
): TableColumnDefinition {
  return { name, type, format, description, priority };
}

export const NAME_COLUMN = col('Name', 'string', DOC.ObjectMeta_name, 0, 'name');
export const AGE_COLUMN = col('Age', 'string', DOC.ObjectMeta_creationTimestamp);
export const CONTAINERS_COLUMN = col('Containers', 'string', 'Names of each container in the template.', 1);
export const IMAGES_COLUMN = col('Images', 'string', 'Images referenced by each container in the template.', 1);

/** translateTimestampSince(obj.CreationTimestamp). */
export function age(obj: KubeObject, ctx: PrintContext): string {
  return translateTimestampSince(obj.metadata?.creationTimestamp, ctx.now);
}

export function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}

/** layoutContainerCells: names and images, each joined with ','. */
export function layoutContainerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** Typed view of a JSON object (kind-specific shapes from kubernetes-types). */
export function as<T>(obj: KubeObject): T {
  return obj as unknown as T;
}

/**
 * `compute(obj)` remembered per object, for the parts of a row that depend on the object alone.
 * Only frozen objects are remembered: the store hands out its stored objects frozen (deeply, by
 * cloneJson) and replaces rather than edits them, so a frozen object's content can never change
 * under its identity, and a new resourceVersion is a new object. Anything else (a test's literal,
 * a store built without freezing) is computed afresh. A WeakMap lets deleted or replaced objects go.
 */
export function perObject<T>(compute: (obj: KubeObject) => T): (obj: KubeObject) => T {
  const cache = new WeakMap<KubeObject, T>();
  return (obj) => {
    let v = cache.get(obj);
    if (v === undefined) {
      v = compute(obj);
      if (Object.isFrozen(obj)) cache.set(obj, v);
    }
    return v;
  };
}
