// The smaller images: httpd, busybox, hello-app, agnhost, pause.
import { klog } from './system';
import { BASE_PATH, DEBIAN_DIRS, clfTime, fakeDigest, httpdTime, slashTime, textResponse, type App, type ImageDef, type ProcessContext, type TagInfo } from './types';

const tag = (name: string, version: string, size: number): TagInfo => ({ version, size, digest: fakeDigest(`${name}:${version}:${size}`) });

function dirs(extra: Record<string, string> = {}, list = DEBIAN_DIRS): Record<string, string> {
  const f: Record<string, string> = {};
  for (const d of list) f[`/${d}/`] = '';
  return { ...f, ...extra };
}

export const HTTPD_PAGE = '<html><body><h1>It works!</h1></body></html>\n';

function httpdApp(p: ProcessContext): App {
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${p.podIP}. Set the 'ServerName' directive globally to suppress this message`;
  p.log(fqdn);
  p.log(fqdn);
  p.log(`[${httpdTime(p.now())}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${p.info.version} (Unix) configured -- resuming normal operations`);
  p.log(`[${httpdTime(p.now())}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`);
  return {
    ports: [80],
    http(req) {
      let path = req.path.split('?')[0] || '/';
      if (path.endsWith('/')) path += 'index.html';
      const file = p.files.get('/usr/local/apache2/htdocs' + path);
      const status = file === undefined ? 404 : 200;
      const body =
        file ??
        `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
      p.log(`${req.remoteAddr ?? '-'} - - [${clfTime(p.now())}] "${req.method.toUpperCase()} ${req.path} HTTP/1.1" ${status} ${body.length}`);
      return textResponse(status, body, status === 200 ? 'text/html' : 'text/html; charset=iso-8859-1', { Server: `Apache/${p.info.version} (Unix)` });
    },
    stop() {
      p.after(50, () => {
        p.log(`[${httpdTime(p.now())}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`);
      });
      return { afterMs: 100, code: 0 };
    },
  };
}

export const HTTPD: ImageDef = {
  repository: 'docker.io/library/httpd',
  tags: { '2.4': tag('httpd', '2.4.62', 58_012_391), latest: tag('httpd', '2.4.62', 58_012_391), '2.4.62': tag('httpd', '2.4.62', 58_012_391), alpine: tag('httpd-alpine', '2.4.62', 22_417_001) },
  env: [
    ['PATH', '/usr/local/apache2/bin:' + BASE_PATH],
    ['HTTPD_PREFIX', '/usr/local/apache2'],
    ['HTTPD_VERSION', '2.4.62'],
  ],
  workingDir: '/usr/local/apache2',
  entrypoint: [],
  cmd: ['httpd-foreground'],
  shell: 'bash',
  files: () => dirs({ '/usr/local/apache2/htdocs/index.html': HTTPD_PAGE, '/usr/local/apache2/conf/httpd.conf': 'ServerRoot "/usr/local/apache2"\nListen 80\n' }),
  isDefault: (argv) => argv[0] === 'httpd-foreground' || argv[0] === 'httpd',
  start: httpdApp,
};

