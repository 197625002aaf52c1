// Jobs and CronJobs (batch/v1): defaults, the generated selector, ValidateJob / ValidateCronJob.
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { matchesLabels } from '../../../../api/labels';
import type { Strategy } from '../types';
import { defaultPodTemplate } from './podspec-defaults';
import { selectorOrError, validateLabelSelector, validatePodTemplateSpec } from './podspec-validation';
import { keepSpecAndLabels, keepStatusBumpGeneration, resetStatus, selectorImmutable } from './common';
import { asObj, clone, FIELD_IMMUTABLE_ERROR_MSG, goLabelSelector, invalidErr, isObj, labelsOf, labelsValue, nonNegative, notSupported, required, semanticEqual, str, type Obj } from './util';

export const JOB_LABELS = {
  legacyJobName: 'job-name',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  controllerUid: 'batch.kubernetes.io/controller-uid',
};

export function defaultJob(obj: KubeObject): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec as Obj;
  if ((spec.completions === undefined || spec.completions === null) && (spec.parallelism === undefined || spec.parallelism === null)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism === undefined || spec.parallelism === null) spec.parallelism = 1;
  if (spec.backoffLimit === undefined || spec.backoffLimit === null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  if (!isObj(spec.template)) spec.template = {};
  const tl = asObj(asObj(spec.template).metadata).labels;
  if (isObj(tl) && (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0)) obj.metadata.labels = clone(tl) as Record<string, string>;
  if (!spec.completionMode) spec.completionMode = 'NonIndexed';
  if (spec.suspend === undefined || spec.suspend === null) spec.suspend = false;
  if (!spec.podReplacementPolicy) spec.podReplacementPolicy = isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  if (isObj(spec.podFailurePolicy)) {
    for (const r of Array.isArray(spec.podFailurePolicy.rules) ? (spec.podFailurePolicy.rules as Obj[]) : []) {
      for (const c of Array.isArray(r.onPodConditions) ? (r.onPodConditions as Obj[]) : []) if (!c.status) c.status = 'True';
    }
  }
  defaultPodTemplate(spec.template);
}

/** generateSelector: the controller-uid selector and the job-name/controller-uid template labels. */
export function generateJobSelector(obj: KubeObject): void {
  const spec = asObj(obj.spec);
  if (spec.manualSelector === true) return;
  if (spec.manualSelector === undefined || spec.manualSelector === null) spec.manualSelector = false;
  const tmpl = asObj(spec.template);
  spec.template = tmpl;
  if (!isObj(tmpl.metadata)) tmpl.metadata = { creationTimestamp: null };
  const meta = tmpl.metadata as Obj;
  const labels = isObj(meta.labels) ? (meta.labels as Record<string, string>) : {};
  const name = obj.metadata.name ?? '';
  const uid = obj.metadata.uid ?? '';
  for (const k of [JOB_LABELS.legacyJobName, JOB_LABELS.jobName]) if (!(k in labels)) labels[k] = name;
  for (const k of [JOB_LABELS.legacyControllerUid, JOB_LABELS.controllerUid]) if (!(k in labels)) labels[k] = uid;
  meta.labels = labels;
  const sel = isObj(spec.selector) ? spec.selector : {};
  const ml = isObj(sel.matchLabels) ? (sel.matchLabels as Record<string, string>) : {};
  if (!(JOB_LABELS.controllerUid in ml)) ml[JOB_LABELS.controllerUid] = uid;
  sel.matchLabels = ml;
  spec.selector = sel;
  // Re-defaulting on read copies the (now labelled) template labels onto an unlabelled Job.
  if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = clone(labels);
  obj.spec = spec;
}

/** validateJobSpec: the parts shared by Jobs and CronJob job templates. */
function validateJobSpecCommon(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    errs.push(...nonNegative(spec[f], `${path}.${f}`));
  }
  const cm = spec.completionMode;
  if (cm !== undefined && cm !== null) {
    if (cm !== 'NonIndexed' && cm !== 'Indexed') errs.push(notSupported(`${path}.completionMode`, str(cm), ['NonIndexed', 'Indexed']));
    if (cm === 'Indexed' && (spec.completions === undefined || spec.completions === null)) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
  }
  const prp = spec.podReplacementPolicy;
  if (prp !== undefined && prp !== null && prp !== 'TerminatingOrFailed' && prp !== 'Failed') {
    errs.push(notSupported(`${path}.podReplacementPolicy`, str(prp), ['Failed', 'TerminatingOrFailed']));
  }
  return errs;
}

