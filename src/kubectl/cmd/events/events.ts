// kubectl events: the namespace's (or all) core/v1 Events, optionally only those of one object
// (--for TYPE/NAME, by involvedObject field selectors) or of some types, sorted by when they were
// last seen, in kubectl's own table (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE) or with -o;
// -w watches for more.
import type { KubeObject } from '../../../api/types';
import { translateTimestampSince, parseTime } from '../../../api/duration';
import type { CmdContext, CommandSpec } from '../../command';
import { F } from '../../command';
import { CmdError, ServerError } from '../../errors';
import { goSort } from '../../gosort';
import { parseOutputFormat, writeObjects } from '../../output';
import { TabWriter } from '../../printers/tabwriter';
import { PRINT_FLAGS, WatchPump } from '../rollout/common';
import { normalizeEvent } from './typed';
import { printTypedJson } from '../run/gostruct';

type Obj = Record<string, any>;

const FORMATS = 'json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file';

export const eventsCommand: CommandSpec = {
  name: 'events',
  group: 'Troubleshooting and Debugging Commands',
  short: 'List events',
  long: `Display events.

 Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.`,
  example: `  # List the recent events of the current namespace
  kubectl events

  # List the recent events of every namespace
  kubectl events --all-namespaces

  # List the events of pod web, then keep printing new ones as they happen
  kubectl events --for pod/web --watch

  # Print the events as YAML
  kubectl events -oyaml

  # Only the warnings
  kubectl events --types=Warning`,
  usage: `events [(-o|--output=)${FORMATS}] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]`,
  flags: [
    F.allNamespaces,
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'for', type: 'string', usage: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'no-headers', type: 'bool', usage: "When using the default output format, don't print headers." },
    ...PRINT_FLAGS,
    { name: 'types', type: 'stringSlice', usage: 'Output only events of given types.' },
    { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing the requested events, watch for more events.' },
  ],
  run: runEvents,
};

/** The time events sort by: the series' last observation, else lastTimestamp, else eventTime. */
function eventTime(e: Obj): number {
  return parseTime(e.series?.lastObservedTime) ?? parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? -Infinity;
}

