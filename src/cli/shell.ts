// `kubeplay shell`: the playground's shell in a real terminal. Virtual time follows real time
// times --speed; Ctrl-C interrupts the running command; Ctrl-D or `exit` leaves.
import { createInterface } from 'node:readline';
import { Controller } from '../shell';
import { Playground } from '../worker/playground';
import { UsageError } from './args';

export async function shellCommand(argv: string[]): Promise<number> {
  let topology: string | undefined;
  let nodes: number | undefined;
  let seed: number | undefined;
  let speed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--topology') topology = argv[++i];
    else if (a === '--nodes') nodes = Number(argv[++i]);
    else if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--speed') speed = Number(argv[++i]);
    else if (a === '-h' || a === '--help') {
      process.stdout.write('Usage: kubeplay shell [--topology default|minikube] [--nodes N] [--seed N] [--speed X]\n');
      return 0;
    } else throw new UsageError(`unknown argument ${a}`);
  }
  const pg = new Playground({ topology, nodes, seed, start: Date.now() });
  let last = Date.now();
  const pump = setInterval(() => {
    const now = Date.now();
    pg.cluster.advance(Math.round((now - last) * speed));
    last = now;
  }, 50);
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    completer: (line: string, cb: (err: null, r: [string[], string]) => void) => {
      pg.shell.complete(line, line.length).then(
        (c) => cb(null, [c.candidates, line.slice(c.replaceFrom)]),
        () => cb(null, [[], line]),
      );
    },
  });
  let running: Controller | undefined;
  rl.on('SIGINT', () => {
    if (running) running.abort();
    else {
      process.stdout.write('^C\n');
      rl.setPrompt(pg.shell.prompt());
      rl.prompt();
    }
  });
  const out = { write: (t: string) => void process.stdout.write(t) };
  const err = { write: (t: string) => void process.stderr.write(t) };
  let pending = '';
  rl.setPrompt(pg.shell.prompt());
  rl.prompt();
  for await (const input of rl) {
    const line = pending ? `${pending}\n${input}` : input;
    if (pg.shell.needsContinuation(line)) {
      pending = line;
      rl.setPrompt('> ');
      rl.prompt();
      continue;
    }
    pending = '';
    running = new Controller();
    await pg.shell.run(line, { stdout: out, stderr: err, signal: running.signal });
    running = undefined;
    if (pg.shell.exited) break;
    rl.setPrompt(pg.shell.prompt());
    rl.prompt();
  }
  clearInterval(pump);
  rl.close();
  return pg.shell.exited ? pg.shell.exitCode : 0;
}
