// nginx: the docker entrypoint's start lines, the default welcome page on 80, access logs in the
// image's `main` format, graceful shutdown on its stop signal (SIGQUIT).
import { BASE_PATH, DEBIAN_DIRS, clfTime, fakeDigest, slashTime, textResponse, utf8Length, type App, type ImageDef, type ProcessContext, type TagInfo } from './types';

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

function errorPage(status: number, text: string, version: string): string {
  return `<html>\n<head><title>${status} ${text}</title></head>\n<body>\n<center><h1>${status} ${text}</h1></center>\n<hr><center>nginx/${version}</center>\n</body>\n</html>\n`;
}

/** What the image's entrypoint prints before nginx starts. */
const ENTRYPOINT_LINES = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

/** The master process's start-up notices, the same for every nginx started in one second: made once. */
let notices: { stamp: string; version: string; alpine: boolean; lines: string[] } | undefined;

function startupNotices(stamp: string, v: string, alpine: boolean): string[] {
  if (notices && notices.stamp === stamp && notices.version === v && notices.alpine === alpine) return notices.lines;
  const gcc = alpine ? 'gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ' : 'gcc 12.2.0 (Debian 12.2.0-14) ';
  const lines = [
    `${stamp} [notice] 1#1: using the "epoll" event method`,
    `${stamp} [notice] 1#1: nginx/${v}`,
    `${stamp} [notice] 1#1: built by ${gcc}`,
    `${stamp} [notice] 1#1: OS: Linux 6.1.0-18-amd64`,
    `${stamp} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${stamp} [notice] 1#1: start worker processes`,
    `${stamp} [notice] 1#1: start worker process 29`,
    `${stamp} [notice] 1#1: start worker process 30`,
  ];
  notices = { stamp, version: v, alpine, lines };
  return lines;
}

function nginxApp(p: ProcessContext): App {
  const v = p.info.version;
  const alpine = p.tag.includes('alpine');
  for (const l of ENTRYPOINT_LINES) p.log(l);
  for (const l of startupNotices(slashTime(p.now()), v, alpine)) p.log(l);
  return {
    ports: [80],
    http(req) {
      const now = p.now();
      let path = req.path.split('?')[0] || '/';
      if (path.endsWith('/')) path += 'index.html';
      const file = p.files.get('/usr/share/nginx/html' + path);
      const method = req.method.toUpperCase();
      let status = 200;
      let body: string;
      let type = 'text/html';
      if (file === undefined) {
        status = 404;
        body = errorPage(404, 'Not Found', v);
      } else {
        body = file;
        if (!path.endsWith('.html')) type = path.endsWith('.json') ? 'application/json' : 'text/plain';
      }
      const ua = req.headers?.['User-Agent'] ?? req.headers?.['user-agent'] ?? '-';
      const len = utf8Length(body);
      p.log(`${req.remoteAddr ?? '-'} - - [${clfTime(now)}] "${method} ${req.path} HTTP/1.1" ${status} ${method === 'HEAD' ? 0 : len} "-" "${ua}" "-"`);
      const res = textResponse(status, method === 'HEAD' ? '' : body, type, { Server: `nginx/${v}`, Date: new Date(now).toUTCString(), Connection: 'keep-alive' });
      res.headers['Content-Length'] = String(len);
      return res;
    },
    stop() {
      p.after(100, () => {
        const t = slashTime(p.now());
        p.log(`${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`);
        p.log(`${t} [notice] 29#29: gracefully shutting down`);
        p.log(`${t} [notice] 29#29: exiting`);
        p.log(`${t} [notice] 29#29: exit`);
        p.log(`${t} [notice] 1#1: signal 17 (SIGCHLD) received from 29`);
        p.log(`${t} [notice] 1#1: worker process 29 exited with code 0`);
        p.log(`${t} [notice] 1#1: exit`);
      });
      return { afterMs: 200, code: 0 };
    },
  };
}

const tag = (version: string, size: number, digest?: string): TagInfo => ({ version, size, digest: digest ?? fakeDigest(`nginx:${version}:${size}`) });

export const NGINX: ImageDef = {
  repository: 'docker.io/library/nginx',
  tags: {
    '1.25': tag('1.25.5', 70_984_713, 'sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d'),
    '1.25.5': tag('1.25.5', 70_984_713, 'sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d'),
    '1.26': tag('1.26.2', 71_013_911),
    '1.26.2': tag('1.26.2', 71_013_911),
    '1.27': tag('1.27.3', 72_099_410),
    '1.27.3': tag('1.27.3', 72_099_410),
    latest: tag('1.27.3', 72_099_410),
    stable: tag('1.26.2', 71_013_911),
    mainline: tag('1.27.3', 72_099_410),
    alpine: tag('1.27.3', 20_479_823),
    '1.27-alpine': tag('1.27.3', 20_479_823),
    'stable-alpine': tag('1.26.2', 20_214_615),
  },
  env: [
    ['PATH', BASE_PATH],
    ['NGINX_VERSION', '1.27.3'],
    ['NJS_VERSION', '0.8.7'],
    ['NJS_RELEASE', '1~bookworm'],
    ['PKG_RELEASE', '1~bookworm'],
    ['DYNPKG_RELEASE', '1~bookworm'],
  ],
  workingDir: '/',
  entrypoint: ['/docker-entrypoint.sh'],
  cmd: ['nginx', '-g', 'daemon off;'],
  shell: 'bash',
  tools: { curl: '7.88.1' },
  files: (t, info) => {
    const f: Record<string, string> = {
      '/usr/share/nginx/html/index.html': NGINX_WELCOME,
      '/usr/share/nginx/html/50x.html': errorPage(500, 'Internal Server Error', info.version),
      '/etc/nginx/conf.d/default.conf': DEFAULT_CONF,
      '/docker-entrypoint.sh': '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n',
      '/docker-entrypoint.d/': '',
    };
    for (const d of DEBIAN_DIRS) f[`/${d}/`] = '';
    f['/etc/nginx/nginx.conf'] = `\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '\n                      '$status $body_bytes_sent "$http_referer" '\n                      '"$http_user_agent" "$http_x_forwarded_for"';\n\n    access_log  /var/log/nginx/access.log  main;\n\n    sendfile        on;\n    #tcp_nopush     on;\n\n    keepalive_timeout  65;\n\n    #gzip  on;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n`;
    if (t.includes('alpine')) delete f['/lib64/'];
    return f;
  },
  isDefault: (argv) => argv[0] === '/docker-entrypoint.sh' || argv[0] === 'nginx',
  start: nginxApp,
};
