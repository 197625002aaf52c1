// The job table behind `&`, `jobs`, `fg` and `kill %N`, with bash's status lines.
import type { Controller } from './signal';

export type JobState = 'Running' | 'Done';

export interface Job {
  id: number;
  pid: number;
  command: string;
  state: JobState;
  status: number;
  controller: Controller;
  /** Set when `kill` stopped the job: bash then says `Terminated`. */
  killed: boolean;
  /** Resolves with the exit status once the job has finished. */
  done: Promise<number>;
  /** The `Done` line was printed (the job leaves the table). */
  reported: boolean;
}

export class JobTable {
  private jobs: Job[] = [];
  private nextPid = 4242;

  list(): readonly Job[] {
    return this.jobs;
  }

  allocatePid(): number {
    return this.nextPid++;
  }

  add(job: Omit<Job, 'id' | 'state' | 'status' | 'killed' | 'reported'>): Job {
    const id = this.jobs.length ? Math.max(...this.jobs.map((j) => j.id)) + 1 : 1;
    const j: Job = { ...job, id, state: 'Running', status: 0, killed: false, reported: false };
    this.jobs.push(j);
    return j;
  }

  remove(job: Job): void {
    this.jobs = this.jobs.filter((j) => j !== job);
  }

  /** `+` for the current (newest) job, `-` for the previous one, as bash marks them. */
  mark(job: Job): string {
    const n = this.jobs.length;
    if (this.jobs[n - 1] === job) return '+';
    if (this.jobs[n - 2] === job) return '-';
    return ' ';
  }

  /** Resolves a job spec: `%N`, `%%`, `%+`, `%-`, `%name`, `%?text`, or a pid. */
  find(spec: string | undefined): Job | undefined {
    const n = this.jobs.length;
    if (spec === undefined || spec === '%%' || spec === '%+' || spec === '%') return this.jobs[n - 1];
    if (spec === '%-') return this.jobs[n - 2];
    if (/^%\d+$/.test(spec)) return this.jobs.find((j) => j.id === Number(spec.slice(1)));
    if (spec.startsWith('%?')) return this.jobs.find((j) => j.command.includes(spec.slice(2)));
    if (spec.startsWith('%')) return [...this.jobs].reverse().find((j) => j.command.startsWith(spec.slice(1)));
    if (/^\d+$/.test(spec)) return this.jobs.find((j) => j.pid === Number(spec));
    return undefined;
  }

  /** bash's line for a job: `[1]+  Running                 sleep 100 &`. */
  line(job: Job): string {
    let state: string;
    if (job.state === 'Running') state = 'Running';
    else if (job.killed) state = 'Terminated';
    else if (job.status === 0) state = 'Done';
    else state = `Exit ${job.status}`;
    const cmd = job.state === 'Running' ? `${job.command} &` : job.command;
    return `[${job.id}]${this.mark(job)}  ${state.padEnd(24)}${cmd}`;
  }

  /** Lines for finished jobs not yet reported, which then leave the table. */
  takeFinished(): string[] {
    const out: string[] = [];
    for (const j of [...this.jobs]) {
      if (j.state !== 'Done' || j.reported) continue;
      out.push(this.line(j));
      j.reported = true;
    }
    this.jobs = this.jobs.filter((j) => !j.reported);
    return out;
  }
}
