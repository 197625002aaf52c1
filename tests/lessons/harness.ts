// Runs a lesson headlessly on a Playground, as `kubeplay run` would: workspace files, setup
// lines, then solution lines with virtual time jumping while a command waits. Checks are
// evaluated through the playground's in-process ApiClient, as the worker does.
import { Playground } from '../../src/worker/playground';
import { runFast } from '../../src/worker/driver';
import { DEFAULT_START } from '../../src/cluster/cluster';
import { inProcessClient } from '../../src/transport/inprocess';
import { evaluateChecks, type CheckEnv, type ChecksResult } from '../../src/lessons/checks';
import type { Check, Lesson } from '../../src/lessons/types';

export interface LessonHost {
  pg: Playground;
  env: CheckEnv;
  commands: string[];
  transcript: string[];
  /** Runs one shell line (recorded as typed); returns its exit code. */
  type(line: string): Promise<number>;
  evaluate(checks: readonly Check[]): Promise<ChecksResult>;
  /** Lets virtual time pass (up to maxMs) until the checks pass, as a learner reading would. */
  waitFor(checks: readonly Check[], maxMs: number): Promise<ChecksResult>;
  /** Lets virtual time pass. */
  idle(ms: number): void;
}

export async function host(lesson: Lesson): Promise<LessonHost> {
  const pg = new Playground({ topology: lesson.topology, seed: lesson.seed, nodes: lesson.nodes, start: DEFAULT_START });
  for (const [name, text] of Object.entries(lesson.files)) {
    const p = `/root/${name}`;
    const dir = p.slice(0, p.lastIndexOf('/'));
    if (dir !== '/root') pg.fs.mkdir(dir, { recursive: true, silent: true });
    pg.fs.writeFile(p, text);
  }
  const client = inProcessClient(pg.cluster.api, { afterRequest: () => pg.cluster.settle() });
  const commands: string[] = [];
  const transcript: string[] = [];
  const env: CheckEnv = { client, now: () => pg.cluster.clock.now(), commands };
  const out = { write: (t: string) => void transcript.push(t) };
  const h: LessonHost = {
    pg,
    env,
    commands,
    transcript,
    async type(line) {
      transcript.push(`${pg.shell.prompt()}${line}\n`);
      commands.push(line);
      const code = await runFast(pg, line, { stdout: out, stderr: out, maxVirtualMs: 900_000 });
      if (code !== 0) transcript.push(`[exit ${code}]\n`);
      return code;
    },
    evaluate: (checks) => evaluateChecks(checks, env),
    async waitFor(checks, maxMs) {
      const end = pg.cluster.clock.now() + maxMs;
      let r = await evaluateChecks(checks, env);
      let step = 250;
      while (!r.passed && pg.cluster.clock.now() < end) {
        pg.cluster.clock.advance(Math.min(step, end - pg.cluster.clock.now()));
        step = Math.min(step * 2, 5000);
        r = await evaluateChecks(checks, env);
      }
      return r;
    },
    idle(ms) {
      pg.cluster.clock.advance(ms);
    },
  };
  for (const line of lesson.setup) {
    transcript.push(`[setup] ${line}\n`);
    const code = await runFast(pg, line, { stdout: out, stderr: out, maxVirtualMs: 900_000 });
    if (code !== 0) throw new Error(`${lesson.id}: setup line failed (exit ${code}): ${line}\n${transcript.join('')}`);
  }
  return h;
}
