// lazy-json.ts: a JSON file read synchronously when needed first, or prefetched in the background.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyJson } from './lazy-json';

/** A fake network: each URL's answer, and a log of the requests (sync XHR or fetch). */
function fakeNetwork(files: Record<string, { status: number; text: string }>) {
  const log: string[] = [];
  class FakeXhr {
    status = 0;
    statusText = '';
    responseText = '';
    private url = '';
    open(method: string, url: string, async: boolean) {
      expect(method).toBe('GET');
      expect(async).toBe(false);
      this.url = url;
    }
    send() {
      log.push(`xhr ${this.url}`);
      const f = files[this.url] ?? { status: 404, text: '' };
      this.status = f.status;
      this.statusText = f.status === 200 ? 'OK' : 'Not Found';
      this.responseText = f.text;
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  vi.stubGlobal('fetch', async (url: string) => {
    log.push(`fetch ${url}`);
    const f = files[url] ?? { status: 404, text: '' };
    return { ok: f.status === 200, status: f.status, statusText: 'x', text: async () => f.text };
  });
  return log;
}

const isSchemas = (v: { schemas?: unknown }) => !!v.schemas;

describe('lazyJson', () => {
  afterEach(() => void vi.unstubAllGlobals());

  it('reads the file synchronously on first use, once', () => {
    const log = fakeNetwork({ '/a.json': { status: 200, text: '{"schemas":{"x":1}}' } });
    const f = lazyJson<{ schemas: Record<string, number> }>('/a.json', 'test schemas', isSchemas);
    expect(f.load().schemas.x).toBe(1);
    expect(f.load()).toBe(f.load());
    expect(log).toEqual(['xhr /a.json']);
  });

  it('after a prefetch, load() does not go to the network', async () => {
    const log = fakeNetwork({ '/a.json': { status: 200, text: '{"schemas":{}}' } });
    const f = lazyJson('/a.json', 'test schemas', isSchemas);
    await Promise.all([f.prefetch(), f.prefetch()]);
    expect(f.load()).toEqual({ schemas: {} });
    expect(log).toEqual(['fetch /a.json']);
  });

  it('a failed prefetch leaves the file to load(), which says what failed', async () => {
    const files: Record<string, { status: number; text: string }> = { '/a.json': { status: 404, text: '' } };
    const log = fakeNetwork(files);
    const f = lazyJson('/a.json', 'test schemas', isSchemas);
    await f.prefetch();
    expect(() => f.load()).toThrow('kubeplay: could not load the test schemas (404 Not Found)');
    files['/a.json'] = { status: 200, text: '{"schemas":[]}' };
    await f.prefetch();
    expect(f.load()).toEqual({ schemas: [] });
    expect(log).toEqual(['fetch /a.json', 'xhr /a.json', 'fetch /a.json']);
  });

  it('refuses a damaged file', () => {
    fakeNetwork({ '/a.json': { status: 200, text: '{"other":1}' } });
    expect(() => lazyJson('/a.json', 'test schemas', isSchemas).load()).toThrow('kubeplay: the test schemas file is damaged');
  });
});
