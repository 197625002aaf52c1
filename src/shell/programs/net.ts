// curl, wget and minikube: the learner's way into Services, NodePorts and the API. The host
// supplies the network (kube-proxy, DNS, `kubectl proxy` listeners); these print what the real
// tools print.
import type { Program, ProgramIO } from '../types';

export interface HttpReply {
  status: number;
  statusText?: string;
  headers: Record<string, string>;
  body: string;
}

export interface NetFailure {
  error: 'refused' | 'timeout' | 'dns' | 'unreachable';
  /** curl's text after `curl: (N) `. */
  message: string;
  curlCode: number;
}

export interface HostNet {
  request(url: string, opts: { method: string; headers: Record<string, string>; body?: string }): Promise<HttpReply | NetFailure>;
}

export interface MinikubeHost {
  /** The node IP, or undefined outside the minikube topology. */
  ip(): string | undefined;
  /** NodePort URL(s) of a service, or an error line. */
  serviceUrls(name: string, namespace: string): Promise<string[] | { error: string }>;
}

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

function normaliseUrl(raw: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
}

export function curlProgram(net: HostNet): Program {
  return async (argv, io) => {
    let method: string | undefined;
    const headers: Record<string, string> = {};
    let data: string | undefined;
    let silent = false;
    let showErrors = false;
    let include = false;
    let verbose = false;
    let fail = false;
    let output: string | undefined;
    let head = false;
    let writeOut: string | undefined;
    const urls: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      const next = () => argv[++i];
      if (a === '-X' || a === '--request') method = next();
      else if (a === '-H' || a === '--header') {
        const h = next() ?? '';
        const c = h.indexOf(':');
        if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
      } else if (a === '-d' || a === '--data' || a === '--data-ascii' || a === '--data-raw' || a === '--data-binary' || (a.startsWith('-d') && a.length > 2)) {
        let d = a.startsWith('-d') && a.length > 2 ? a.slice(2) : (next() ?? '');
        // @file (or @- for stdin) reads the body, except with --data-raw; -d/--data drop CR and LF
        // as curl does, --data-binary keeps the bytes.
        if (d.startsWith('@') && a !== '--data-raw') {
          const name = d.slice(1);
          let body: string | undefined;
          if (name === '-') {
            body = '';
            for (let chunk = await io.stdin.read(); chunk !== null; chunk = await io.stdin.read()) body += chunk;
          } else {
            try {
              body = io.fs.readFile(io.fs.resolve(io.cwd, name));
            } catch {
              await io.stderr.write(`Warning: Couldn't read data from file "${name}", this makes an empty \nWarning: POST.\n`);
              body = '';
            }
          }
          d = a === '--data-binary' ? body : body.replace(/[\r\n]/g, '');
        }
        data = data === undefined ? d : `${data}&${d}`;
      } else if (a === '-o' || a === '--output') output = next();
      else if (a === '-w' || a === '--write-out') writeOut = next();
      else if (a === '--connect-timeout' || a === '-m' || a === '--max-time') next();
      else if (a === '-I' || a === '--head') head = true;
      else if (a.startsWith('--')) {
        if (a === '--silent') silent = true;
        else if (a === '--show-error') showErrors = true;
        else if (a === '--include') include = true;
        else if (a === '--verbose') verbose = true;
        else if (a === '--fail') fail = true;
        else if (a === '--location' || a === '--insecure' || a === '--compressed') void 0;
        else {
          await io.stderr.write(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
          return 2;
        }
      } else if (a.startsWith('-') && a.length > 1) {
        for (const c of a.slice(1)) {
          if (c === 's') silent = true;
          else if (c === 'S') showErrors = true;
          else if (c === 'i') include = true;
          else if (c === 'v') verbose = true;
          else if (c === 'f') fail = true;
          else if (c === 'L' || c === 'k') void 0;
          else if (c === 'I') head = true;
          else {
            await io.stderr.write(`curl: option -${c}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
            return 2;
          }
        }
      } else urls.push(a);
    }
    if (!urls.length) {
      await io.stderr.write(`curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
      return 2;
    }
    let code = 0;
    for (const raw of urls) {
      const url = normaliseUrl(raw);
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        if (!silent || showErrors) await io.stderr.write(`curl: (3) URL rejected: Malformed input to a URL function\n`);
        code = 3;
        continue;
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        if (!silent || showErrors) await io.stderr.write(`curl: (1) Protocol "${parsed.protocol.replace(':', '')}" not supported\n`);
        code = 1;
        continue;
      }
      const m = method ?? (head ? 'HEAD' : data !== undefined ? 'POST' : 'GET');
      if (data !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
      if (verbose) await io.stderr.write(`*   Trying ${parsed.hostname}:${port}...\n`);
      const res = await net.request(url, { method: m, headers, body: data });
      if ('error' in res) {
        if (!silent || showErrors) await io.stderr.write(`curl: (${res.curlCode}) ${res.message}\n`);
        code = res.curlCode;
        continue;
      }
      if (verbose) {
        await io.stderr.write(`* Connected to ${parsed.hostname} (${parsed.hostname}) port ${port}\n`);
        await io.stderr.write(`> ${m} ${parsed.pathname}${parsed.search} HTTP/1.1\n> Host: ${parsed.host}\n> User-Agent: curl/7.88.1\n> Accept: */*\n>\n`);
        await io.stderr.write(`< HTTP/1.1 ${res.status} ${res.statusText ?? REASONS[res.status] ?? ''}\n`);
        for (const [k, v] of Object.entries(res.headers)) await io.stderr.write(`< ${k}: ${v}\n`);
        await io.stderr.write('<\n');
      }
      if (fail && res.status >= 400) {
        if (!silent || showErrors) await io.stderr.write(`curl: (22) The requested URL returned error: ${res.status}\n`);
        code = 22;
        continue;
      }
      let out = '';
      if (include || head) {
        out += `HTTP/1.1 ${res.status} ${res.statusText ?? REASONS[res.status] ?? ''}\r\n`;
        for (const [k, v] of Object.entries(res.headers)) out += `${k}: ${v}\r\n`;
        out += '\r\n';
      }
      if (!head) out += res.body;
      if (output) io.fs.writeFile(io.fs.resolve(io.cwd, output), out);
      else await io.stdout.write(out);
      if (writeOut) await io.stdout.write(writeOut.replace(/%\{http_code\}/g, String(res.status)).replace(/\\n/g, '\n'));
    }
    return code;
  };
}

export function wgetProgram(net: HostNet): Program {
  return async (argv, io) => {
    let quiet = false;
    let toStdout = false;
    const urls: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === '-q' || a === '--quiet') quiet = true;
      else if (a === '-O' && argv[i + 1] === '-') {
        toStdout = true;
        i++;
      } else if (a === '-qO-' || a === '-qO' || a === '-O-') {
        if (a.includes('q')) quiet = true;
        toStdout = true;
        if (a === '-qO') i++;
      } else if (a === '--timeout' || a === '-T') i++;
      else if (!a.startsWith('-')) urls.push(a);
    }
    if (!urls.length) {
      await io.stderr.write('wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help\' for more options.\n');
      return 1;
    }
    for (const raw of urls) {
      const url = normaliseUrl(raw);
      const res = await net.request(url, { method: 'GET', headers: {} });
      if ('error' in res) {
        const host = new URL(url).host;
        await io.stderr.write(res.error === 'dns' ? `wget: bad address '${new URL(url).hostname}'\n` : `wget: can't connect to remote host (${host.split(':')[0]}): Connection refused\n`);
        return 1;
      }
      if (res.status >= 400) {
        await io.stderr.write(`wget: server returned error: HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\n`);
        return 1;
      }
      if (toStdout) await io.stdout.write(res.body);
      else io.fs.writeFile(io.fs.resolve(io.cwd, 'index.html'), res.body);
      if (!quiet && !toStdout) await io.stderr.write(`Connecting to ${new URL(url).host}\nsaving to 'index.html'\n`);
    }
    return 0;
  };
}

export function minikubeProgram(host: MinikubeHost): Program {
  return async (argv, io: ProgramIO) => {
    const sub = argv[1];
    const ip = host.ip();
    if (ip === undefined) {
      await io.stderr.write(
        `🤷  Profile "minikube" not found. Run "minikube profile list" to view all profiles.\n👉  To start a cluster, run: "minikube start"\n`,
      );
      return 85;
    }
    switch (sub) {
      case 'ip':
        await io.stdout.write(`${ip}\n`);
        return 0;
      case 'version':
        await io.stdout.write('minikube version: v1.34.0\ncommit: 210b148df93a80eb872ecbeb7e35281b3c582c61\n');
        return 0;
      case 'status':
        await io.stdout.write('minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n');
        return 0;
      case 'start':
        await io.stdout.write(
          '😄  minikube v1.34.0 on Debian 12\n✨  Using the docker driver based on existing profile\n👍  Starting "minikube" primary control-plane node in "minikube" cluster\n🏃  Updating the running docker "minikube" container ...\n🐳  Preparing Kubernetes v1.32.0 on Docker 27.2.0 ...\n🔎  Verifying Kubernetes components...\n🌟  Enabled addons: storage-provisioner, default-storageclass\n🏄  Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default\n',
        );
        return 0;
      case 'service': {
        const name = argv.slice(2).find((a) => !a.startsWith('-'));
        if (!name) {
          await io.stderr.write('❌  Exiting due to MK_USAGE: You must specify a service name\n');
          return 64;
        }
        const nsIdx = argv.findIndex((a) => a === '-n' || a === '--namespace');
        const ns = nsIdx > 0 ? argv[nsIdx + 1] : (argv.find((a) => a.startsWith('--namespace='))?.slice(12) ?? 'default');
        const urls = await host.serviceUrls(name, ns);
        if (!Array.isArray(urls)) {
          await io.stderr.write(urls.error);
          return 1;
        }
        await io.stdout.write(urls.map((u) => u + '\n').join(''));
        return 0;
      }
      default:
        await io.stderr.write(`Error: unknown command "${sub ?? ''}" for "minikube"\nRun 'minikube --help' for usage.\n`);
        return 1;
    }
  };
}
