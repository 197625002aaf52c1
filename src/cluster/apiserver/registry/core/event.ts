// Events, in both shapes: core v1 (`events`, legacy rules only) and events.k8s.io/v1
// (`events.events.k8s.io`, the strict rules). ValidateEventCreate / ValidateEventUpdate, v1.32.
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { isDNS1123Subdomain, isQualifiedName } from '../../../../api/names';
import type { Strategy } from '../types';
import { asObj, deepEqual, immutable, invalidErr, num, required, str, type Obj } from './generic';

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

/** The fields validation reads, whichever API shape the event came in. */
interface EventView {
  namespace: string;
  involvedNamespace: string;
  eventTime: string;
  reportingController: string;
  reportingInstance: string;
  action: string;
  reason: string;
  message: string;
  type: string;
  series?: Obj;
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  source: Obj;
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== '';

function coreView(obj: KubeObject): EventView {
  const o = obj as Obj;
  return {
    namespace: obj.metadata.namespace ?? '',
    involvedNamespace: str(asObj(o.involvedObject).namespace),
    eventTime: isSet(o.eventTime) ? str(o.eventTime) : '',
    reportingController: str(o.reportingComponent),
    reportingInstance: str(o.reportingInstance),
    action: str(o.action),
    reason: str(o.reason),
    message: str(o.message),
    type: str(o.type),
    series: o.series === undefined || o.series === null ? undefined : asObj(o.series),
    firstTimestamp: isSet(o.firstTimestamp) ? str(o.firstTimestamp) : '',
    lastTimestamp: isSet(o.lastTimestamp) ? str(o.lastTimestamp) : '',
    count: num(o.count),
    source: asObj(o.source),
  };
}

function eventsV1View(obj: KubeObject): EventView {
  const o = obj as Obj;
  return {
    namespace: obj.metadata.namespace ?? '',
    involvedNamespace: str(asObj(o.regarding).namespace),
    eventTime: isSet(o.eventTime) ? str(o.eventTime) : '',
    reportingController: str(o.reportingController),
    reportingInstance: str(o.reportingInstance),
    action: str(o.action),
    reason: str(o.reason),
    message: str(o.note),
    type: str(o.type),
    series: o.series === undefined || o.series === null ? undefined : asObj(o.series),
    firstTimestamp: isSet(o.deprecatedFirstTimestamp) ? str(o.deprecatedFirstTimestamp) : '',
    lastTimestamp: isSet(o.deprecatedLastTimestamp) ? str(o.deprecatedLastTimestamp) : '',
    count: num(o.deprecatedCount),
    source: asObj(o.deprecatedSource),
  };
}

/** legacyValidateEvent */
function legacyValidate(e: EventView, reportingField: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!e.eventTime) {
    if (!e.involvedNamespace) {
      if (e.namespace !== '' && e.namespace !== 'default') errs.push(namespaceMismatch(e));
    } else if (e.namespace !== e.involvedNamespace) errs.push(namespaceMismatch(e));
  } else {
    if (!e.involvedNamespace && e.namespace !== 'default' && e.namespace !== 'kube-system') errs.push(namespaceMismatch(e));
    if (!e.reportingController) errs.push(required(reportingField));
    errs.push(...isQualifiedName(e.reportingController).map((m) => invalidErr(reportingField, e.reportingController, m)));
    if (!e.reportingInstance) errs.push(required('reportingInstance'));
    if (e.reportingInstance.length > REPORTING_INSTANCE_LIMIT) errs.push(invalidErr('reportingInstance', '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
    if (!e.action) errs.push(required('action'));
    if (e.action.length > ACTION_LIMIT) errs.push(invalidErr('action', '', `can have at most ${ACTION_LIMIT} characters`));
    if (!e.reason) errs.push(required('reason'));
    if (e.reason.length > REASON_LIMIT) errs.push(invalidErr('reason', '', `can have at most ${REASON_LIMIT} characters`));
    if (e.message.length > NOTE_LIMIT) errs.push(invalidErr('message', '', `can have at most ${NOTE_LIMIT} characters`));
  }
  // Every recorded event passes here: no arrays built for the usual valid namespace.
  const nsErrs = isDNS1123Subdomain(e.namespace);
  for (let i = 0; i < nsErrs.length; i++) errs.push(invalidErr('namespace', e.namespace, nsErrs[i]!));
  return errs;
}

function namespaceMismatch(e: EventView): FieldError {
  return invalidErr('involvedObject.namespace', e.involvedNamespace, 'does not match event.namespace');
}

function validateSeries(e: EventView): FieldError[] {
  if (!e.series) return [];
  const errs: FieldError[] = [];
  if (num(e.series.count) < 2) errs.push(invalidErr('series.count', '', 'should be at least 2'));
  if (!isSet(e.series.lastObservedTime)) errs.push(required('series.lastObservedTime'));
  return errs;
}

/** ValidateEventCreate for events.k8s.io/v1: legacy rules plus the strict ones. */
function strictCreate(e: EventView): FieldError[] {
  const errs = [...legacyValidate(e, 'reportingController'), ...validateSeries(e)];
  if (!e.eventTime) errs.push(required('eventTime'));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(invalidErr('type', '', `has invalid value: ${e.type}`));
  if (e.firstTimestamp) errs.push(invalidErr('firstTimestamp', '', 'needs to be unset'));
  if (e.lastTimestamp) errs.push(invalidErr('lastTimestamp', '', 'needs to be unset'));
  if (e.count !== 0) errs.push(invalidErr('count', '', 'needs to be unset'));
  if (str(e.source.component) || str(e.source.host)) errs.push(invalidErr('source', '', 'needs to be unset'));
  return errs;
}

export const eventStrategy: Strategy = {
  allowCreateOnUpdate: true,
  validate(obj) {
    return legacyValidate(coreView(obj), 'reportingComponent');
  },
  validateUpdate(obj) {
    return legacyValidate(coreView(obj), 'reportingComponent');
  },
};

export const eventsV1Strategy: Strategy = {
  allowCreateOnUpdate: true,
  validate(obj) {
    return strictCreate(eventsV1View(obj));
  },
  validateUpdate(obj, old) {
    const e = eventsV1View(obj);
    const o = eventsV1View(old);
    const errs = legacyValidate(e, 'reportingController');
    if (!deepEqual(e.series, o.series)) errs.push(...validateSeries(e));
    const regarding = (x: KubeObject) => JSON.stringify((x as Obj).regarding ?? {});
    if (regarding(obj) !== regarding(old)) errs.push(invalidErr('involvedObject', regarding(obj), 'field is immutable', `core.ObjectReference${regarding(obj)}`));
    errs.push(
      ...immutable('reason', e.reason, o.reason),
      ...immutable('message', e.message, o.message),
      ...immutable('firstTimestamp', e.firstTimestamp, o.firstTimestamp),
      ...immutable('lastTimestamp', e.lastTimestamp, o.lastTimestamp),
      ...immutable('count', e.count, o.count),
      ...immutable('type', e.type, o.type),
      ...immutable('eventTime', e.eventTime, o.eventTime),
      ...immutable('action', e.action, o.action),
      ...immutable('reportingController', e.reportingController, o.reportingController),
      ...immutable('reportingInstance', e.reportingInstance, o.reportingInstance),
    );
    return errs;
  },
};
