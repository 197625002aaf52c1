import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types';
import { Rand } from '../../../machinery/rand';
import { serviceStrategy } from './service';
import { intToIp, ipToInt, IP_RANGE_OFFSET, PORT_RANGE_OFFSET } from './service-alloc';
import { failure, fakeContext, runCreate, runUpdate, type FakeContext } from './test-context';

type Svc = KubeObject & { spec: Record<string, any>; status?: Record<string, any> };

function svc(name: string, spec: Record<string, unknown>, namespace = 'default'): Svc {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec } as Svc;
}
const create = (ctx: FakeContext, o: KubeObject) => runCreate(serviceStrategy, o, ctx, 'services', 'Service') as Svc;
const update = (ctx: FakeContext, o: KubeObject, old: KubeObject) => runUpdate(serviceStrategy, o, old, ctx, 'services', 'Service') as Svc;
const createErr = (ctx: FakeContext, o: KubeObject) => failure(() => create(ctx, o)).message;
const updateErr = (ctx: FakeContext, o: KubeObject, old: KubeObject) => failure(() => update(ctx, o, old)).message;

/** What the allocator must hand out first for a seed: offset + rand.int(size - offset). */
function expectedFirstIP(seed: number): string {
  const r = new Rand(seed);
  return intToIp(ipToInt('10.96.0.0') + 1 + IP_RANGE_OFFSET + r.int((1 << 20) - 2 - IP_RANGE_OFFSET));
}

