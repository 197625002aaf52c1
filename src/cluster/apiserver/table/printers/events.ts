// Events (core/v1 and events.k8s.io/v1, which share one storage and one printer). Columns are
// interleaved by priority: Last Seen, Type, Reason, Object, [Subobject, Source], Message,
// [First Seen, Count, Name].
import type { Event as CoreEvent, EventSource, ObjectReference } from 'kubernetes-types/core/v1';
import type { Event as EventsV1Event } from 'kubernetes-types/events/v1';
import type { KubeObject } from '../../../../api/types';
import { DOC } from '../descriptions';
import { parseTime, translateTimestampSince } from '../../../../api/duration';
import { as, col, NAME_COLUMN, type PrintContext, type PrintedRow, type Printer } from '../printer';

/** The fields printEvent reads, in the internal (core) naming. */
interface EventView {
  name: string;
  type: string;
  reason: string;
  message: string;
  involvedObject: ObjectReference;
  source: EventSource;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count: number;
  series?: { count?: number; lastObservedTime?: string };
  reportingController: string;
  reportingInstance: string;
}

function isEventsV1(obj: KubeObject): boolean {
  if (typeof obj.apiVersion === 'string') return obj.apiVersion.startsWith('events.k8s.io/');
  return !('involvedObject' in obj) && ('regarding' in obj || 'note' in obj);
}

/** Both API shapes as the internal api.Event (events.k8s.io/v1 conversion renames the fields). */
export function eventView(obj: KubeObject): EventView {
  if (isEventsV1(obj)) {
    const e = as<EventsV1Event>(obj);
    return {
      name: e.metadata?.name ?? '',
      type: e.type ?? '',
      reason: e.reason ?? '',
      message: e.note ?? '',
      involvedObject: e.regarding ?? {},
      source: e.deprecatedSource ?? {},
      firstTimestamp: e.deprecatedFirstTimestamp,
      lastTimestamp: e.deprecatedLastTimestamp,
      eventTime: e.eventTime,
      count: e.deprecatedCount ?? 0,
      series: e.series,
      reportingController: e.reportingController ?? '',
      reportingInstance: e.reportingInstance ?? '',
    };
  }
  const e = as<CoreEvent>(obj);
  return {
    name: e.metadata?.name ?? '',
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: e.message ?? '',
    involvedObject: e.involvedObject ?? {},
    source: e.source ?? {},
    firstTimestamp: e.firstTimestamp,
    lastTimestamp: e.lastTimestamp,
    eventTime: e.eventTime ?? undefined,
    count: e.count ?? 0,
    series: e.series,
    reportingController: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
}

/** formatEventSource: component (or reportingController), then `, host` (or reportingInstance). */
function formatEventSource(src: EventSource, controller: string, instance: string): string {
  const component = src.component || controller;
  const host = src.host || instance;
  return host ? `${component}, ${host}` : component;
}

export function printEvent(obj: KubeObject, ctx: PrintContext): PrintedRow {
  const e = eventView(obj);
  let firstSeen = translateTimestampSince(e.firstTimestamp, ctx.now);
  if (parseTime(e.firstTimestamp) === undefined) firstSeen = translateTimestampSince(e.eventTime, ctx.now);
  let lastSeen = translateTimestampSince(e.lastTimestamp, ctx.now);
  if (parseTime(e.lastTimestamp) === undefined) lastSeen = firstSeen;
  let count = e.count;
  if (e.series) {
    lastSeen = translateTimestampSince(e.series.lastObservedTime, ctx.now);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events don't have a count set in the new API.
    count = 1;
  }
  const kind = (e.involvedObject.kind ?? '').toLowerCase();
  const target = e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind;
  return {
    cells: [
      lastSeen,
      e.type,
      e.reason,
      target,
      e.involvedObject.fieldPath ?? '',
      formatEventSource(e.source, e.reportingController, e.reportingInstance),
      e.message.trim(),
      firstSeen,
      count,
      e.name,
    ],
  };
}

export const eventPrinter: Printer = {
  columns: [
    col('Last Seen', 'string', DOC.Event_lastTimestamp),
    col('Type', 'string', DOC.Event_type),
    col('Reason', 'string', DOC.Event_reason),
    col('Object', 'string', DOC.Event_involvedObject),
    col('Subobject', 'string', DOC.ObjectReference_fieldPath, 1),
    col('Source', 'string', DOC.Event_source, 1),
    col('Message', 'string', DOC.Event_message),
    col('First Seen', 'string', DOC.Event_firstTimestamp, 1),
    col('Count', 'string', DOC.Event_count, 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  print: printEvent,
};
