// Job control builtins: jobs, fg, bg, kill, wait. Background work never stops on its own
// Ctrl-C; `fg` links the terminal's Ctrl-C to the job again.
import type { Builtin } from '../runtime';
import { EXIT_INTERRUPTED } from '../types';

export const jobs: Builtin = async (argv, io, { rt }) => {
  const long = argv.includes('-l');
  const t = rt.jobs;
  for (const j of t.list()) {
    const line = t.line(j);
    await io.stdout.write((long ? line.replace(/^(\[\d+\][+\- ])/, `$1 ${j.pid}`) : line) + '\n');
    if (j.state === 'Done') j.reported = true;
  }
  t.takeFinished();
  return 0;
};

export const fg: Builtin = async (argv, io, { rt, ctx }) => {
  const spec = argv[1];
  const job = rt.jobs.find(spec);
  if (!job) {
    await io.stderr.write(`bash: fg: ${spec ?? 'current'}: no such job\n`);
    return 1;
  }
  await io.stdout.write(job.command + '\n');
  const unlink = ctx.signal.onAbort(() => {
    job.killed = false;
    job.controller.abort();
  });
  try {
    const code = await job.done;
    rt.jobs.remove(job);
    return ctx.signal.aborted ? EXIT_INTERRUPTED : code;
  } finally {
    unlink();
  }
};

export const bg: Builtin = async (argv, io, { rt }) => {
  const job = rt.jobs.find(argv[1]);
  if (!job) {
    await io.stderr.write(`bash: bg: ${argv[1] ?? 'current'}: no such job\n`);
    return 1;
  }
  if (job.state === 'Running') {
    await io.stderr.write(`bash: bg: job ${job.id} already in background\n`);
    return 0;
  }
  return 0;
};

const SIGNALS = ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM'];

export const kill: Builtin = async (argv, io, { rt }) => {
  const args = argv.slice(1);
  if (args[0] === '-l') {
    await io.stdout.write(SIGNALS.map((s, i) => `${String(i + 1).padStart(2)}) SIG${s}`).join('\t') + '\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') args.splice(0, 2);
  else if (args[0]?.startsWith('-') && args[0].length > 1) {
    const sig = args.shift()!.slice(1).toUpperCase().replace(/^SIG/, '');
    if (!/^\d+$/.test(sig) && !SIGNALS.includes(sig)) {
      await io.stderr.write(`bash: kill: ${sig}: invalid signal specification\n`);
      return 1;
    }
  }
  if (!args.length) {
    await io.stderr.write('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
    return 2;
  }
  let status = 0;
  for (const a of args) {
    const job = rt.jobs.find(a);
    if (!job || (!a.startsWith('%') && !/^\d+$/.test(a))) {
      if (a.startsWith('%')) await io.stderr.write(`bash: kill: ${a}: no such job\n`);
      else if (/^\d+$/.test(a)) await io.stderr.write(`bash: kill: (${a}) - No such process\n`);
      else await io.stderr.write(`bash: kill: ${a}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    if (job.state === 'Running') {
      job.killed = true;
      job.controller.abort();
    }
  }
  return status;
};

export const wait: Builtin = async (argv, io, { rt, ctx }) => {
  const specs = argv.slice(1);
  const targets = specs.length ? specs.map((s) => rt.jobs.find(s)) : [...rt.jobs.list()];
  let status = 0;
  for (const j of targets) {
    if (!j) {
      await io.stderr.write(`bash: wait: ${specs[0]}: no such job\n`);
      status = 127;
      continue;
    }
    const aborted = new Promise<number>((res) => ctx.signal.onAbort(() => res(EXIT_INTERRUPTED)));
    status = await Promise.race([j.done, aborted]);
    if (ctx.signal.aborted) return EXIT_INTERRUPTED;
  }
  return status;
};
