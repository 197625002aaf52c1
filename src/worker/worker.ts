// The Web Worker that owns the playground: the simulated cluster, the workspace and the shell.
// It advances the virtual clock in real time times a speed, runs the page's terminal lines and
// answers API requests. The only code that touches postMessage on this side.
import type { Playground } from './playground';
import { startPersisted, type Persisted } from './persist';
import { Controller } from '../shell/signal';
import { prefetchFullSchemas } from '../cluster/apiserver/openapi/full-schemas';
import { prefetchKubectl } from './kubectl-source';
import { prefetchFieldSchemas } from './fields-source';
import { prefetchCoreutils } from './programs-source';
import { UNASKED, type FromWorker, type ToWorker } from './protocol';

/** The page's editor, when it listens: kubectl edit opens there (else kubectl reports no editor). */
let editWatch: number | undefined;
let editSeq = 0;
const pendingEdits = new Map<number, (text: string | null) => void>();

function editInPage(text: string, file: string): Promise<string | null> {
  if (editWatch === undefined) return Promise.reject(new Error('no editor'));
  const editId = ++editSeq;
  return new Promise((resolve) => {
    pendingEdits.set(editId, resolve);
    post({ id: editWatch!, type: 'edit', editId, text, file });
  });
}

// Marks for the web bench (scripts/bench-web.mjs reads every kubeplay-worker-* mark); this one
// runs once the worker's whole module graph has been evaluated.
performance.mark('kubeplay-worker-evaluated');
// Long enough that loading and parsing ~1 MB never competes with the page's first prompt.
const PREFETCH_DELAY_MS = 2000;
// kubectl's chunk (kubectl-lazy.ts), the coreutils (programs-lazy.ts) and the field-validation
// schemas (fields-source.ts) come sooner, the learner's first line being most likely kubectl, but
// after the page has drawn its first prompt, even on a busy machine (a line typed before only
// waits for them).
const KUBECTL_PREFETCH_DELAY_MS = 1000;

// The playground is restored from IndexedDB (or built fresh) before any message is answered.
// The first terminal's prompt (and the persistence status, when the start cannot change it) go
// to the page at once, unasked (UNASKED); then the cluster's components start, while the page
// draws the prompt. Until the start only what reads nothing the start changes is answered
// (answerBeforeStart): nothing sees the cluster before it, so it is the same cluster as one
// started at once.
let pg!: Playground;
let persisted!: Persisted;
const built = startPersisted({ start: Date.now(), yield: () => new Promise((r) => setTimeout(r, 0)), edit: (text, file) => editInPage(text, file) }).then((p) => {
  persisted = p;
  performance.mark('kubeplay-worker-ready');
  post({ id: UNASKED.prompt, type: 'prompt', prompt: p.pg.shell.prompt() });
  if (p.statusKnownBeforeStart) post({ id: UNASKED.persistStatus, type: 'persistStatus', status: p.status });
});
const ready = built
  .then(() => new Promise((r) => setTimeout(r, 0)))
  .then(() => {
    persisted.start();
    pg = persisted.pg;
    shells.set(1, pg.shell);
    if (!persisted.statusKnownBeforeStart) post({ id: UNASKED.persistStatus, type: 'persistStatus', status: persisted.status });
    performance.mark('kubeplay-worker-started');
    // The full OpenAPI schemas (for /openapi/v3 and kubectl explain) load once the first prompt
    // is out of the way; a request that comes earlier reads them synchronously (schema-source.ts).
    setTimeout(() => void prefetchFullSchemas(), PREFETCH_DELAY_MS);
    setTimeout(() => void Promise.all([prefetchKubectl(), prefetchCoreutils(), prefetchFieldSchemas()]), KUBECTL_PREFETCH_DELAY_MS);
  });
let speed = 1;
let paused = false;
let last = performance.now();
setInterval(() => {
  const t = performance.now();
  if (pg && !paused) {
    pg.cluster.advance(Math.round((t - last) * speed));
    persisted.markDirty();
  }
  last = t;
}, 50);

const post = (m: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);

const watches = new Map<number, { stop(): void }>();

