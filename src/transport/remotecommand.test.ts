// The client side of the channel protocol over a fake OpenChannels: the URL it opens, how the
// final Status becomes an exit code or an error, and that a session's input ends with v5's CLOSE.
import { describe, expect, it } from 'vitest';
import { httpClient } from './http';
import type { ChannelEvents, OpenChannels } from './remotecommand';
import type { StreamHandle } from '../api/client';

const enc = (s: string) => new TextEncoder().encode(s);
const EXEC = '/api/v1/namespaces/default/pods/web/exec';

/** A server script: what it answers once opened, and a log of what the client did. */
function fakeServer(onOpen: (on: ChannelEvents, sent: [number, string][]) => void, refuse?: { status: number; body: object }) {
  const log: { url?: string; sent: [number, string][]; closed: boolean } = { sent: [], closed: false };
  let events!: ChannelEvents;
  const open: OpenChannels = async (url, _headers, on) => {
    log.url = url;
    if (refuse) return { refused: true, status: refuse.status, contentType: 'application/json', body: JSON.stringify(refuse.body) };
    events = on;
    queueMicrotask(() => onOpen(on, log.sent));
    return {
      send: (ch, data) => log.sent.push([ch, new TextDecoder().decode(data)]),
      close: () => {
        log.closed = true;
        events.closed();
      },
    };
  };
  return { open, log };
}

describe('exec and attach over httpClient with openChannels', () => {
  it('exec: one command= per argument; output and a NonZeroExitCode Status as the in-process result', async () => {
    const { open, log } = fakeServer((on) => {
      on.message(1, enc('out\n'));
      on.message(2, enc('err\n'));
      on.message(3, enc(JSON.stringify({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } })));
      on.closed();
    });
    const c = httpClient('http://h:1/', { openChannels: open });
    const r = await c.request({ verb: 'POST', path: EXEC, query: { command: JSON.stringify(['sh', '-c', 'exit 3']), container: 'c' } });
    expect(log.url).toBe(`http://h:1${EXEC}?command=sh&command=-c&command=exit+3&container=c`);
    expect(r).toEqual({ status: 200, body: { stdout: 'out\n', stderr: 'err\n', exitCode: 3 }, contentType: 'application/json' });
  });

  it('exec: a runtime failure on the error channel is an error Status; a refused upgrade is the server answer', async () => {
    const failed = fakeServer((on) => {
      on.message(3, enc(JSON.stringify({ status: 'Failure', message: 'Internal error occurred: boom', reason: 'InternalError', code: 500 })));
      on.closed();
    });
    const r = await httpClient('http://h:1', { openChannels: failed.open }).request({ verb: 'POST', path: EXEC, query: { command: '["x"]' } });
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ kind: 'Status', message: 'Internal error occurred: boom', code: 500 });

    const notFound = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'pods "p" not found', reason: 'NotFound', code: 404 };
    const refused = fakeServer(() => {}, { status: 404, body: notFound });
    const r2 = await httpClient('http://h:1', { openChannels: refused.open }).request({ verb: 'POST', path: EXEC, query: { command: '["x"]' } });
    expect(r2).toMatchObject({ status: 404, body: notFound });
  });

  it('exec -i: input on channel 0, close sends [255, 0] first, and output before the end still arrives', async () => {
    let on!: ChannelEvents;
    const { open, log } = fakeServer((events) => (on = events));
    const out: string[] = [];
    const h = (await httpClient('http://h:1', { openChannels: open }).stream!({ verb: 'POST', path: EXEC, query: { command: '["sh"]', stdin: 'true' } }, (c) => out.push(c))) as StreamHandle;
    await Promise.resolve();
    h.write('echo hi\n');
    on.message(1, enc('hi\n'));
    on.message(3, enc(JSON.stringify({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '4' }] } })));
    h.close();
    await h.done;
    expect(log.sent).toEqual([[0, 'echo hi\n'], [255, '\u0000']]);
    expect(log.closed).toBe(true);
    expect(out.join('')).toBe('hi\n');
    expect(h.exitCode).toBe(4);
  });

  it('without openChannels, exec with stdin still needs an upgrade', async () => {
    const r = await httpClient('http://h:1', { fetch: () => Promise.reject(new Error('no fetch expected')) }).stream!({ verb: 'POST', path: EXEC, query: { stdin: 'true' } }, () => {});
    expect(r).toEqual({ status: 400, body: 'Upgrade request required', contentType: 'text/plain' });
  });
});
