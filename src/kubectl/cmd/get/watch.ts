// kubectl get -w / --watch-only: list, then print a row per watch event.
import type { KubeObject, WatchEvent } from '../../../api/types';
import type { CmdContext } from '../../command';
import { CmdError, ServerError } from '../../errors';
import { collectionPath, objectPath, TABLE_ACCEPT } from '../../factory';
import { kindPrefix, type Target } from '../../resources';
import { printObjects, type OutputFormat } from '../../output';
import { tableRows, type ServerTable, type TableColumn } from './table';
import { TabWriter, tabwrite } from '../../printers/tabwriter';

export async function watchTargets(
  ctx: CmdContext,
  targets: Target[],
  ns: string | undefined,
  query: Record<string, string>,
  format: OutputFormat,
  multipleTypes: boolean,
): Promise<number> {
  const { flags, f } = ctx;
  if (targets.length > 1 && new Set(targets.map((t) => t.resource.resource)).size > 1) {
    throw new CmdError('you may only specify a single resource type');
  }
  const t = targets[0];
  if (!t) {
    // `kubectl get -w -f EMPTY`: kubectl v1.32 indexes infos[0] and panics; say so, exit as Go does.
    ctx.err('panic: runtime error: index out of range [0] with length 0\n');
    return 2;
  }
  const q: Record<string, string> = { ...query };
  if (t.name !== undefined) q.fieldSelector = [`metadata.name=${t.name}`, q.fieldSelector].filter(Boolean).join(',');
  const human = format.kind === 'table';
  const accept = human ? TABLE_ACCEPT : undefined;
  const path = collectionPath(t.resource, t.namespace);
  // Column widths carry over between events and only grow, as kubectl's printer keeps them.
  const tw = new TabWriter({ rememberWidths: true });
  const all = flags.bool('all-namespaces');
  const opts = {
    wide: format.kind === 'table' && format.wide,
    withNamespace: all && t.resource.namespaced,
    kindPrefix: multipleTypes ? kindPrefix(t.resource) : undefined,
    showLabels: flags.bool('show-labels'),
    labelColumns: flags.list('label-columns'),
    noHeaders: flags.bool('no-headers'),
  };
  const withEvents = flags.bool('output-watch-events');
  let columns: TableColumn[] | null = null;
  let headerDone = false;

  const printTable = (table: ServerTable, eventType?: string) => {
    if (table.columnDefinitions && table.columnDefinitions.length) columns = table.columnDefinitions;
    if (!columns || !table.rows?.length) return;
    const rows = tableRows(columns, table.rows, opts, !headerDone);
    if (withEvents) rows.forEach((r, i) => r.unshift(i === 0 && !headerDone && !opts.noHeaders ? 'EVENT' : (eventType ?? 'ADDED')));
    headerDone = true;
    ctx.out(tabwrite(rows, tw));
  };
  const printObject = (o: KubeObject, eventType: string) => {
    const body = withEvents ? ({ type: eventType, object: o } as unknown as KubeObject) : o;
    ctx.out(printObjects(format, [body], { single: true, noHeaders: flags.bool('no-headers'), allowMissingKeys: true, showManagedFields: false, prefixOf: () => kindPrefix(t.resource), readFile: (p) => ctx.io.readFile(p) }));
  };

  // Named objects are read first, as the builder behind kubectl's watch does (so a missing one is
  // NotFound even with --watch-only); several names are printed, then refused: resource.Result.Watch
  // watches one source only.
  if (targets.length > 1) {
    const got = [];
    for (const n of targets) got.push((await f.request({ verb: 'GET', path: objectPath(n.resource, n.name ?? '', n.namespace), accept })).body);
    if (!flags.bool('watch-only')) for (const b of got) human ? printTable(b as ServerTable, 'ADDED') : printObject(b as KubeObject, 'ADDED');
    throw new CmdError('you may only watch a single resource or type of resource at a time');
  }
  if (t.name !== undefined) await f.request({ verb: 'GET', path: objectPath(t.resource, t.name, t.namespace) });

  let rv = '0';
  if (!flags.bool('watch-only')) {
    const res = await f.request({ verb: 'GET', path, query: q, accept });
    const body = res.body as ServerTable & { items?: KubeObject[]; metadata?: { resourceVersion?: string } };
    rv = body.metadata?.resourceVersion ?? '0';
    if (human) {
      if (!body.rows?.length && t.name === undefined) ctx.err(ns ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
      printTable(body, 'ADDED');
    } else for (const o of body.items ?? []) printObject(o, 'ADDED');
  } else {
    const res = await f.request({ verb: 'GET', path, query: { ...q, limit: '1' } });
    rv = (res.body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ?? '0';
  }
  const watch = await f.watch(path, { ...q, resourceVersion: rv }, accept);
  const off = ctx.io.signal.onAbort(() => watch.close());
  try {
    for await (const ev of watch as AsyncIterable<WatchEvent<unknown>>) {
      if (ev.type === 'ERROR') throw new ServerError(ev.object as never);
      if (ev.type === 'BOOKMARK') continue;
      if (human) printTable(ev.object as ServerTable, ev.type);
      else printObject(ev.object as KubeObject, ev.type);
    }
  } finally {
    off();
    watch.close();
  }
  return ctx.io.signal.aborted ? 130 : 0;
}