function validateJobTemplate(tmpl: unknown, path: string): FieldError[] {
  const errs = validatePodTemplateSpec(tmpl, path);
  const rp = str(asObj(asObj(tmpl).spec).restartPolicy);
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(`${path}.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  return errs;
}

/** ValidateJobSpec (with the selector) for a Job object. */
export function validateJobSpec(spec0: unknown, path = 'spec'): FieldError[] {
  const spec = asObj(spec0);
  const errs = validateJobSpecCommon(spec, path);
  if (spec.selector === undefined || spec.selector === null) errs.push(required(`${path}.selector`));
  else errs.push(...validateLabelSelector(spec.selector, `${path}.selector`));
  const r = selectorOrError(spec.selector, `${path}.selector`);
  const labels = asObj(asObj(spec.template).metadata).labels;
  if (r.selector && !matchesLabels(r.selector, labelsOf(labels))) {
    const v = labelsValue(labels);
    errs.push(invalidErr(`${path}.template.metadata.labels`, v.badValue, '`selector` does not match template `labels`', v.badValueText));
  }
  errs.push(...validateJobTemplate(spec.template, `${path}.template`));
  return errs;
}

/** ValidateGeneratedSelector: the template must carry the labels the selector was generated from. */
function validateGeneratedSelector(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec);
  if (spec.manualSelector === true) return [];
  const errs: FieldError[] = [];
  const labels = labelsOf(asObj(asObj(spec.template).metadata).labels);
  const uid = obj.metadata.uid ?? '';
  const want: [string, string][] = [
    [JOB_LABELS.legacyControllerUid, uid],
    [JOB_LABELS.controllerUid, uid],
    [JOB_LABELS.legacyJobName, obj.metadata.name ?? ''],
    [JOB_LABELS.jobName, obj.metadata.name ?? ''],
  ];
  for (const [k, v] of want) {
    if (labels[k] !== v) {
      const path = `spec.template.metadata.labels`;
      if (k.includes('controller-uid')) errs.push(invalidErr(path, labels, `\`selector\` not auto-generated`, labelsValue(labels).badValueText));
      else errs.push(invalidErr(path, labels, `\`${k}\` must be set to \`${v}\``, labelsValue(labels).badValueText));
      break;
    }
  }
  return errs;
}

export function validateJobUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateJobSpec(obj.spec);
  const spec = asObj(obj.spec);
  const oldSpec = asObj(old.spec);
  errs.push(...selectorImmutable(obj, old));
  if (!semanticEqual(spec.completions, oldSpec.completions) && !(spec.completionMode === 'Indexed' && semanticEqual(spec.completions, spec.parallelism))) {
    errs.push(invalidErr('spec.completions', spec.completions ?? null, FIELD_IMMUTABLE_ERROR_MSG));
  }
  if (!semanticEqual(spec.completionMode, oldSpec.completionMode)) {
    errs.push(invalidErr('spec.completionMode', spec.completionMode ?? null, FIELD_IMMUTABLE_ERROR_MSG));
  }
  const suspendedNeverStarted = oldSpec.suspend === true && !asObj(old.status).startTime;
  if (!suspendedNeverStarted && !semanticEqual(spec.template, oldSpec.template)) {
    // The real message prints the whole core.PodTemplateSpec with %#v.
    errs.push(invalidErr('spec.template', spec.template, FIELD_IMMUTABLE_ERROR_MSG, 'core.PodTemplateSpec{...}'));
  }
  return errs;
}

export const jobStrategy: Strategy = {
  defaults: defaultJob,
  prepareForCreate(obj) {
    resetStatus(obj);
    obj.metadata.generation = 1;
    if (obj.metadata.uid) generateJobSelector(obj);
  },
  prepareForUpdate(obj, old) {
    keepStatusBumpGeneration(obj, old);
  },
  validate(obj) {
    // Upstream generates the selector inside Validate, once the uid is known.
    generateJobSelector(obj);
    return [...validateGeneratedSelector(obj), ...validateJobSpec(obj.spec)];
  },
  validateUpdate(obj, old) {
    return validateJobUpdate(obj, old);
  },
  prepareForStatusUpdate: keepSpecAndLabels,
  validateStatusUpdate(obj) {
    const s = asObj(obj.status);
    return ['active', 'succeeded', 'failed', 'terminating', 'ready'].flatMap((f) => nonNegative(s[f], `status.${f}`));
  },
  hasGeneration: true,
  statusSubresource: true,
};

// ---------------------------------------------------------------------------------------------
// CronJobs

export function defaultCronJob(obj: KubeObject): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec as Obj;
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (spec.suspend === undefined || spec.suspend === null) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit === undefined || spec.successfulJobsHistoryLimit === null) spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit === undefined || spec.failedJobsHistoryLimit === null) spec.failedJobsHistoryLimit = 1;
  if (!isObj(spec.jobTemplate)) spec.jobTemplate = {};
  const jt = spec.jobTemplate as Obj;
  if (!isObj(jt.metadata)) jt.metadata = {};
  if ((jt.metadata as Obj).creationTimestamp === undefined) (jt.metadata as Obj).creationTimestamp = null;
  if (!isObj(jt.spec)) jt.spec = {};
  const js = jt.spec as Obj;
  if (!isObj(js.template)) js.template = {};
  defaultPodTemplate(js.template);
}

