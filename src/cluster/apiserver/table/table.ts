// Table responses (meta.k8s.io/v1) for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`,
// as kube-apiserver builds them: the printer runs with Wide=true (every column filled), then each
// row's object becomes PartialObjectMetadata (includeObject=Metadata, the default), the full
// object (Object) or null (None).
import type { ResourceInfo } from '../../../api/registry';
import { groupVersion } from '../../../api/registry';
import type { KubeObject, ListMeta } from '../../../api/types';
import { printerFor } from './printers/index';
import type { PartialObjectMetadata, Table, TableOptions, TableRow } from './types';

function rowObject(resource: ResourceInfo, obj: KubeObject, opts: TableOptions): TableRow['object'] {
  switch (opts.includeObject) {
    case 'None':
      return null;
    case 'Object':
      // Converted to the request's version, so apiVersion/kind are always set.
      return { ...obj, apiVersion: obj.apiVersion ?? groupVersion(resource), kind: obj.kind ?? resource.kind };
    default: {
      const partial: PartialObjectMetadata = {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: obj.metadata,
      };
      return partial;
    }
  }
}

function listMeta(opts: TableOptions): ListMeta {
  const meta: ListMeta = {};
  if (opts.resourceVersion) meta.resourceVersion = opts.resourceVersion;
  if (opts.continue) meta.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) meta.remainingItemCount = opts.remainingItemCount;
  return meta;
}

/**
 * The Table for a list (or, with one object and its resourceVersion, for a single GET). Every
 * part of it is new but the objects' metadata (Metadata) or fields (Object), which it shares:
 * the apiserver relies on that to hand the Table over without a copy (read.ts).
 */
export function buildTable(resource: ResourceInfo, objects: KubeObject[], opts: TableOptions): Table {
  const printer = printerFor(resource);
  const ctx = { now: opts.now };
  const rows = objects.map((obj): TableRow => {
    const printed = printer.print(obj, ctx);
    const row: TableRow = { cells: printed.cells, object: rowObject(resource, obj, opts) };
    if (printed.conditions && printed.conditions.length > 0) {
      // Key order as Go serialises TableRow: cells, conditions, object.
      return { cells: row.cells, conditions: printed.conditions.map((c) => ({ ...c })), object: row.object };
    }
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta(opts),
    columnDefinitions: opts.omitColumns ? null : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}

/**
 * The object of one watch event when the watch asked for Tables: a one-row Table whose
 * metadata.resourceVersion is the object's. kube-apiserver's watch encoder sends the column
 * definitions with the first event only and sets noHeaders afterwards, so later events carry
 * `columnDefinitions: null`.
 */
export function tableForWatchEvent(
  resource: ResourceInfo,
  object: KubeObject,
  opts: Omit<TableOptions, 'resourceVersion' | 'continue' | 'remainingItemCount'>,
  first: boolean,
): Table {
  return buildTable(resource, [object], {
    now: opts.now,
    includeObject: opts.includeObject,
    resourceVersion: object.metadata?.resourceVersion,
    omitColumns: opts.omitColumns || !first,
  });
}
