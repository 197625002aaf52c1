// `kubectl` as a shell program: the emulated kubectl with the shell's streams, files and clock.
import type { Program, ProgramIO } from '../types';
import type { KubectlConfig, KubectlIO } from '../../kubectl/io';
import { runKubectl } from '../../kubectl/kubectl';

export interface KubectlHost {
  config(): KubectlConfig;
  /** `kubectl edit`: the host's editor (the browser opens Monaco). */
  edit?(text: string, fileName: string): Promise<string | null>;
  columns?(): number;
}

async function readAllInput(io: ProgramIO): Promise<string> {
  let s = '';
  for (;;) {
    const chunk = await io.stdin.read();
    if (chunk === null) return s;
    s += chunk;
  }
}

export function kubectlIO(io: ProgramIO, host: KubectlHost): KubectlIO {
  const path = (p: string) => io.fs.resolve(io.cwd, p);
  return {
    stdout: { write: (t) => void io.stdout.write(t) },
    stderr: { write: (t) => void io.stderr.write(t) },
    readStdin: () => readAllInput(io),
    signal: io.signal,
    now: () => io.now(),
    sleep: (ms) => io.sleep(ms),
    readFile: (p) => {
      try {
        return io.fs.readFile(path(p));
      } catch {
        return undefined;
      }
    },
    listDir: (p) => (io.fs.isDir(path(p)) ? io.fs.readdir(path(p)) : undefined),
    writeFile: (p, text) => io.fs.writeFile(path(p), text),
    edit: host.edit,
    interactive: {
      async readLine(prompt: string) {
        await io.stdout.write(prompt);
        return io.stdin.read();
      },
    },
    isTerminal: io.isTTY,
    columns: host.columns?.() ?? 80,
  };
}

export function kubectlProgram(host: KubectlHost): Program {
  return (argv, io) => runKubectl(argv.slice(1), kubectlIO(io, host), host.config());
}
