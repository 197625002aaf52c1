// A tiny ApiHandler for transport and adapter tests: one kind (ConfigMaps in `default`), watch
// fan-out, a followed log stream, and the odd cases (protobuf 415, thrown errors, warnings).
// It is not a model of the apiserver; the real one is src/cluster.
import type { ApiHandler, ApiRequest, ApiResponse, StreamSink, WatchSink } from '../../src/api/client';
import { alreadyExists, notFound, StatusError, unsupportedMediaType } from '../../src/api/status';

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
}

const COLL = '/api/v1/namespaces/default/configmaps';
const json = (status: number, body: unknown, contentType = 'application/json'): ApiResponse => ({ status, body, contentType });
const fail = (e: StatusError): ApiResponse => json(e.status.code, e.status);

export interface FakeHandler extends ApiHandler {
  /** Requests as the handler saw them, for assertions. */
  seen: ApiRequest[];
  /** Open watches and streams. */
  openWatches(): number;
  /** Pushes a line to every followed log stream; `end` closes them. */
  log(line: string, end?: boolean): void;
  /** Zero-delay work queued by requests (stands in for controllers); run by afterRequest. */
  runDue(): void;
  dueRuns: number;
}

export function fakeHandler(): FakeHandler {
  const objects = new Map<string, Obj>();
  const watchers = new Set<WatchSink>();
  const streams = new Set<StreamSink>();
  let rv = 100;
  const seen: ApiRequest[] = [];
  const emit = (type: 'ADDED' | 'MODIFIED' | 'DELETED', o: Obj): void => {
    for (const w of watchers) w.event({ type, object: o });
  };

  const h: FakeHandler = {
    seen,
    dueRuns: 0,
    openWatches: () => watchers.size + streams.size,
    runDue() {
      h.dueRuns++;
    },
    log(line, end) {
      for (const s of [...streams]) {
        s.data(line + '\n');
        if (end) {
          streams.delete(s);
          s.end();
        }
      }
    },
    handle(req) {
      seen.push(req);
      if (req.path === '/boom') throw new Error('kaboom');
      if (req.path === '/status-error') throw notFound({ group: '', resource: 'widgets' }, 'w');
      if (req.path === '/text') return { status: 200, body: 'hello\n', contentType: 'text/plain' };
      if (req.path === '/warn') return { ...json(200, { ok: true }), warnings: ['unknown field "spec.x"', 'say "hi"'] };
      if (req.path === '/api/v1/namespaces/default/pods/p/log') return { status: 200, body: 'line 1\nline 2\n', contentType: 'text/plain' };
      if (req.path === COLL && req.verb === 'GET') {
        return json(200, { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: String(rv) }, items: [...objects.values()] });
      }
      if (req.path === COLL && req.verb === 'POST') {
        if (req.contentType?.startsWith('application/vnd.kubernetes.protobuf')) {
          return fail(unsupportedMediaType(['application/json', 'application/yaml']));
        }
        const o = (typeof req.body === 'string' ? JSON.parse(req.body) : req.body) as Obj;
        if (objects.has(o.metadata.name)) return fail(alreadyExists({ group: '', resource: 'configmaps' }, o.metadata.name));
        o.metadata = { ...o.metadata, namespace: 'default', resourceVersion: String(++rv) };
        objects.set(o.metadata.name, o);
        emit('ADDED', o);
        return json(201, o);
      }
      const m = req.path.match(/^\/api\/v1\/namespaces\/default\/configmaps\/([^/]+)$/);
      if (m && req.verb === 'GET') {
        const o = objects.get(m[1]);
        return o ? json(200, o) : fail(notFound({ group: '', resource: 'configmaps' }, m[1]));
      }
      if (m && req.verb === 'DELETE') {
        const o = objects.get(m[1]);
        if (!o) return fail(notFound({ group: '', resource: 'configmaps' }, m[1]));
        objects.delete(m[1]);
        emit('DELETED', o);
        return json(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 });
      }
      return fail(notFound({ group: '', resource: 'things' }, req.path));
    },
    watch(req, sink) {
      seen.push(req);
      if (req.path !== COLL) return fail(notFound({ group: '', resource: 'things' }, req.path));
      // Replay the current state first, synchronously, as a watch from an old revision does.
      for (const o of objects.values()) sink.event({ type: 'ADDED', object: o });
      watchers.add(sink);
      return { stop: () => watchers.delete(sink) };
    },
    stream(req, sink) {
      seen.push(req);
      if (req.path !== '/api/v1/namespaces/default/pods/p/log') return fail(notFound({ group: '', resource: 'pods' }, 'x'));
      sink.data('line 1\n');
      streams.add(sink);
      return { stop: () => streams.delete(sink) };
    },
  };
  return h;
}
