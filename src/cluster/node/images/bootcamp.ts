// The Kubernetes Basics tutorial's app: a tiny Node.js server on 8080 (`node server.js` under a
// shell, so SIGTERM is ignored and a delete waits the whole grace period, as with the real image).
import { BASE_PATH, DEBIAN_DIRS, fakeDigest, textResponse, type App, type ImageDef, type ProcessContext } from './types';

export function serverJs(version: number): string {
  return `var http = require('http');
var requests=0;
var podname= process.env.HOSTNAME;
var startTime;
var host;
var handleRequest = function(request, response) {
  response.setHeader('Content-Type', 'text/plain');
  response.writeHead(200);
  response.write("Hello Kubernetes bootcamp! | Running on: ");
  response.write(host);
  response.end(" | v=${version}\\n");
  console.log("Running On:" ,host, "| Total Requests:", ++requests,"| App Uptime:", (new Date() - startTime)/1000 , "seconds", "| Log Time:",new Date());
}
var www = http.createServer(handleRequest);
www.listen(8080,function () {
    startTime = new Date();;
    host = process.env.HOSTNAME;
    console.log ("Kubernetes Bootcamp App Started At:",startTime, "| Running On: " ,host, "\\n" );
});
`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function bootcampApp(version: number) {
  return (p: ProcessContext): App => {
    const startTime = p.now();
    const host = p.podName;
    let requests = 0;
    // console.log joins its arguments with spaces; the trailing "\n" argument leaves a blank line.
    p.log(`Kubernetes Bootcamp App Started At: ${iso(startTime)} | Running On:  ${host} `);
    p.log('');
    return {
      ports: [8080],
      http() {
        requests++;
        const now = p.now();
        p.log(`Running On: ${host} | Total Requests: ${requests} | App Uptime: ${(now - startTime) / 1000} seconds | Log Time: ${iso(now)}`);
        return textResponse(200, `Hello Kubernetes bootcamp! | Running on: ${host} | v=${version}\n`, 'text/plain', {
          Date: new Date(now).toUTCString(),
          Connection: 'keep-alive',
        });
      },
      stop: () => undefined,
    };
  };
}

function bootcamp(repository: string, tag: string, version: number, digest: string): ImageDef {
  return {
    repository,
    tags: { [tag]: { digest, size: 83_120_414 + version, version: `v${version}` } },
    env: [
      ['PATH', BASE_PATH],
      ['NPM_CONFIG_LOGLEVEL', 'info'],
      ['NODE_VERSION', '6.3.1'],
    ],
    workingDir: '/',
    entrypoint: [],
    cmd: ['/bin/sh', '-c', 'node server.js'],
    shell: 'bash',
    tools: { curl: '7.38.0' },
    files: () => {
      const f: Record<string, string> = { '/server.js': serverJs(version), '/core': '' };
      for (const d of DEBIAN_DIRS) f[`/${d}/`] = '';
      f['/etc/os-release'] = 'PRETTY_NAME="Debian GNU/Linux 8 (jessie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="8"\nVERSION="8 (jessie)"\nID=debian\n';
      return f;
    },
    isDefault: (argv) => argv.join(' ') === '/bin/sh -c node server.js' || (argv[0] === 'node' && argv[1] === 'server.js'),
    start: bootcampApp(version),
  };
}

export const BOOTCAMP_IMAGES: ImageDef[] = [
  bootcamp('gcr.io/google-samples/kubernetes-bootcamp', 'v1', 1, 'sha256:0d6b8ee63bb57c5f5b6156f446b3bc3b3c143d233037f3a2f00e279c8fcc64af'),
  bootcamp('docker.io/jocatalin/kubernetes-bootcamp', 'v2', 2, fakeDigest('jocatalin/kubernetes-bootcamp:v2')),
];
