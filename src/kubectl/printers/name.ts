// `-o name` (cli-runtime NamePrinter): `kind.group/name`, kind lower-cased, the group taken from
// apiVersion (`deployment.apps/web`, `pod/x`); a List prints one line per item. With an operation
// it is the line kubectl prints after a change: `deployment.apps/web created`.

export class NamePrinterError extends Error {}

interface ObjLike {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  items?: unknown[];
}

export function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** `kind.group` as the name printer writes it (lower-cased kind). */
export function kindString(kind: string, group: string): string {
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

/** One object's `-o name` line without the newline. */
export function nameOf(obj: ObjLike, operation = ''): string {
  const name = obj.metadata?.name ?? '';
  if (!obj.kind) throw new NamePrinterError(`missing kind for resource with name ${name}`);
  const k = kindString(obj.kind, groupOf(obj.apiVersion));
  return operation ? `${k}/${name} ${operation}` : `${k}/${name}`;
}

function isListKind(obj: ObjLike): boolean {
  return Array.isArray(obj.items) && (obj.kind === 'List' || (obj.kind ?? '').endsWith('List'));
}

/** What `kubectl -o name` prints for an object or a List. */
export function toName(obj: unknown, operation = ''): string {
  const o = obj as ObjLike;
  if (isListKind(o)) {
    // Items of a typed list (PodList) carry no kind; kubectl's unstructured list fills it in.
    const itemKind = o.kind && o.kind !== 'List' ? o.kind.replace(/List$/, '') : undefined;
    return (o.items as ObjLike[])
      .map((it) => nameOf(it.kind ? it : { ...it, kind: itemKind, apiVersion: it.apiVersion ?? o.apiVersion }, operation) + '\n')
      .join('');
  }
  return nameOf(o, operation) + '\n';
}