/** One shell per terminal tab, all on the same cluster and workspace. */
const shells = new Map<number, ReturnType<Playground['newShell']>>();
function shellFor(session: number) {
  let s = shells.get(session);
  if (!s) shells.set(session, (s = pg.newShell()));
  return s;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of pg.fs.readdir(dir)) {
    const p = `${dir}/${name}`;
    if (pg.fs.isDir(p)) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Runs the playground's kubectl with text on standard input (the editor's Apply). */
async function runKubectlWithStdin(args: string[], text: string, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  const program = pg.programs.get('kubectl')!;
  let given = false;
  return program(['kubectl', ...args], {
    stdin: { read: async () => (given ? null : ((given = true), text)) },
    stdout: { write: out },
    stderr: { write: err },
    env: {},
    signal: new Controller().signal,
    cwd: '/root',
    fs: pg.fs,
    sleep: (ms) => pg.sleep(ms),
    now: () => pg.cluster.clock.now(),
    isTTY: false,
  });
}

/** One running line per terminal session, with its Ctrl-C and its standard input. */
const running = new Map<number, { controller: Controller; input: (string | null)[]; wake?: () => void }>();

/** Standard input of a running line: asks the page for a line when none is waiting. */
function stdinFor(session: number, execId: number) {
  return {
    async read(): Promise<string | null> {
      const r = running.get(session);
      if (!r) return null;
      if (!r.input.length) post({ id: execId, type: 'stdinRequest' });
      while (!r.input.length) {
        if (r.controller.signal.aborted) return null;
        await new Promise<void>((res) => (r.wake = res));
      }
      return r.input.shift()!;
    },
  };
}

async function exec(m: Extract<ToWorker, { type: 'exec' }>) {
  const controller = new Controller();
  const entry = { controller, input: [] as (string | null)[], wake: undefined as (() => void) | undefined };
  running.set(m.session, entry);
  controller.signal.onAbort(() => entry.wake?.());
  const out = { write: (text: string) => post({ id: m.id, type: 'output', text }) };
  let code = 1;
  try {
    code = await shellFor(m.session).run(m.line, { stdout: out, stderr: out, stdin: stdinFor(m.session, m.id), signal: controller.signal });
  } finally {
    persisted.markDirty();
    running.delete(m.session);
    post({ id: m.id, type: 'done', code, prompt: shellFor(m.session).prompt() });
  }
}

/** kubectl edit opens in the page's editor from now on (until unwatched). */
function watchEdits(id: number) {
  editWatch = id;
  watches.set(id, { stop: () => (editWatch = undefined) });
}

/** The clock's controls; an advance by some time runs the cluster. */
function clock(m: Extract<ToWorker, { type: 'clock' }>, p: Playground) {
  if (m.action === 'pause') paused = true;
  if (m.action === 'play') {
    paused = false;
    if (m.speed) speed = m.speed;
  }
  if (m.action === 'advance' && m.ms) p.cluster.advance(m.ms);
  post({ id: m.id, type: 'clock', virtualNow: p.cluster.clock.now(), speed, paused });
}

/** What the page asks for while drawing its first prompt, answerable before the cluster starts. */
const BEFORE_START = new Set<ToWorker['type']>(['prompt', 'persistStatus', 'clock', 'watchEdits']);

/**
 * Answers a message before the cluster's start when the answer reads nothing the start changes
 * (the nodes, the shells, the virtual time, flags); false when it must wait for the start.
 */
