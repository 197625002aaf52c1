// `kubeplay apiserver`: the simulated cluster served over plain HTTP, so the real kubectl (or
// `kubeplay kubectl --server URL`, or curl) can talk to it.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseFlags, type FlagSpec } from './args';
import { createHostedCluster, serveCluster, type HostedCluster } from './serve';

export const APISERVER_USAGE = `Usage: kubeplay apiserver [flags]

Serves a simulated Kubernetes v1.32 cluster over plain HTTP.

Flags:
  --port N          port to listen on (default 8080; 0 picks a free one)
  --host ADDR       address to bind (default 127.0.0.1)
  --seed N          seed for names and IPs (same seed, same names)
  --speed X         virtual seconds per real second (default 1; 0 pauses the clock)
  --nodes N         number of worker nodes
  --topology NAME   a named starting topology
  --state FILE      load a snapshot from FILE at start (if present), save it on Ctrl-C / SIGTERM
  -v, --verbose     log each request (method, URL, status, ms) to stderr

Then: kubectl --server http://127.0.0.1:8080 get nodes
`;

const FLAGS: FlagSpec[] = [
  { name: 'port', type: 'number' },
  { name: 'host', type: 'string' },
  { name: 'seed', type: 'number' },
  { name: 'speed', type: 'number' },
  { name: 'nodes', type: 'number' },
  { name: 'topology', type: 'string' },
  { name: 'state', type: 'string' },
  { name: 'verbose', short: 'v', type: 'boolean' },
  { name: 'help', short: 'h', type: 'boolean' },
];

/** Resolves only when the server has been stopped by a signal. */
export async function apiserverCommand(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, FLAGS);
  if (flags.help) {
    process.stdout.write(APISERVER_USAGE);
    return 0;
  }
  if (positionals.length) {
    process.stderr.write(`kubeplay apiserver: unexpected argument ${positionals[0]}\n\n${APISERVER_USAGE}`);
    return 2;
  }
  const stateFile = flags.state as string | undefined;
  const snapshot: unknown = stateFile && existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : undefined;
  const cluster = await createHostedCluster(
    {
      seed: flags.seed as number | undefined,
      nodes: flags.nodes as number | undefined,
      topology: flags.topology as string | undefined,
      // Virtual time starts at real now, so a real kubectl's client-side ages (describe events)
      // agree with the server's AGE columns at --speed 1.
      start: Date.now(),
    },
    snapshot,
  );
  if (snapshot !== undefined) process.stderr.write(`kubeplay apiserver: state loaded from ${stateFile}\n`);
  const serving = await serveCluster(cluster, {
    port: (flags.port as number | undefined) ?? 8080,
    host: flags.host as string | undefined,
    speed: (flags.speed as number | undefined) ?? 1,
    log: flags.verbose ? (line) => process.stderr.write(line + '\n') : undefined,
  });
  process.stderr.write(`kubeplay apiserver listening on ${serving.url}\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      let code = 0;
      if (stateFile) {
        try {
          saveState(cluster, stateFile);
          process.stderr.write(`kubeplay apiserver: state saved to ${stateFile}\n`);
        } catch (err) {
          process.stderr.write(`kubeplay apiserver: could not save state: ${(err as Error).message}\n`);
          code = 1;
        }
      }
      process.stderr.write(`kubeplay apiserver: stopped (${signal})\n`);
      void serving.close().then(() => resolve(code));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/** Written beside the target and renamed, so a crash mid-write never leaves half a snapshot. */
function saveState(cluster: HostedCluster, file: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(cluster.snapshot()));
  renameSync(tmp, file);
}