describe('services: defaults', () => {
  it('fills a ClusterIP service exactly as the stored fixture shows it', () => {
    const ctx = fakeContext();
    const out = create(ctx, svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }], clusterIP: '10.96.120.15' }));
    // spec of `web` in kubectl-golden/fixtures/state/30-services.json
    expect(out.spec).toEqual({
      ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
      selector: { app: 'web' },
      clusterIP: '10.96.120.15',
      clusterIPs: ['10.96.120.15'],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    });
    expect(out.status).toEqual({ loadBalancer: {} });
  });

  it('fills a NodePort service like the fixture web-np', () => {
    const ctx = fakeContext();
    const out = create(ctx, svc('web-np', { type: 'NodePort', selector: { app: 'web' }, clusterIP: '10.101.7.200', ports: [{ name: 'http', port: 8080, targetPort: 80, nodePort: 30080 }] }));
    // spec of `web-np` in kubectl-golden/fixtures/state/30-services.json
    expect(out.spec).toEqual({
      ports: [{ name: 'http', protocol: 'TCP', port: 8080, targetPort: 80, nodePort: 30080 }],
      selector: { app: 'web' },
      clusterIP: '10.101.7.200',
      clusterIPs: ['10.101.7.200'],
      type: 'NodePort',
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    });
  });

  it('defaults LoadBalancer services: allocateLoadBalancerNodePorts and externalTrafficPolicy', () => {
    const out = create(fakeContext(), svc('lb', { type: 'LoadBalancer', ports: [{ port: 443, targetPort: 'https' }] }));
    expect(out.spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(out.spec.externalTrafficPolicy).toBe('Cluster');
    expect(out.spec.ports[0]).toMatchObject({ protocol: 'TCP', port: 443, targetPort: 'https' });
    expect(out.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('defaults ClientIP affinity to a 10800 s timeout', () => {
    const out = create(fakeContext(), svc('a', { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }));
    expect(out.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });
});

describe('services: ClusterIP allocation', () => {
  it('allocates from the upper band of 10.96.0.0/12, deterministically per seed', () => {
    const a = create(fakeContext(42), svc('a', { ports: [{ port: 80 }] }));
    const b = create(fakeContext(42), svc('a', { ports: [{ port: 80 }] }));
    expect(a.spec.clusterIP).toBe(expectedFirstIP(42));
    expect(a.spec.clusterIP).toBe(b.spec.clusterIP);
    expect(a.spec.clusterIPs).toEqual([a.spec.clusterIP]);
    expect(ipToInt(a.spec.clusterIP)).toBeGreaterThanOrEqual(ipToInt('10.96.1.1'));
    expect(ipToInt(a.spec.clusterIP)).toBeLessThanOrEqual(ipToInt('10.111.255.254'));
  });

  it('hands out distinct IPs and never the static band', () => {
    const ctx = fakeContext(3);
    const ips = new Set<string>();
    for (let i = 0; i < 50; i++) ips.add(create(ctx, svc(`s${i}`, { ports: [{ port: 80 }] })).spec.clusterIP);
    expect(ips.size).toBe(50);
    for (const ip of ips) expect(ipToInt(ip)).toBeGreaterThan(ipToInt('10.96.1.0'));
  });

  it('honours requested IPs such as kubernetes (10.96.0.1) and kube-dns (10.96.0.10)', () => {
    const ctx = fakeContext();
    expect(create(ctx, svc('kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] })).spec.clusterIPs).toEqual(['10.96.0.1']);
    expect(create(ctx, svc('kube-dns', { clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP' }] }, 'kube-system')).spec.clusterIP).toBe('10.96.0.10');
  });

  it('rejects an IP another service holds, in any namespace', () => {
    const ctx = fakeContext();
    create(ctx, svc('kube-dns', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] }, 'kube-system'));
    expect(createErr(ctx, svc('dns2', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] }))).toBe(
      'Service "dns2" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
  });

  it('rejects an IP outside the service range', () => {
    expect(createErr(fakeContext(), svc('x', { clusterIP: '192.168.0.1', ports: [{ port: 80 }] }))).toBe(
      'Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.0.1"}: failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('rejects a malformed clusterIP before allocating', () => {
    expect(createErr(fakeContext(), svc('x', { clusterIP: '10.96.0.300', ports: [{ port: 80 }] }))).toBe(
      'Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
  });

  it('releases the IP once the service is gone, and a dry run keeps nothing', () => {
    const ctx = fakeContext();
    create(ctx, svc('a', { clusterIP: '10.96.0.50', ports: [{ port: 80 }] }));
    expect(createErr(ctx, svc('b', { clusterIP: '10.96.0.50', ports: [{ port: 80 }] }))).toContain('provided IP is already allocated');
    serviceStrategy.afterDelete?.(ctx.remove('services', 'default', 'a')!, ctx);
    expect(create(ctx, svc('b', { clusterIP: '10.96.0.50', ports: [{ port: 80 }] })).spec.clusterIP).toBe('10.96.0.50');
    const dry = fakeContext(1, true);
    create(dry, svc('c', { clusterIP: '10.96.0.60', ports: [{ port: 80 }] }));
    expect(create(dry, svc('d', { clusterIP: '10.96.0.60', ports: [{ port: 80 }] })).spec.clusterIP).toBe('10.96.0.60');
  });

  it('gives headless services no IP; selectorless ones are RequireDualStack', () => {
    const ctx = fakeContext();
    const h = create(ctx, svc('h', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }));
    expect(h.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    const h2 = create(ctx, svc('h2', { clusterIP: 'None' }));
    expect(h2.spec).toMatchObject({ clusterIPs: ['None'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' });
  });

  it('gives ExternalName services neither IPs nor families', () => {
    const e = create(fakeContext(), svc('ext', { type: 'ExternalName', externalName: 'example.com' }));
    expect(e.spec).toEqual({ type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' });
  });

  it('rejects dual-stack requests on this single-stack cluster', () => {
    expect(createErr(fakeContext(), svc('d', { ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] }))).toBe(
      'Service "d" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    );
    expect(createErr(fakeContext(), svc('d', { ipFamilies: ['IPv6'], ports: [{ port: 80 }] }))).toBe(
      'Service "d" is invalid: spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster',
    );
  });
});

describe('services: NodePort allocation', () => {
  it('allocates from 30000-32767 above the static band, deterministically', () => {
    const out = create(fakeContext(9), svc('np', { type: 'NodePort', ports: [{ port: 80 }] }));
    const r = new Rand(9);
    r.int((1 << 20) - 2 - IP_RANGE_OFFSET); // the ClusterIP comes first
    expect(out.spec.ports[0].nodePort).toBe(30000 + PORT_RANGE_OFFSET + r.int(2768 - PORT_RANGE_OFFSET));
    expect(out.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(out.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
  });

  it('shares one node port between the TCP and UDP entries of one service port', () => {
    const out = create(fakeContext(), svc('dns', { type: 'NodePort', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] }));
    expect(out.spec.ports[0].nodePort).toBe(out.spec.ports[1].nodePort);
  });

  it('rejects a node port held by another service', () => {
    const ctx = fakeContext();
    create(ctx, svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(createErr(ctx, svc('b', { type: 'NodePort', ports: [{ port: 8080, nodePort: 30080 }] }, 'other'))).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
  });

  it('rejects a node port outside the range', () => {
    expect(createErr(fakeContext(), svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }))).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('releases node ports with the service; dry runs hold none', () => {
    const ctx = fakeContext();
    create(ctx, svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30500 }] }));
    ctx.remove('services', 'default', 'a');
    expect(create(ctx, svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30500 }] })).spec.ports[0].nodePort).toBe(30500);
    const dry = fakeContext(1, true);
    create(dry, svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30501 }] }));
    expect(create(dry, svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30501 }] })).spec.ports[0].nodePort).toBe(30501);
  });

  it('allocates no node ports for a LoadBalancer with allocateLoadBalancerNodePorts false', () => {
    const out = create(fakeContext(), svc('lb', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }] }));
    expect(out.spec.ports[0].nodePort).toBeUndefined();
  });

  it('allocates a health-check node port for LoadBalancer with externalTrafficPolicy Local', () => {
    const out = create(fakeContext(), svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }));
    expect(out.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(out.spec.healthCheckNodePort).not.toBe(out.spec.ports[0].nodePort);
  });
});