function answerBeforeStart(m: ToWorker): boolean {
  const p = persisted.pg;
  switch (m.type) {
    case 'prompt':
      // No line has run in any shell yet: every session's prompt is a new shell's.
      post({ id: m.id, type: 'prompt', prompt: p.shell.prompt() });
      return true;
    case 'persistStatus':
      if (!persisted.statusKnownBeforeStart) return false;
      post({ id: m.id, type: 'persistStatus', status: persisted.status });
      return true;
    case 'clock':
      if (m.action === 'advance' && m.ms) return false;
      clock(m, p);
      return true;
    case 'watchEdits':
      watchEdits(m.id);
      return true;
    default:
      return false;
  }
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  // What the page needs for its first prompt is answered before the cluster starts.
  if (!pg && BEFORE_START.has(m.type)) {
    await built;
    if (!pg && answerBeforeStart(m)) return;
  }
  await ready;
  try {
    switch (m.type) {
      case 'ping':
        return post({ id: m.id, type: 'pong', virtualNow: pg.cluster.clock.now() });
      case 'api': {
        const response = pg.cluster.api.handle(m.request);
        pg.cluster.settle();
        return post({ id: m.id, type: 'api', response: JSON.parse(JSON.stringify(response)) });
      }
      case 'exec':
        return void exec(m);
      case 'complete': {
        const c = await shellFor(m.session).complete(m.line, m.cursor);
        return post({ id: m.id, type: 'completions', candidates: c.candidates, from: c.replaceFrom });
      }
      case 'interrupt':
        running.get(m.session)?.controller.abort();
        return post({ id: m.id, type: 'ok' });
      case 'input': {
        const r = running.get(m.session);
        if (r) {
          r.input.push(m.text);
          r.wake?.();
        }
        return post({ id: m.id, type: 'ok' });
      }
      case 'watch': {
        const sub = pg.cluster.api.watch(m.request, {
          event: (ev) => post({ id: m.id, type: 'watchEvent', event: JSON.parse(JSON.stringify(ev)), virtualNow: pg.cluster.clock.now() }),
          end: () => post({ id: m.id, type: 'watchEnd' }),
        });
        if ('status' in sub) return post({ id: m.id, type: 'error', message: JSON.stringify(sub.body) });
        watches.set(m.id, sub);
        return;
      }
      case 'unwatch':
        watches.get(m.watchId)?.stop();
        watches.delete(m.watchId);
        return post({ id: m.id, type: 'ok' });
      case 'files':
        return post({ id: m.id, type: 'files', paths: listFiles('/root') });
      case 'readFile': {
        const path = pg.fs.resolve('/root', m.path);
        return post({ id: m.id, type: 'file', path, text: pg.fs.isFile(path) ? pg.fs.readFile(path) : null });
      }
      case 'writeFile':
        pg.fs.writeFile(pg.fs.resolve('/root', m.path), m.text);
        return post({ id: m.id, type: 'ok' });
      case 'watchFiles': {
        const off = pg.fs.onChange((change) => post({ id: m.id, type: 'fileChanged', change }));
        watches.set(m.id, { stop: off });
        return;
      }
      case 'kubectlStdin': {
        let stdout = '';
        let stderr = '';
        const code = await runKubectlWithStdin(m.args, m.text, (t) => (stdout += t), (t) => (stderr += t));
        return post({ id: m.id, type: 'kubectlResult', code, stdout, stderr });
      }
      case 'watchEdits':
        return watchEdits(m.id);
      case 'editDone':
        pendingEdits.get(m.editId)?.(m.text);
        pendingEdits.delete(m.editId);
        return post({ id: m.id, type: 'ok' });
      case 'schedulingDecision': {
        const d = pg.cluster.components?.scheduler.decisionFor(m.namespace, m.name) ?? null;
        return post({ id: m.id, type: 'schedulingDecision', decision: d === null ? null : JSON.parse(JSON.stringify(d)) });
      }
      case 'persistStatus':
        return post({ id: m.id, type: 'persistStatus', status: persisted.status });
      case 'flush':
        await persisted.flush();
        return post({ id: m.id, type: 'ok' });
      case 'exportState': {
        const r = await persisted.exportText();
        return post('error' in r ? { id: m.id, type: 'error', message: r.error } : { id: m.id, type: 'exported', fileName: r.fileName, text: r.text });
      }
      case 'importState': {
        const r = await persisted.importText(m.text);
        return post('error' in r ? { id: m.id, type: 'importFailed', message: r.error } : { id: m.id, type: 'ok' });
      }
      case 'reset':
        await persisted.reset();
        return post({ id: m.id, type: 'ok' });
      case 'switchPlayground': {
        const ok = await persisted.switchTo({ name: m.name, topology: m.topology, seed: m.seed, nodes: m.nodes, fresh: m.fresh });
        return post(ok ? { id: m.id, type: 'ok' } : { id: m.id, type: 'error', message: 'this playground is not saved here: cannot switch' });
      }
      case 'takeOver':
        await persisted.takeOver?.();
        return post({ id: m.id, type: 'ok' });
      case 'prompt':
        return post({ id: m.id, type: 'prompt', prompt: shellFor(m.session).prompt() });
      case 'clock':
        return clock(m, pg);
    }
  } catch (err) {
    post({ id: m.id, type: 'error', message: String((err as Error)?.message ?? err) });
  }
};