/** LAST SEEN: `5m`, or `30s (x4 over 5m)` for a repeated event. */
function interval(e: Obj, now: number): string {
  const first = parseTime(e.eventTime) !== undefined ? translateTimestampSince(e.eventTime, now) : translateTimestampSince(e.firstTimestamp, now);
  if (e.series) return `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** A cell ends at the first line break (with `...`), as the events printer cuts it. */
function cell(s: unknown): string {
  const str = String(s ?? '');
  const i = str.search(/[\f\n\r]/);
  return i >= 0 ? str.slice(0, i) + '...' : str;
}

function row(e: Obj, now: number, allNamespaces: boolean): string {
  const io = (e.involvedObject ?? {}) as Obj;
  const cells = [interval(e, now), cell(e.type), cell(e.reason), `${cell(io.kind)}/${cell(io.name)}`, cell(String(e.message ?? '').trim())];
  return (allNamespaces ? `${e.metadata?.namespace ?? ''}\t` : '') + cells.join('\t') + '\n';
}

function header(allNamespaces: boolean): string {
  return (allNamespaces ? 'NAMESPACE\t' : '') + 'LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n';
}

async function forSelector(ctx: CmdContext, spec: string): Promise<string | undefined> {
  if (!spec) return undefined;
  if (!spec.includes('/')) throw new CmdError('--for must be in resource/name form');
  const seg = spec.split('/');
  if (seg.length !== 2) throw new CmdError('arguments in resource/name form may not have more than one slash');
  let r;
  try {
    r = await ctx.f.discovery.resolve(seg[0]);
  } catch (e) {
    // The RESTMapper's error, printed as is by CheckErr.
    if (e instanceof CmdError) throw new CmdError(e.message, true);
    throw e;
  }
  return `involvedObject.kind=${r.kind},involvedObject.name=${seg[1]}`;
}

async function runEvents(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const all = flags.bool('all-namespaces');
  const output = flags.str('output');
  const format = output ? parseEventsFormat(output, flags.str('template')) : undefined;
  const fieldSelector = await forSelector(ctx, flags.str('for'));
  const types = [...new Set(flags.list('types'))].sort();
  for (const t of types) if (!/^(normal|warning)$/i.test(t)) throw new CmdError('valid --types are Normal or Warning');
  const wanted = (e: Obj) => !types.length || types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase());
  const path = all ? '/api/v1/events' : `/api/v1/namespaces/${ctx.namespace}/events`;
  const query: Record<string, string> = {};
  if (fieldSelector) query.fieldSelector = fieldSelector;
  const printOpts = {
    single: false,
    noHeaders: flags.bool('no-headers'),
    allowMissingKeys: flags.bool('allow-missing-template-keys'),
    showManagedFields: flags.bool('show-managed-fields'),
    prefixOf: () => 'event',
    readFile: (p: string) => ctx.io.readFile(p),
  };
  const tw = new TabWriter();
  let headed = flags.bool('no-headers');
  const print = (events: Obj[]) => {
    if (format) {
      // The printer gets an EventList for the listing and each Event alone when watching.
      if (format.kind === 'name') return;
      const data = flags.bool('watch') ? events[0] : { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: events };
      if (format.kind === 'json') return ctx.out(printTypedJson(data, flags.bool('watch') ? 'Event' : 'EventList'));
      writeObjects(ctx.out, format, [data as KubeObject], { ...printOpts, single: true });
      return;
    }
    let text = '';
    if (!headed) {
      text += header(all);
      headed = true;
    }
    for (const e of events) text += row(e, ctx.io.now(), all);
    ctx.out(tw.write(text) + tw.flush());
  };

  if (flags.bool('watch')) return watchEvents(ctx, path, query, (e) => wanted(e) && print([normalizeEvent(e)]));

  const items: Obj[] = [];
  const limit = flags.int('chunk-size');
  let cont = '';
  do {
    const q = { ...query, ...(limit > 0 ? { limit: String(limit) } : {}), ...(cont ? { continue: cont } : {}) };
    const body = (await ctx.f.request({ verb: 'GET', path, query: q })).body as { items?: Obj[]; metadata?: { continue?: string } };
    items.push(...(body.items ?? []));
    cont = body.metadata?.continue ?? '';
  } while (cont);
  const events = items.filter(wanted).map(normalizeEvent);
  if (!events.length) {
    ctx.err(all ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
    return 0;
  }
  goSort(events, (a, b) => eventTime(a) < eventTime(b));
  print(events);
  return 0;
}

function parseEventsFormat(output: string, template: string) {
  const f = parseOutputFormat(output, template);
  if (f.kind === 'table' || f.kind === 'customcolumns') {
    throw new CmdError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS.split('|').sort().join(',')}`);
  }
  return f;
}

/** -w: a watch from now (the server first replays what exists), until Ctrl-C. */
async function watchEvents(ctx: CmdContext, path: string, query: Record<string, string>, onEvent: (e: Obj) => void): Promise<number> {
  const h = await ctx.f.watch(path, query);
  const pump = new WatchPump(h, (ms) => ctx.io.sleep(ms));
  let aborted = ctx.io.signal.aborted;
  const off = ctx.io.signal.onAbort(() => {
    aborted = true;
    pump.close();
  });
  try {
    while (!aborted) {
      const ev = await pump.next(1000);
      if (ev === 'tick') continue;
      if (ev === 'end') break;
      if (ev.type === 'ERROR') throw new ServerError(ev.object as never);
      // Events are deleted after an hour; that is not news.
      if (ev.type === 'DELETED' || ev.type === 'BOOKMARK') continue;
      onEvent(ev.object as Obj);
    }
  } finally {
    off();
    pump.close();
  }
  return 0;
}