describe('services: validation messages', () => {
  const ctx = () => fakeContext();
  it('requires ports', () => {
    expect(createErr(ctx(), svc('a', {}))).toBe('Service "a" is invalid: spec.ports: Required value');
  });
  it('checks the port range', () => {
    expect(createErr(ctx(), svc('a', { ports: [{ port: 70000 }] }))).toBe(
      'Service "a" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    );
  });
  it('reports duplicate ports with the Go value of the key', () => {
    expect(createErr(ctx(), svc('a', { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }))).toBe(
      'Service "a" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    );
  });
  it('reports duplicate and missing port names', () => {
    expect(createErr(ctx(), svc('a', { ports: [{ name: 'web', port: 80 }, { name: 'web', port: 81 }] }))).toBe(
      'Service "a" is invalid: spec.ports[1].name: Duplicate value: "web"',
    );
    expect(createErr(ctx(), svc('a', { ports: [{ port: 80 }, { port: 81 }] }))).toBe(
      'Service "a" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
    );
  });
  it('lists the supported protocols and types', () => {
    expect(createErr(ctx(), svc('a', { ports: [{ port: 80, protocol: 'HTTP' }] }))).toBe(
      'Service "a" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    );
    expect(createErr(ctx(), svc('a', { type: 'Magic', ports: [{ port: 80 }] }))).toBe(
      'Service "a" is invalid: spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
  });
  it('forbids nodePort on ClusterIP services', () => {
    expect(createErr(ctx(), svc('a', { ports: [{ port: 80, nodePort: 30001 }] }))).toBe(
      "Service \"a\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
  });
  it('requires a DNS-1123 subdomain externalName', () => {
    expect(createErr(ctx(), svc('a', { type: 'ExternalName' }))).toBe('Service "a" is invalid: spec.externalName: Required value');
    expect(createErr(ctx(), svc('a', { type: 'ExternalName', externalName: 'Bad_Host' }))).toBe(
      "Service \"a\" is invalid: spec.externalName: Invalid value: \"Bad_Host\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });
  it('validates selector labels', () => {
    expect(createErr(ctx(), svc('a', { selector: { app: 'bad value' }, ports: [{ port: 80 }] }))).toBe(
      "Service \"a\" is invalid: spec.selector: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  });
  it('validates port names and target port names', () => {
    expect(createErr(ctx(), svc('a', { ports: [{ name: 'Web', port: 80, targetPort: 'http--x' }] }))).toBe(
      "Service \"a\" is invalid: [spec.ports[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'), spec.ports[0].targetPort: Invalid value: \"http--x\": must not contain consecutive hyphens]",
    );
  });
});

describe('services: updates', () => {
  function setup() {
    const ctx = fakeContext(5);
    const old = create(ctx, svc('np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, nodePort: 30080 }] }));
    return { ctx, old };
  }

  it('refuses a changed clusterIP', () => {
    const { ctx, old } = setup();
    const next = JSON.parse(JSON.stringify(old)) as Svc;
    next.spec.clusterIP = '10.96.5.5';
    expect(updateErr(ctx, next, old)).toBe('Service "np" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.5.5"}: may not change once set');
  });

  it('keeps clusterIP and nodePorts a PUT leaves out', () => {
    const { ctx, old } = setup();
    const put = svc('np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] });
    const out = update(ctx, put, old);
    expect(out.spec.clusterIP).toBe(old.spec.clusterIP);
    expect(out.spec.clusterIPs).toEqual(old.spec.clusterIPs);
    expect(out.spec.ports[0].nodePort).toBe(30080);
  });

  it('allocates a node port for a port added by an update and checks requested ones', () => {
    const { ctx, old } = setup();
    create(ctx, svc('other', { type: 'NodePort', ports: [{ port: 1, nodePort: 30090 }] }));
    const next = JSON.parse(JSON.stringify(old)) as Svc;
    next.spec.ports.push({ name: 'admin', port: 81 });
    const out = update(ctx, next, old);
    expect(out.spec.ports[0].nodePort).toBe(30080);
    expect(out.spec.ports[1].nodePort).toBeGreaterThanOrEqual(30086);
    const bad = JSON.parse(JSON.stringify(old)) as Svc;
    bad.spec.ports.push({ name: 'admin', port: 81, nodePort: 30090 });
    expect(updateErr(ctx, bad, old)).toBe('Service "np" is invalid: spec.ports[1].nodePort: Invalid value: 30090: provided port is already allocated');
  });

  it('NodePort -> ClusterIP drops node ports and externalTrafficPolicy, releasing the port', () => {
    const { ctx, old } = setup();
    const next = JSON.parse(JSON.stringify(old)) as Svc;
    next.spec.type = 'ClusterIP';
    const out = update(ctx, next, old);
    expect(out.spec.ports[0].nodePort).toBeUndefined();
    expect(out.spec.externalTrafficPolicy).toBeUndefined();
    expect(out.spec.clusterIP).toBe(old.spec.clusterIP);
    expect(create(ctx, svc('reuse', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })).spec.ports[0].nodePort).toBe(30080);
  });

  it('ClusterIP -> NodePort allocates node ports and defaults externalTrafficPolicy', () => {
    const ctx = fakeContext(5);
    const old = create(ctx, svc('web', { ports: [{ port: 80 }] }));
    const next = JSON.parse(JSON.stringify(old)) as Svc;
    next.spec.type = 'NodePort';
    const out = update(ctx, next, old);
    expect(out.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(out.spec.externalTrafficPolicy).toBe('Cluster');
  });

  it('ExternalName <-> ClusterIP allocates and releases the cluster IP', () => {
    const ctx = fakeContext(5);
    const ext = create(ctx, svc('e', { type: 'ExternalName', externalName: 'example.com', ports: [{ port: 80 }] }));
    const toCIP = JSON.parse(JSON.stringify(ext)) as Svc;
    toCIP.spec.type = 'ClusterIP';
    delete toCIP.spec.externalName;
    const cip = update(ctx, toCIP, ext);
    expect(cip.spec.clusterIP).toMatch(/^10\./);
    expect(cip.spec).toMatchObject({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' });
    const back = JSON.parse(JSON.stringify(cip)) as Svc;
    back.spec.type = 'ExternalName';
    back.spec.externalName = 'example.org';
    const out = update(ctx, back, cip);
    expect(out.spec.clusterIP).toBeUndefined();
    expect(out.spec.clusterIPs).toBeUndefined();
    expect(out.spec.ipFamilies).toBeUndefined();
    expect(out.spec.ipFamilyPolicy).toBeUndefined();
  });

  it('keeps status from the stored object on main-resource updates', () => {
    const ctx = fakeContext();
    const old = create(ctx, svc('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] }));
    old.status = { loadBalancer: { ingress: [{ ip: '172.18.255.1' }] } };
    const next = JSON.parse(JSON.stringify(old)) as Svc;
    next.status = { loadBalancer: {} };
    expect(update(ctx, next, old).status).toEqual({ loadBalancer: { ingress: [{ ip: '172.18.255.1' }] } });
  });
});
