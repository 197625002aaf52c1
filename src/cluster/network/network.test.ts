import { describe, expect, it } from 'vitest';
import { createNetwork, type Backend } from './network';
import { kubeDnsService } from './kube-dns';
import { startEndpointSliceController } from '../controllers/endpointslice/controller';
import { startEndpointsController } from '../controllers/endpoints/controller';
import { harness, makePod, makeService } from '../controllers/endpoints/test-helpers';

/** Every pod answers on 80 with its IP; nothing else listens. */
const echo: Backend = {
  serveHttp: (ip, port) => (port === 80 ? { status: 200, headers: { 'Content-Type': 'text/plain' }, body: `hello from ${ip}\n` } : { error: 'refused' }),
};

function setup(seed = 1, topology?: string) {
  const h = harness({ seed, topology });
  startEndpointsController(h.ctx);
  startEndpointSliceController(h.ctx);
  const net = createNetwork(h.ctx, echo);
  h.ctx.informers.start();
  return { h, net };
}

function fourPods(h: ReturnType<typeof setup>['h']) {
  makePod(h, 'web-1', { ip: '10.244.1.5', node: 'node01' });
  makePod(h, 'web-2', { ip: '10.244.1.6', node: 'node01' });
  makePod(h, 'web-3', { ip: '10.244.2.5', node: 'node02' });
  makePod(h, 'web-4', { ip: '10.244.2.6', node: 'node02' });
}

