// An Event as kubectl holds it after decoding into corev1.Event: the fields Go always encodes
// (times as null when zero, the reporting fields as "", an empty source) are present, so -o
// json/yaml print them as the real kubectl does.
type Obj = Record<string, any>;

export function normalizeEvent(e: Obj): Obj {
  return {
    ...e,
    kind: e.kind ?? 'Event',
    apiVersion: e.apiVersion ?? 'v1',
    metadata: { ...(e.metadata ?? {}), creationTimestamp: e.metadata?.creationTimestamp ?? null },
    involvedObject: e.involvedObject ?? {},
    source: e.source ?? {},
    firstTimestamp: e.firstTimestamp ?? null,
    lastTimestamp: e.lastTimestamp ?? null,
    eventTime: e.eventTime ?? null,
    reportingComponent: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
}
