// curl and wget inside containers, over the network function (kube-proxy, DNS, pod IPs).
import type { HttpOptions, HttpResult } from '../types';
import type { Program } from './run';

type Fetch = (url: string, opts?: HttpOptions) => HttpResult;

function hostPort(url: string): { host: string; port: string } {
  const m = /^(?:[a-z]+:\/\/)?([^/:?#]+)(?::(\d+))?/i.exec(url);
  return { host: m?.[1] ?? url, port: m?.[2] ?? (url.startsWith('https://') ? '443' : '80') };
}

function withScheme(url: string): string {
  return /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
}

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

export function netPrograms(tools: { curl?: string; wget?: boolean }, fetch: Fetch): Record<string, Program | undefined> {
  const out: Record<string, Program | undefined> = {};
  if (tools.curl) {
    const modern = Number(tools.curl.split('.')[0]) >= 8;
    out.curl = function* (argv, sh) {
      let silent = false;
      let showErr = false;
      let include = false;
      let head = false;
      let method: string | undefined;
      let data: string | undefined;
      let output: string | undefined;
      let failOnError = false;
      const headers: Record<string, string> = { 'User-Agent': `curl/${tools.curl}`, Accept: '*/*' };
      const urls: string[] = [];
      for (let i = 1; i < argv.length; i++) {
        const a = argv[i];
        if (a === '-s' || a === '--silent') silent = true;
        else if (a === '-S' || a === '--show-error') showErr = true;
        else if (a === '-sS' || a === '-Ss') silent = showErr = true;
        else if (a === '-i' || a === '--include') include = true;
        else if (a === '-I' || a === '--head') head = true;
        else if (a === '-f' || a === '--fail') failOnError = true;
        else if (a === '-X' || a === '--request') method = argv[++i];
        else if (a === '-d' || a === '--data') data = argv[++i];
        else if (a === '-o' || a === '--output') output = argv[++i];
        else if (a === '-H' || a === '--header') {
          const h = argv[++i] ?? '';
          const c = h.indexOf(':');
          if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
        } else if (a === '-m' || a === '--max-time' || a === '--connect-timeout' || a === '-w') i++;
        else if (a.startsWith('-') && a.length > 1) {
          if (/^-[sSfLkvi]+$/.test(a)) {
            if (a.includes('s')) silent = true;
            if (a.includes('S')) showErr = true;
            if (a.includes('i')) include = true;
            if (a.includes('f')) failOnError = true;
          }
        } else urls.push(a);
      }
      if (!urls.length) {
        sh.io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
        return 2;
      }
      let code = 0;
      for (const u of urls) {
        const { host, port } = hostPort(u);
        const res = fetch(withScheme(u), { method: head ? 'HEAD' : (method ?? (data !== undefined ? 'POST' : 'GET')), headers, body: data });
        const fail = (n: number, msg: string) => {
          if (!silent || showErr) sh.io.err(`curl: (${n}) ${msg}\n`);
          code = n;
        };
        if ('error' in res) {
          if (res.message && res.curlCode) fail(res.curlCode, res.message.replace(/^curl: \(\d+\) /, ''));
          else if (res.error === 'refused') fail(7, modern ? `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server` : `Failed to connect to ${host} port ${port}: Connection refused`);
          else if (res.error === 'unresolved') fail(6, `Could not resolve host: ${host}`);
          else if (res.error === 'empty') fail(52, 'Empty reply from server');
          else if (res.error === 'unreachable') fail(7, modern ? `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server` : `Failed to connect to ${host} port ${port}: No route to host`);
          else fail(28, modern ? `Failed to connect to ${host} port ${port} after 130000 ms: Couldn't connect to server` : `Failed to connect to ${host} port ${port}: Connection timed out`);
          continue;
        }
        if (failOnError && res.status >= 400) {
          fail(22, `The requested URL returned error: ${res.status}${modern ? '' : ` ${REASONS[res.status] ?? ''}`}`);
          continue;
        }
        let text = '';
        if (include || head) {
          text += `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\r\n`;
          for (const [k, v] of Object.entries(res.headers)) text += `${k}: ${v}\r\n`;
          text += '\r\n';
        }
        if (!head) text += res.body;
        if (output && output !== '-') sh.host.files.set(sh.resolve(output), res.body);
        else sh.io.out(text);
      }
      return code;
    };
  }
  if (tools.wget) {
    out.wget = function* (argv, sh) {
      let quiet = false;
      let outFile: string | undefined;
      const urls: string[] = [];
      for (let i = 1; i < argv.length; i++) {
        const a = argv[i];
        if (a === '-q') quiet = true;
        else if (a === '-O') outFile = argv[++i];
        else if (a === '-qO-' || a === '-qO' || a === '-O-') {
          quiet = quiet || a.startsWith('-q');
          outFile = a.endsWith('-') && a !== '-qO' ? '-' : argv[++i];
        } else if (a === '-T' || a === '--timeout') i++;
        else if (a.startsWith('-')) {
          if (a.includes('q')) quiet = true;
        } else urls.push(a);
      }
      if (!urls.length) {
        sh.io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n');
        return 1;
      }
      for (const u of urls) {
        const { host, port } = hostPort(u);
        const res = fetch(withScheme(u), { method: 'GET', headers: { 'User-Agent': 'Wget' } });
        if (!quiet) sh.io.err(`Connecting to ${host}${port !== '80' ? `:${port}` : ''} (${host}:${port})\n`);
        if ('error' in res) {
          const msg =
            res.error === 'refused'
              ? `wget: can't connect to remote host (${host === 'localhost' ? '127.0.0.1' : host}): Connection refused`
              : res.error === 'unresolved'
                ? `wget: bad address '${host}'`
                : res.error === 'unreachable'
                  ? `wget: can't connect to remote host (${host}): No route to host`
                  : res.error === 'empty'
                    ? 'wget: error getting response'
                    : 'wget: download timed out';
          sh.io.err(msg + '\n');
          return 1;
        }
        if (res.status >= 400) {
          sh.io.err(`wget: server returned error: HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\n`);
          return 1;
        }
        if (outFile === '-') sh.io.out(res.body);
        else {
          const name = outFile ?? (u.split('?')[0].replace(/^[a-z]+:\/\/[^/]*/i, '').split('/').pop() || 'index.html');
          sh.host.files.set(sh.resolve(name), res.body);
          if (!quiet) sh.io.err(`saving to '${name}'\n${name.padEnd(19)} 100% |********************************|   ${res.body.length}  0:00:00 ETA\n'${name}' saved\n`);
        }
      }
      return 0;
    };
  }
  return out;
}
