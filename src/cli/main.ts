// `kubeplay <command>`: the Node host of the simulated cluster. Dispatch only; each command lives
// in its own module, loaded on demand so `kubeplay --help` stays fast.
import { UsageError } from './args';

export const USAGE = `kubeplay: a simulated Kubernetes v1.32 cluster for learning, outside the browser.

Usage: kubeplay <command> [flags]

Commands:
  apiserver   serve the simulated cluster over HTTP (the real kubectl works against it)
  kubectl     run kubeplay's own kubectl against a server (--server URL)
  run         run a shell script against a fresh cluster and print the transcript
  shell       an interactive kubeplay shell on a fresh cluster
  bench       measure the cluster's speed

Run 'kubeplay <command> --help' for a command's flags.
`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  apiserver: async () => (await import('./apiserver')).apiserverCommand,
  kubectl: async () => (await import('./kubectl')).kubectlCommand,
  run: async () => (await import('./run')).runCommand,
  shell: async () => (await import('./shell')).shellCommand,
  bench: async () => (await import('./bench')).runBench,
};


export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    (cmd === undefined ? process.stderr : process.stdout).write(USAGE);
    return cmd === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!load) {
    process.stderr.write(`kubeplay: unknown command "${cmd}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`kubeplay ${cmd}: ${err.message}\nRun 'kubeplay ${cmd} --help' for usage.\n`);
      return 2;
    }
    process.stderr.write(`kubeplay ${cmd}: ${(err as Error)?.stack ?? err}\n`);
    return 1;
  }
}
