// A shell wired for tests and the Node CLI: a virtual clock that jumps instead of waiting,
// output captured as strings, and stub programs that record their argv.
import { VirtualFs } from './fs';
import { Shell, type ShellOptions } from './shell';
import { StringSink } from './streams';
import type { Program, ShellHost, Signal } from './types';

type TimerGlobal = { setTimeout(cb: () => void, ms: number): unknown };

/** A host whose `sleep` advances virtual time at once (on a macrotask, so others get to run). */
export function virtualHost(start = Date.UTC(2026, 10, 23, 9, 0, 0)): ShellHost & { time: number } {
  const timers = globalThis as unknown as TimerGlobal;
  const host = {
    time: start,
    now: () => host.time,
    sleep: (ms: number) =>
      new Promise<void>((res) => {
        timers.setTimeout(() => {
          host.time += ms;
          res();
        }, 0);
      }),
  };
  return host;
}

export interface Recorded {
  argv: string[];
  stdin: string;
  env: Record<string, string>;
}

/** A program that records each call and prints a fixed text. */
export function recorder(calls: Recorded[], output: (argv: string[]) => string = () => '', readStdin = false): Program {
  return async (argv, io) => {
    let stdin = '';
    if (readStdin) {
      for (;;) {
        const c = await io.stdin.read();
        if (c === null) break;
        stdin += c;
      }
    }
    calls.push({ argv, stdin, env: io.env });
    await io.stdout.write(output(argv));
    return 0;
  };
}

export interface RunResult {
  out: string;
  err: string;
  code: number;
}

export function makeShell(extra: Partial<ShellOptions> & { programs?: Map<string, Program> } = {}) {
  const host = virtualHost();
  const fs = extra.fs ?? new VirtualFs({ now: host.now });
  const shell = new Shell({ programs: new Map(), fs, host, ...extra });
  const run = async (line: string, signal?: Signal, stdinText?: string): Promise<RunResult> => {
    const out = new StringSink();
    const err = new StringSink();
    let done = stdinText === undefined;
    const stdin = { read: async () => (done ? null : ((done = true), stdinText!)) };
    const code = await shell.run(line, { stdout: out, stderr: err, signal, stdin });
    return { out: out.text, err: err.text, code };
  };
  return { shell, fs, host, run };
}
