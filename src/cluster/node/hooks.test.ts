import { describe, expect, it } from 'vitest';
import { setup } from './testutil';
import { NGINX_WELCOME } from './images/nginx';
import { serverJs } from './images/bootcamp';

const BOOTCAMP = 'gcr.io/google-samples/kubernetes-bootcamp:v1';

function running(s: ReturnType<typeof setup>, name: string, containers: object[], extra: Record<string, unknown> = {}) {
  s.createPod(name, containers, extra);
  for (let i = 0; i < 200 && s.pod(name).status.phase !== 'Running'; i++) s.advance(100);
  return s.pod(name);
}

describe('bootcamp app through the API', () => {
  it('answers the proxy and logs each request', () => {
    const s = setup();
    const p = running(s, 'kb', [{ name: 'kubernetes-bootcamp', image: BOOTCAMP }]);
    const started = p.status.containerStatuses[0].state.running.startedAt;
    s.advance(10_000);
    const r1 = s.req('GET', '/api/v1/namespaces/default/pods/kb:8080/proxy/');
    expect(r1).toMatchObject({ status: 200, body: 'Hello Kubernetes bootcamp! | Running on: kb | v=1\n' });
    s.advance(2500);
    s.req('GET', '/api/v1/namespaces/default/pods/kb:8080/proxy/');
    const log = s.req('GET', '/api/v1/namespaces/default/pods/kb/log').body as string;
    const lines = log.split('\n');
    expect(lines[0]).toMatch(/^Kubernetes Bootcamp App Started At: 2026-11-23T09:00:0\d\.\d{3}Z \| Running On:  kb $/);
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(/^Running On: kb \| Total Requests: 1 \| App Uptime: \d+(\.\d+)? seconds \| Log Time: 2026-11-23T09:00:1\d\.\d{3}Z$/);
    expect(lines[3]).toMatch(/^Running On: kb \| Total Requests: 2 \| App Uptime: \d+(\.\d+)? seconds \| Log Time: /);
    const up1 = Number(/Uptime: ([\d.]+)/.exec(lines[2])![1]);
    const up2 = Number(/Uptime: ([\d.]+)/.exec(lines[3])![1]);
    expect(up2 - up1).toBeCloseTo(2.5);
    expect(lines.length).toBe(5);
    expect(started).toBeDefined();
    // tailLines and timestamps
    expect(s.req('GET', '/api/v1/namespaces/default/pods/kb/log', undefined, { tailLines: '1' }).body).toBe(lines[3] + '\n');
    expect(s.req('GET', '/api/v1/namespaces/default/pods/kb/log', undefined, { tailLines: '1', timestamps: 'true' }).body).toMatch(/^2026-11-23T09:00:\d\d\.\d{9}Z Running On: kb \| Total Requests: 2/);
  });

  it('runs env, cat server.js, ls and curl localhost in exec', () => {
    const s = setup();
    running(s, 'kb', [{ name: 'kubernetes-bootcamp', image: BOOTCAMP, env: [{ name: 'GREETING', value: 'hi' }] }]);
    const exec = (...command: string[]) => s.req('POST', '/api/v1/namespaces/default/pods/kb/exec', undefined, { command: JSON.stringify(command), stdout: 'true' }).body as { stdout: string; stderr: string; exitCode: number };
    expect(exec('env').stdout).toBe(
      [
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'HOSTNAME=kb',
        'GREETING=hi',
        'KUBERNETES_PORT_443_TCP_PROTO=tcp',
        'KUBERNETES_PORT_443_TCP_PORT=443',
        'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1',
        'KUBERNETES_SERVICE_HOST=10.96.0.1',
        'KUBERNETES_SERVICE_PORT=443',
        'KUBERNETES_SERVICE_PORT_HTTPS=443',
        'KUBERNETES_PORT=tcp://10.96.0.1:443',
        'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
        'NPM_CONFIG_LOGLEVEL=info',
        'NODE_VERSION=6.3.1',
        'HOME=/root',
        '',
      ].join('\n'),
    );
    expect(exec('cat', 'server.js').stdout).toBe(serverJs(1));
    expect(exec('ls', '/').stdout.split('\n')).toContain('server.js');
    expect(exec('hostname').stdout).toBe('kb\n');
    expect(exec('printenv', 'NODE_VERSION').stdout).toBe('6.3.1\n');
    expect(exec('curl', '-s', 'http://localhost:8080').stdout).toBe('Hello Kubernetes bootcamp! | Running on: kb | v=1\n');
    expect(exec('curl', 'http://localhost:8081')).toMatchObject({ exitCode: 7, stderr: 'curl: (7) Failed to connect to localhost port 8081: Connection refused\n' });
    expect(exec('sh', '-c', 'echo $HOSTNAME; exit 3')).toMatchObject({ stdout: 'kb\n', exitCode: 3 });
    expect(exec('cat', '/nope')).toMatchObject({ exitCode: 1, stderr: 'cat: /nope: No such file or directory\n' });
    const missing = s.req('POST', '/api/v1/namespaces/default/pods/kb/exec', undefined, { command: '["foo"]' });
    expect(missing.status).toBe(500);
    expect((missing.body as any).message).toMatch(/exec: "foo": executable file not found in \$PATH: unknown$/);
  });

  it('offers an interactive shell when streaming with stdin', () => {
    const s = setup();
    running(s, 'kb', [{ name: 'kubernetes-bootcamp', image: BOOTCAMP }]);
    let out = '';
    let ended = false;
    const sub = s.c.api.stream!(
      { verb: 'POST', path: '/api/v1/namespaces/default/pods/kb/exec', query: { command: '["bash"]', stdin: 'true', tty: 'true' } },
      { data: (d) => (out += d), end: () => (ended = true) },
    ) as { write(s: string): void };
    sub.write('cat /etc/hostname\n');
    sub.write('exit\n');
    expect(out).toBe('root@kb:/# kb\nroot@kb:/# exit\n');
    expect(ended).toBe(true);
  });

  it('follows logs as new lines arrive', () => {
    const s = setup();
    running(s, 'loop', [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 2; done'] }]);
    let out = '';
    const sub = s.c.api.stream!({ verb: 'GET', path: '/api/v1/namespaces/default/pods/loop/log', query: { follow: 'true' } }, { data: (d) => (out += d), end: () => {} }) as { stop(): void };
    expect(out).toBe('tick 1\n');
    s.advance(4000);
    expect(out).toBe('tick 1\ntick 2\ntick 3\n');
    sub.stop();
    s.advance(4000);
    expect(out).toBe('tick 1\ntick 2\ntick 3\n');
  });

  it('explains why logs are not available yet', () => {
    const s = setup();
    s.createPod('bad', [{ name: 'app', image: 'nginx:v10' }]);
    s.advance(0);
    const r = s.req('GET', '/api/v1/namespaces/default/pods/bad/log');
    expect(r.status).toBe(400);
    expect((r.body as any).message).toBe('container "app" in pod "bad" is waiting to start: ContainerCreating');
    s.advance(6000);
    expect((s.req('GET', '/api/v1/namespaces/default/pods/bad/log').body as any).message).toMatch(/is waiting to start: (trying and failing to pull image|image can't be pulled)$/);
    expect((s.req('GET', '/api/v1/namespaces/default/pods/bad/log', undefined, { previous: 'true' }).body as any).message).toBe('previous terminated container "app" in pod "bad" not found');
    s.createPod('two', [{ name: 'a', image: 'nginx:1.25' }, { name: 'b', image: 'nginx:1.25' }]);
    expect((s.req('GET', '/api/v1/namespaces/default/pods/two/log').body as any).message).toBe('a container name must be specified for pod two, choose one of: [a b]');
  });
});

describe('runtime.serveHttp', () => {
  it('answers per image and refuses on a wrong port', () => {
    const s = setup();
    const ng = running(s, 'ng', [{ name: 'nginx', image: 'nginx' }]);
    const hd = running(s, 'hd', [{ name: 'httpd', image: 'httpd:2.4' }]);
    const ha = running(s, 'ha', [{ name: 'hello', image: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app:1.0' }]);
    const v2 = running(s, 'v2', [{ name: 'kb', image: 'docker.io/jocatalin/kubernetes-bootcamp:v2' }]);
    const rd = running(s, 'rd', [{ name: 'redis', image: 'redis' }]);
    const get = { method: 'GET', path: '/', headers: { 'User-Agent': 'curl/8.5.0' } };
    const rt = s.fleet.runtime;
    const r = rt.serveHttp(ng.status.podIP, 80, get) as any;
    expect(r.status).toBe(200);
    expect(r.body).toBe(NGINX_WELCOME);
    expect(r.headers['Content-Length']).toBe('615');
    expect((rt.serveHttp(ng.status.podIP, 80, { ...get, path: '/x' }) as any).status).toBe(404);
    expect(rt.serveHttp(ng.status.podIP, 8080, get)).toEqual({ error: 'refused' });
    expect((rt.serveHttp(hd.status.podIP, 80, get) as any).body).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect((rt.serveHttp(ha.status.podIP, 8080, get) as any).body).toBe('Hello, world!\nVersion: 1.0.0\nHostname: ha\n');
    expect((rt.serveHttp(v2.status.podIP, 8080, get) as any).body).toBe('Hello Kubernetes bootcamp! | Running on: v2 | v=2\n');
    expect(rt.serve(rd.status.podIP, 6379, get)).toEqual({ error: 'empty' });
    expect(rt.serveHttp(rd.status.podIP, 6379, get)).toEqual({ error: 'refused' });
    expect(rt.listening(rd.status.podIP, 6379)).toBe(true);
    const nlog = s.req('GET', '/api/v1/namespaces/default/pods/ng/log').body as string;
    expect(nlog.split('\n')[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(nlog).toMatch(/\n2026\/11\/23 09:00:\d\d \[notice\] 1#1: nginx\/1\.27\.3\n/);
    expect(nlog).toMatch(/\n10\.244\.\d\.1 - - \[23\/Nov\/2026:09:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"\n/);
    // A stopped node's pods stop answering.
    s.fleet.stop('node01');
    expect(rt.serveHttp(ng.status.podIP, 80, get)).toEqual({ error: 'timeout' });
  });

  it('serves changed files and refuses once the container is gone', () => {
    const s = setup();
    const ng = running(s, 'ng', [{ name: 'nginx', image: 'nginx:1.25' }]);
    const r = s.req('POST', '/api/v1/namespaces/default/pods/ng/exec', undefined, { command: JSON.stringify(['sh', '-c', 'echo hello from pod > /usr/share/nginx/html/index.html']) });
    expect((r.body as any).exitCode).toBe(0);
    expect((s.fleet.runtime.serveHttp(ng.status.podIP, 80, { method: 'GET', path: '/' }) as any).body).toBe('hello from pod\n');
    s.req('DELETE', '/api/v1/namespaces/default/pods/ng');
    s.advance(2000);
    expect(s.fleet.runtime.serveHttp(ng.status.podIP, 80, { method: 'GET', path: '/' })).toEqual({ error: 'timeout' });
  });

  it('crashes mysql without its password and runs it with one', () => {
    const s = setup();
    s.createPod('db', [{ name: 'mysql', image: 'mysql:8.4' }]);
    s.createPod('db2', [{ name: 'mysql', image: 'mysql:8.4', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }] }]);
    s.advance(15_000);
    const log = s.req('GET', '/api/v1/namespaces/default/pods/db/log', undefined, { previous: 'true' }).body as string;
    expect(log).toContain('[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified');
    expect(s.pod('db').status.containerStatuses[0].restartCount).toBeGreaterThan(0);
    expect(s.pod('db2').status.containerStatuses[0].restartCount).toBe(0);
    expect(s.fleet.runtime.listening(s.pod('db2').status.podIP, 3306)).toBe(true);
  });
});

describe('agnhost (the hello-minikube tutorial image)', () => {
  it('netexec serves NOW: with Go time text and logs in klog form; the default subcommand pauses', () => {
    const s = setup();
    const p = running(s, 'hn', [{ name: 'agnhost', image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', command: ['/agnhost', 'netexec', '--http-port=8080'] }]);
    s.advance(2500);
    const r = s.fleet.runtime.serveHttp(p.status.podIP, 8080, { method: 'GET', path: '/', headers: {} }) as any;
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/^NOW: 2026-11-23 09:00:\d\d(\.\d{1,3})? \+0000 UTC m=\+2\.5\d{8}$/);
    const log = s.req('GET', '/api/v1/namespaces/default/pods/hn/log').body as string;
    expect(log.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^I1123 09:00:\d\d\.\d{6} {7}1 log\.go:195\] Started HTTP server on port 8080$/),
      expect.stringMatching(/^I1123 09:00:\d\d\.\d{6} {7}1 log\.go:195\] Started UDP server on port  8081$/),
      expect.stringMatching(/\] GET \/$/),
    ]);
    const idle = running(s, 'idle', [{ name: 'agnhost', image: 'registry.k8s.io/e2e-test-images/agnhost:2.39' }]);
    expect(idle.status.phase).toBe('Running');
    expect(s.req('GET', '/api/v1/namespaces/default/pods/idle/log').body).toBe('Paused\n');
  });
});