describe('network', () => {
  it('reaches a NodePort on every node IP, and is refused once the service is gone', () => {
    const { h, net } = setup();
    const svc = makeService(h, 'web', { type: 'NodePort' });
    fourPods(h);
    h.settle();
    const nodePort = (svc.spec as { ports: { nodePort: number }[] }).ports[0].nodePort;
    for (const ip of ['172.18.0.2', '172.18.0.3', '172.18.0.4']) {
      const r = net.request(undefined, `http://${ip}:${nodePort}`);
      expect(r).toMatchObject({ status: 200, body: expect.stringMatching(/^hello from 10\.244\.[12]\.[56]\n$/) });
    }
    h.client.delete('services', 'default', 'web');
    h.settle();
    expect(net.request(undefined, `http://172.18.0.2:${nodePort}`)).toEqual({
      error: 'refused',
      message: `Failed to connect to 172.18.0.2 port ${nodePort} after 0 ms: Couldn't connect to server`,
      curlCode: 7,
      elapsedMs: 0,
    });
  });

  it('works on the minikube node IP', () => {
    const { h, net } = setup(1, 'minikube');
    const svc = makeService(h, 'kubernetes-bootcamp', { type: 'NodePort', ports: [{ port: 8080, targetPort: 80 }] });
    makePod(h, 'bootcamp', { ip: '10.244.0.3', node: 'minikube' });
    h.settle();
    const nodePort = (svc.spec as { ports: { nodePort: number }[] }).ports[0].nodePort;
    expect(net.request(undefined, `http://192.168.49.2:${nodePort}`)).toMatchObject({ status: 200, body: 'hello from 10.244.0.3\n' });
  });

  it('spreads ClusterIP connections uniformly and deterministically for a seed', () => {
    const run = (seed: number) => {
      const { h, net } = setup(seed);
      const svc = makeService(h, 'web', {});
      fourPods(h);
      h.settle();
      const ip = (svc.spec as { clusterIP: string }).clusterIP;
      const counts: Record<string, number> = {};
      const seq: string[] = [];
      for (let i = 0; i < 4000; i++) {
        const r = net.resolve('10.244.1.5', ip, 80);
        if ('error' in r) throw new Error(r.error);
        counts[r.ip] = (counts[r.ip] ?? 0) + 1;
        if (i < 20) seq.push(r.ip);
      }
      return { counts, seq };
    };
    const a = run(7);
    expect(Object.keys(a.counts).sort()).toEqual(['10.244.1.5', '10.244.1.6', '10.244.2.5', '10.244.2.6']);
    for (const n of Object.values(a.counts)) expect(Math.abs(n - 1000)).toBeLessThan(120);
    expect(run(7).seq).toEqual(a.seq);
    expect(run(8).seq).not.toEqual(a.seq);
  });

  it('sticks to one endpoint with ClientIP session affinity until the timeout', () => {
    const { h, net } = setup();
    const svc = makeService(h, 'web', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } });
    fourPods(h);
    h.settle();
    const ip = (svc.spec as { clusterIP: string }).clusterIP;
    const first = net.resolve('10.244.1.5', ip, 80);
    for (let i = 0; i < 20; i++) expect(net.resolve('10.244.1.5', ip, 80)).toMatchObject({ ip: (first as { ip: string }).ip });
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      h.c.clock.advance(61_000);
      seen.add((net.resolve('10.244.1.5', ip, 80) as { ip: string }).ip);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('refuses a ClusterIP without endpoints, times out on unknown addresses and ports', () => {
    const { h, net } = setup();
    const svc = makeService(h, 'web', {});
    makePod(h, 'notready', { ip: '10.244.1.5', ready: false });
    h.settle();
    const ip = (svc.spec as { clusterIP: string }).clusterIP;
    expect(net.resolve(undefined, ip, 80)).toEqual({ error: 'refused', curlCode: 7, elapsedMs: 0 });
    expect(net.request('10.244.1.5', `http://${ip}/`)).toMatchObject({
      error: 'refused',
      message: `Failed to connect to ${ip} port 80 after 0 ms: Couldn't connect to server`,
    });
    expect(net.request('10.244.1.5', `http://${ip}:81/`)).toMatchObject({ error: 'timeout', curlCode: 28, message: `Failed to connect to ${ip} port 81 after 130000 ms: Couldn't connect to server` });
    expect(net.request(undefined, 'http://10.96.0.99/')).toMatchObject({ error: 'timeout', curlCode: 28 });
    expect(net.request(undefined, 'http://10.244.2.99/')).toMatchObject({ error: 'unreachable', curlCode: 7 });
    // The pod itself is reachable directly, ready or not; a closed port is refused by the runtime.
    expect(net.request(undefined, 'http://10.244.1.5/')).toMatchObject({ status: 200 });
    expect(net.request(undefined, 'http://10.244.1.5:8080/')).toMatchObject({ error: 'refused' });
    expect(net.request('10.244.1.5', 'http://localhost/')).toMatchObject({ status: 200, body: 'hello from 10.244.1.5\n' });
  });

  it('resolves service names in every form, pods, headless services and ExternalName', () => {
    const { h, net } = setup();
    // The cluster's bootstrap created kube-dns (10.96.0.10) already.
    expect(h.client.get('services', 'kube-system', 'kube-dns')?.spec).toMatchObject({ clusterIP: kubeDnsService().spec && '10.96.0.10' });
    h.client.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    const svc = makeService(h, 'web', {}, 'shop');
    const ip = (svc.spec as { clusterIP: string }).clusterIP;
    makeService(h, 'db', { clusterIP: 'None' }, 'shop');
    makePod(h, 'db-0', { ip: '10.244.1.8', hostname: 'db-0', subdomain: 'db' }, 'shop');
    makePod(h, 'client', { ip: '10.244.2.9', labels: { app: 'client' } }, 'shop');
    makePod(h, 'other', { ip: '10.244.2.10', labels: { app: 'client' } });
    makeService(h, 'ext', { type: 'ExternalName', externalName: 'web.shop.svc.cluster.local', selector: undefined, ports: undefined }, 'default');
    h.settle();
    for (const name of ['web', 'web.shop', 'web.shop.svc', 'web.shop.svc.cluster.local', 'web.shop.svc.cluster.local.']) {
      expect(net.lookup('shop', name)).toEqual({ name: 'web.shop.svc.cluster.local', addresses: [ip] });
    }
    expect(net.lookup('default', 'web')).toEqual({ error: 'NXDOMAIN', name: 'web' });
    expect(net.lookup('default', 'web.shop')).toMatchObject({ addresses: [ip] });
    expect(net.lookup('default', 'kube-dns.kube-system')).toMatchObject({ addresses: ['10.96.0.10'] });
    expect(net.lookup('default', 'kubernetes')).toMatchObject({ addresses: ['10.96.0.1'] });
    expect(net.lookup('default', '10-244-1-5.shop.pod.cluster.local')).toMatchObject({ addresses: ['10.244.1.5'] });
    expect(net.lookup('shop', 'db')).toMatchObject({ addresses: ['10.244.1.8'] });
    expect(net.lookup('shop', 'db-0.db')).toMatchObject({ name: 'db-0.db.shop.svc.cluster.local', addresses: ['10.244.1.8'] });
    expect(net.lookup('default', 'ext')).toEqual({ name: 'ext.default.svc.cluster.local', cname: 'web.shop.svc.cluster.local', addresses: [ip] });
    expect(net.resolvConf('shop')).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(net.nslookup('default', 'kubernetes.default')).toEqual({
      stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n',
      exitCode: 0,
    });
    expect(net.nslookup('default', 'nope').stdout).toContain("** server can't find nope: NXDOMAIN");
    expect(net.nslookup('default', 'kubernetes.default', 'busybox').stdout).toBe(
      'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n',
    );
    // From a pod, names resolve; from outside the cluster they do not.
    expect(net.request('10.244.2.9', 'http://web/')).toMatchObject({ status: 200, body: 'hello from 10.244.1.8\n', route: { via: 'clusterIP', service: 'shop/web' } });
    expect(net.request(undefined, 'http://web.shop/')).toMatchObject({ error: 'dns', curlCode: 6, message: 'Could not resolve host: web.shop' });
  });

  it('proxies services/NAME:PORT/proxy to an endpoint and reports missing endpoints as upstream', () => {
    const { h, net } = setup();
    const svc = makeService(h, 'web', { ports: [{ name: 'http', port: 8080, targetPort: 80 }] });
    h.settle();
    const req = { verb: 'GET' as const, path: '/x' };
    expect(net.proxyHook({ kind: 'services', object: svc, port: 'http' }, '/', req)).toMatchObject({
      status: 503,
      body: { message: 'no endpoints available for service "web"', reason: 'ServiceUnavailable' },
    });
    expect(net.proxyHook({ kind: 'services', object: svc, port: '9999' }, '/', req)).toMatchObject({
      body: { message: 'no service port 9999 found for service "web"' },
    });
    makePod(h, 'web-1', { ip: '10.244.1.5' });
    h.settle();
    expect(net.proxyHook({ kind: 'services', object: svc, port: '8080' }, '/', req)).toMatchObject({ status: 200, body: 'hello from 10.244.1.5\n' });
    const pod = h.client.get('pods', 'default', 'web-1')!;
    expect(net.proxyHook({ kind: 'pods', object: pod, port: '80' }, '/', req)).toMatchObject({ status: 200 });
    expect(net.proxyHook({ kind: 'pods', object: pod, port: '8080' }, '/', req)).toMatchObject({
      status: 503,
      body: { message: 'error trying to reach service: dial tcp 10.244.1.5:8080: connect: connection refused' },
    });
  });

  it('prints a node\'s rules in iptables-save form', () => {
    const { h, net } = setup();
    h.client.create('services', 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { clusterIP: '10.96.120.15', type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080 }] },
    });
    h.client.create('services', 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'empty' },
      spec: { clusterIP: '10.96.12.34', selector: { app: 'none' }, ports: [{ port: 80 }] },
    });
    makePod(h, 'web-1', { ip: '10.244.1.5', node: 'node01' });
    makePod(h, 'web-2', { ip: '10.244.2.6', node: 'node02' });
    h.settle();
    expect(net.iptablesSave('node01')).toMatchSnapshot();
  });
});
