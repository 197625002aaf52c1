// `kubeplay run [--topology minikube] [--nodes N] [--seed N] SCRIPT`: runs a script against a fresh
// playground and prints the transcript (prompt, command, output). Virtual time runs as fast as
// possible while a command waits, so `rollout status` and `sleep 60` return at once.
import { readFileSync } from 'node:fs';
import { Playground } from '../worker/playground';
import { runFast } from '../worker/driver';
import { DEFAULT_START } from '../cluster/cluster';
import { UsageError } from './args';

export const RUN_USAGE = `Usage: kubeplay run [--topology default|minikube] [--nodes N] [--seed N] [--quiet] SCRIPT

Runs SCRIPT (a file, or - for standard input) line by line in a fresh playground and prints
the transcript: each prompt and command, then its output. Time in the cluster runs as fast
as possible while a command waits.
`;

export async function runCommand(argv: string[]): Promise<number> {
  let topology: string | undefined;
  let nodes: number | undefined;
  let seed: number | undefined;
  let quiet = false;
  let script: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--topology') topology = argv[++i];
    else if (a === '--nodes') nodes = Number(argv[++i]);
    else if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--speed') i++; // accepted for symmetry with apiserver; time runs as fast as possible
    else if (a === '--quiet' || a === '-q') quiet = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(RUN_USAGE);
      return 0;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown flag ${a}`);
    else script = a;
  }
  if (!script) throw new UsageError('a SCRIPT is required');
  const text = script === '-' ? readFileSync(0, 'utf8') : readFileSync(script, 'utf8');
  const pg = new Playground({ topology, nodes, seed, start: DEFAULT_START });
  const out = { write: (t: string) => void process.stdout.write(t) };
  let pending = '';
  let status = 0;
  for (const raw of text.split('\n')) {
    const line = pending ? `${pending}\n${raw}` : raw;
    if (pg.shell.needsContinuation(line)) {
      pending = line;
      continue;
    }
    pending = '';
    if (!line.trim()) continue;
    if (!quiet) process.stdout.write(`${pg.shell.prompt()}${line}\n`);
    status = await runFast(pg, line, { stdout: out, stderr: out });
    if (pg.shell.exited) break;
  }
  return pg.shell.exited ? pg.shell.exitCode : status;
}
