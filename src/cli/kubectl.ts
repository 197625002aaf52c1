// `kubeplay kubectl [--server URL] ARGS...`: the emulated kubectl in Node, over HTTP against any
// apiserver (to compare with the real kubectl on one server), or against an in-process cluster.
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKubectl } from '../kubectl/kubectl';
import type { KubectlConfig, KubectlIO } from '../kubectl/io';
import { httpClient } from '../transport/http';
import { inProcessClient } from '../transport/inprocess';
import { openWebSocketChannels } from './websocket-client';

function readStdin(): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => (data += c));
    process.stdin.on('end', () => resolve(data));
  });
}

export async function kubectlCommand(argv: string[]): Promise<number> {
  // --server/-s is kubectl's own global flag; we take it here to choose the transport.
  let server: string | undefined;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--server' || a === '-s') server = argv[++i];
    else if (a.startsWith('--server=')) server = a.slice('--server='.length);
    else args.push(a);
  }
  const listeners = new Set<() => void>();
  let aborted = false;
  process.once('SIGINT', () => {
    aborted = true;
    for (const l of listeners) l();
  });
  let config: KubectlConfig;
  let now = () => Date.now();
  let sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  if (server) {
    // exec and attach speak the channel protocol over a WebSocket, as kubectl 1.32 does.
    config = { client: httpClient(server, { openChannels: openWebSocketChannels }), namespace: 'default', server };
  } else {
    // Loaded only here: with --server the cluster's modules are not needed.
    const { createCluster } = await import('../cluster/cluster');
    const cluster = createCluster({ start: Date.now() });
    config = { client: inProcessClient(cluster.api, { afterRequest: () => cluster.settle() }), namespace: 'default', server: 'http://127.0.0.1:8080' };
    now = () => cluster.clock.now();
    // Nothing else runs: waiting is just moving virtual time on.
    sleep = async (ms: number) => cluster.advance(ms);
  }
  const io: KubectlIO = {
    stdout: { write: (t) => void process.stdout.write(t) },
    stderr: { write: (t) => void process.stderr.write(t) },
    readStdin: async () => (process.stdin.isTTY ? undefined : readStdin()),
    signal: {
      get aborted() {
        return aborted;
      },
      onAbort(cb) {
        listeners.add(cb);
        return () => listeners.delete(cb);
      },
    },
    now,
    sleep,
    readFile: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    listDir: (p) => {
      try {
        return statSync(p).isDirectory() ? readdirSync(p) : undefined;
      } catch {
        return undefined;
      }
    },
    // kubectl edit opens $EDITOR (KUBE_EDITOR first, as kubectl), then reads the file back.
    edit: async (text, fileName) => {
      const editor = process.env.KUBE_EDITOR || process.env.EDITOR || 'vi';
      const file = join(mkdtempSync(join(tmpdir(), 'kubectl-edit-')), fileName.replace(/^.*\//, ''));
      writeFileSync(file, text);
      const r = spawnSync(editor, [file], { stdio: 'inherit', shell: true });
      if (r.status !== 0) return null;
      return readFileSync(file, 'utf8');
    },
    isTerminal: !!process.stdout.isTTY,
    columns: process.stdout.columns ?? 80,
  };
  return runKubectl(args, io, config);
}