export const BUSYBOX: ImageDef = {
  repository: 'docker.io/library/busybox',
  tags: {
    latest: tag('busybox', '1.37.0', 2_166_802),
    '1.37': tag('busybox', '1.37.0', 2_166_802),
    '1.36': { version: '1.36.1', size: 2_160_406, digest: 'sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7' },
    '1.36.1': { version: '1.36.1', size: 2_160_406, digest: 'sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7' },
    '1.28': tag('busybox', '1.28.4', 727_869),
    stable: tag('busybox', '1.36.1', 2_160_406),
  },
  env: [['PATH', BASE_PATH]],
  workingDir: '/',
  entrypoint: [],
  cmd: ['sh'],
  shell: 'sh',
  tools: { wget: true },
  files: () => dirs({}, ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']),
};

function helloApp(p: ProcessContext): App {
  const port = Number(p.env.find(([k]) => k === 'PORT')?.[1] ?? 8080) || 8080;
  p.log(`${slashTime(p.now())} Server listening on port ${port}`);
  return {
    ports: [port],
    http(req) {
      p.log(`${slashTime(p.now())} Serving request: ${req.path.split('?')[0] || '/'}`);
      return textResponse(200, `Hello, world!\nVersion: ${p.info.version}\nHostname: ${p.podName}\n`, 'text/plain; charset=utf-8');
    },
    // A Go binary as PID 1 without a handler dies on SIGTERM at once.
    stop: () => ({ afterMs: 10, code: 2 }),
  };
}

export const HELLO_APP: ImageDef = {
  repository: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app',
  tags: { '1.0': tag('hello-app', '1.0.0', 4_431_456), '2.0': tag('hello-app', '2.0.0', 4_431_478) },
  env: [['PATH', BASE_PATH]],
  workingDir: '/',
  entrypoint: [],
  cmd: ['./hello-app'],
  shell: 'sh',
  tools: { wget: true },
  files: () => dirs({ '/hello-app': '\u007fELF' }, ['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']),
  isDefault: (argv) => argv[0] === './hello-app' || argv[0] === '/hello-app',
  start: helloApp,
};

/** Go's Time.String() for a UTC time: fraction without trailing zeros, then the monotonic reading. */
function goTimeString(ms: number, startedMs: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const frac = d.getUTCMilliseconds() ? '.' + String(d.getUTCMilliseconds()).padStart(3, '0').replace(/0+$/, '') : '';
  const date = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  return `${date}${frac} +0000 UTC m=+${((ms - startedMs) / 1000).toFixed(9)}`;
}

/** agnhost's subcommands the tutorials use: `netexec` (HTTP server) and `pause` (the default). */
function agnhostApp(p: ProcessContext): App {
  const args = p.argv[0]?.endsWith('agnhost') ? p.argv.slice(1) : p.argv;
  const sub = args[0] ?? 'pause';
  const flag = (name: string, def: number) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    return a ? Number(a.slice(name.length + 3)) || def : def;
  };
  if (sub === 'pause') {
    p.log('Paused');
    return { ports: [], stop: () => ({ afterMs: 0, code: 0 }) };
  }
  if (sub !== 'netexec') {
    p.log(`Error: unknown command "${sub}" for "agnhost"`);
    p.log(`Run 'agnhost --help' for usage.`);
    p.after(10, () => p.exit(1));
    return { ports: [] };
  }
  const started = p.now();
  const httpPort = flag('http-port', 8080);
  const udpPort = flag('udp-port', 8081);
  p.log(`${klog(p.now(), 'log.go:195')} Started HTTP server on port ${httpPort}`);
  p.log(`${klog(p.now(), 'log.go:195')} Started UDP server on port  ${udpPort}`);
  return {
    ports: [httpPort],
    http(req) {
      const path = req.path.split('?')[0] || '/';
      p.log(`${klog(p.now(), 'log.go:195')} GET ${path}`);
      if (path === '/hostname') return textResponse(200, p.podName, 'text/plain; charset=utf-8');
      if (path === '/healthz') return textResponse(200, '', 'text/plain; charset=utf-8');
      return textResponse(200, `NOW: ${goTimeString(p.now(), started)}`, 'text/plain; charset=utf-8');
    },
    stop: () => ({ afterMs: 10, code: 2 }),
  };
}

export const AGNHOST: ImageDef = {
  repository: 'registry.k8s.io/e2e-test-images/agnhost',
  tags: { '2.39': tag('agnhost', '2.39', 51_336_198), '2.40': tag('agnhost', '2.40', 51_512_014), '2.53': tag('agnhost', '2.53', 54_830_115) },
  env: [['PATH', BASE_PATH]],
  workingDir: '/',
  entrypoint: ['/agnhost'],
  cmd: ['pause'],
  shell: 'sh',
  tools: { curl: '8.5.0' },
  files: () => dirs({ '/agnhost': '\u007fELF' }, ['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']),
  isDefault: (argv) => argv[0] === '/agnhost' || argv[0] === 'agnhost',
  start: agnhostApp,
};

export const PAUSE: ImageDef = {
  repository: 'registry.k8s.io/pause',
  tags: { '3.10': tag('pause', '3.10', 320_368), '3.9': tag('pause', '3.9', 321_520), latest: tag('pause', '3.10', 320_368) },
  env: [['PATH', BASE_PATH]],
  workingDir: '/',
  entrypoint: ['/pause'],
  cmd: [],
  shell: 'none',
  files: () => ({ '/pause': '\u007fELF' }),
  isDefault: () => true,
  start: () => ({ ports: [], stop: () => ({ afterMs: 0, code: 0 }) }),
};
