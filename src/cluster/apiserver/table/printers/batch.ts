// batch: jobs (Status, Completions, Duration) and cronjobs.
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import { formatLabelSelector } from '../../../../api/labels';
import { DOC } from '../descriptions';
import { humanDuration, parseTime, translateTimestampSince } from '../../../../api/duration';
import {
  age,
  AGE_COLUMN,
  as,
  col,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  layoutContainerCells,
  NAME_COLUMN,
  nameOf,
  type Printer,
} from '../printer';

/** hasJobCondition: the first condition of that type decides. */
function hasJobCondition(conditions: JobCondition[] | undefined, type: string): boolean {
  const c = (conditions ?? []).find((x) => x.type === type);
  return c !== undefined && c.status === 'True';
}

function jobStatus(job: Job): string {
  const conds = job.status?.conditions;
  if (hasJobCondition(conds, 'Complete')) return 'Complete';
  if (hasJobCondition(conds, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp != null) return 'Terminating';
  if (hasJobCondition(conds, 'Suspended')) return 'Suspended';
  if (hasJobCondition(conds, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export const jobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', DOC.JobStatus_succeeded),
    col('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.JobSpec_selector, 1),
  ],
  print(obj, ctx) {
    const job = as<Job>(obj);
    const succeeded = job.status?.succeeded ?? 0;
    let completions: string;
    if (job.spec?.completions != null) {
      completions = `${succeeded}/${job.spec.completions}`;
    } else {
      const parallelism = job.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    const start = parseTime(job.status?.startTime);
    const end = parseTime(job.status?.completionTime);
    let duration = '';
    if (start !== undefined) duration = humanDuration((end ?? ctx.now) - start);
    const [names, images] = layoutContainerCells(job.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(obj),
        jobStatus(job),
        completions,
        duration,
        age(obj, ctx),
        names,
        images,
        formatLabelSelector(job.spec?.selector),
      ],
    };
  },
};

/** printBoolPtr */
function boolPtr(v: boolean | undefined): string {
  return v === undefined || v === null ? '<unset>' : v ? 'True' : 'False';
}

export const cronJobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Schedule', 'string', DOC.CronJobSpec_schedule),
    col('Timezone', 'string', DOC.CronJobSpec_timeZone),
    col('Suspend', 'boolean', DOC.CronJobSpec_suspend),
    col('Active', 'integer', DOC.CronJobStatus_active),
    col('Last Schedule', 'string', DOC.CronJobStatus_lastScheduleTime),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.JobSpec_selector, 1),
  ],
  print(obj, ctx) {
    const cj = as<CronJob>(obj);
    const last = cj.status?.lastScheduleTime;
    const lastSchedule = last == null ? '<none>' : translateTimestampSince(last, ctx.now);
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = layoutContainerCells(jobSpec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(obj),
        cj.spec?.schedule ?? '',
        cj.spec?.timeZone ?? '<none>',
        // Decoding defaults suspend to false; the cell is printBoolPtr's text.
        boolPtr(cj.spec?.suspend ?? false),
        (cj.status?.active ?? []).length,
        lastSchedule,
        age(obj, ctx),
        names,
        images,
        formatLabelSelector(jobSpec?.selector),
      ],
    };
  },
};