const CRON_FIELDS: [string, number, number][] = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of month', 1, 31],
  ['month', 1, 12],
  ['day of week', 0, 6],
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function cronValue(s: string, idx: number): number {
  const lower = s.toLowerCase();
  if (idx === 3 && MONTHS.includes(lower)) return MONTHS.indexOf(lower) + 1;
  if (idx === 4 && DAYS.includes(lower)) return DAYS.indexOf(lower);
  if (!/^[0-9]+$/.test(s)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

/** robfig/cron ParseStandard, enough for its error texts on the common mistakes. */
export function parseCronStandard(spec: string): string | undefined {
  let s = spec.trim();
  if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) s = s.slice(s.indexOf(' ') + 1).trim();
  if (s.startsWith('@')) {
    if (['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(s)) return undefined;
    if (s.startsWith('@every ')) return undefined;
    return `unrecognized descriptor: ${s}`;
  }
  const fields = s.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  try {
    fields.forEach((f, idx) => {
      const [, min, max] = CRON_FIELDS[idx];
      for (const part of f.split(',')) {
        const [range, step] = part.split('/');
        if (step !== undefined && !/^[0-9]+$/.test(step)) throw new Error(`failed to parse int from ${step}: strconv.Atoi: parsing ${JSON.stringify(step)}: invalid syntax`);
        if (range === '*' || range === '?') continue;
        const [a, b] = range.split('-');
        const lo = cronValue(a, idx);
        const hi = b === undefined ? lo : cronValue(b, idx);
        if (lo < min) throw new Error(`beginning of range (${lo}) below minimum (${min}): ${part}`);
        if (hi > max) throw new Error(`end of range (${hi}) above maximum (${max}): ${part}`);
        if (lo > hi) throw new Error(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`);
        if (step !== undefined && Number(step) === 0) throw new Error(`step of range should be a positive number: ${part}`);
      }
    });
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

export function validateCronJobSpec(spec0: unknown, oldSpec0?: unknown, path = 'spec'): FieldError[] {
  const spec = asObj(spec0);
  const errs: FieldError[] = [];
  const schedule = str(spec.schedule);
  if (!schedule) errs.push(required(`${path}.schedule`));
  else {
    const err = parseCronStandard(schedule);
    if (err) errs.push(invalidErr(`${path}.schedule`, schedule, err));
    if (schedule.includes('TZ')) {
      const allowTZ = oldSpec0 !== undefined && str(asObj(oldSpec0).schedule).includes('TZ');
      if (spec.timeZone !== undefined && spec.timeZone !== null) errs.push(invalidErr(`${path}.schedule`, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
      else if (!allowTZ) errs.push(invalidErr(`${path}.schedule`, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, `${path}.startingDeadlineSeconds`));
  const tz = spec.timeZone;
  if (typeof tz === 'string' && (tz === '' || tz.toLowerCase() === 'local' || /\s/.test(tz))) {
    errs.push(invalidErr(`${path}.timeZone`, tz, 'unknown time zone ' + tz));
  }
  const cp = str(spec.concurrencyPolicy);
  if (!cp) errs.push(required(`${path}.concurrencyPolicy`));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported(`${path}.concurrencyPolicy`, cp, ['Allow', 'Forbid', 'Replace']));
  const jt = asObj(spec.jobTemplate);
  const js = asObj(jt.spec);
  errs.push(...validateJobSpecCommon(js, `${path}.jobTemplate.spec`));
  errs.push(...validateJobTemplate(js.template, `${path}.jobTemplate.spec.template`));
  if (js.selector !== undefined && js.selector !== null) {
    errs.push(invalidErr(`${path}.jobTemplate.spec.selector`, js.selector, '`selector` will be auto-generated', goLabelSelector(js.selector)));
  }
  if (js.manualSelector === true) errs.push(notSupported(`${path}.jobTemplate.spec.manualSelector`, true, ['nil', 'false']));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, `${path}.successfulJobsHistoryLimit`));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, `${path}.failedJobsHistoryLimit`));
  return errs;
}

export const cronJobStrategy: Strategy = {
  defaults: defaultCronJob,
  prepareForCreate(obj) {
    resetStatus(obj);
    obj.metadata.generation = 1;
  },
  prepareForUpdate(obj, old) {
    keepStatusBumpGeneration(obj, old);
  },
  validate(obj) {
    const errs: FieldError[] = [];
    const name = obj.metadata.name ?? '';
    if (name.length > 52) errs.push(invalidErr('metadata.name', name, 'must be no more than 52 characters'));
    return [...errs, ...validateCronJobSpec(obj.spec)];
  },
  validateUpdate(obj, old) {
    return validateCronJobSpec(obj.spec, old.spec);
  },
  prepareForStatusUpdate: keepSpecAndLabels,
  hasGeneration: true,
  statusSubresource: true,
};
