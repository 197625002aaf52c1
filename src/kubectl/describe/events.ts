// Events of an object: searchEvents (the involvedObject field selector) and DescribeEvents (the
// `Type Reason Age From Message` table, ages from the playground's clock).
import { escapeFieldValue } from '../../api/fields';
import { apiPath, listAll, type DescribeContext } from './context';
import { goLess, since, type J } from './format';
import { LEVEL_0, LEVEL_1, type Writer } from './writer';

export interface EventRef {
  kind?: string;
  name: string;
  namespace: string;
  uid?: string;
}

/** The reference kubectl builds for an object (reference.GetReference): its kind, name, namespace, uid. */
export function refOf(o: J, kind: string): EventRef {
  return { kind, name: o.metadata?.name ?? '', namespace: o.metadata?.namespace ?? '', uid: o.metadata?.uid };
}

/**
 * Lists the events about `ref` in its namespace (all namespaces for cluster objects). Go builds
 * the selector from a map, in random order; sorted keys keep our requests stable.
 */
export async function searchEvents(ctx: DescribeContext, ref: EventRef): Promise<J[]> {
  const terms: Record<string, string> = { 'involvedObject.name': ref.name, 'involvedObject.namespace': ref.namespace };
  if (ref.kind) terms['involvedObject.kind'] = ref.kind;
  if (ref.uid) terms['involvedObject.uid'] = ref.uid;
  const fieldSelector = Object.keys(terms)
    .sort(goLess)
    .map((k) => `${k}=${escapeFieldValue(terms[k])}`)
    .join(',');
  return listAll(ctx, apiPath('v1', 'events', ref.namespace || undefined), { fieldSelector });
}

/** Events are optional decoration: a failed search shows as no events, as kubectl ignores the error. */
export async function eventsFor(ctx: DescribeContext, ref: EventRef): Promise<J[] | undefined> {
  if (!ctx.settings.showEvents) return undefined;
  try {
    return await searchEvents(ctx, ref);
  } catch {
    return [];
  }
}

const isZero = (t: unknown) => t === undefined || t === null || t === '' || t === '0001-01-01T00:00:00Z';

/** event.SortableEvents: by series' last observation, else lastTimestamp, else eventTime. */
function eventTime(e: J): number {
  const t = e.series?.lastObservedTime ?? (!isZero(e.lastTimestamp) ? e.lastTimestamp : e.eventTime);
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? -62135596800000 : ms;
}

export function describeEvents(events: J[], w: Writer, now: number): void {
  if (!events.length) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  // The events table aligns on its own, not with the fields above it.
  w.flush();
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => eventTime(a.e) - eventTime(b.e) || a.i - b.i).map((x) => x.e);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    let first = since(e.eventTime, now);
    if (isZero(e.eventTime)) first = since(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}
