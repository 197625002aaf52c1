import { describe, expect, it } from 'vitest';
import { startServiceAccountController, ROOT_CA_CONFIGMAP, ROOT_CA_PEM } from './index';
import { startNamespaceController } from '../namespace';
import { testCluster } from '../replicaset/testutil';

function setup() {
  const t = testCluster();
  startServiceAccountController(t.ctx);
  t.ctx.informers.start();
  t.c.clock.advance(1);
  return t;
}

describe('serviceaccount controller and root CA publisher', () => {
  it('gives every namespace a default ServiceAccount and kube-root-ca.crt', () => {
    const t = setup();
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      // kube-system also holds the accounts of its workloads (CoreDNS, kube-proxy).
      expect(t.list(`/api/v1/namespaces/${ns}/serviceaccounts`).map((s) => s.metadata.name)).toEqual(ns === 'kube-system' ? ['coredns', 'default', 'kube-proxy'] : ['default']);
      const cm = t.get(`/api/v1/namespaces/${ns}/configmaps/${ROOT_CA_CONFIGMAP}`)!;
      expect(cm.data).toEqual({ 'ca.crt': ROOT_CA_PEM });
      expect(cm.metadata.annotations!['kubernetes.io/description']).toMatch(/^Contains a CA bundle/);
    }
    t.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    t.c.clock.advance(1);
    expect(t.list('/api/v1/namespaces/team-a/serviceaccounts').map((s) => s.metadata.name)).toEqual(['default']);
    expect(t.get(`/api/v1/namespaces/team-a/configmaps/${ROOT_CA_CONFIGMAP}`)).toBeDefined();
    expect(ROOT_CA_PEM).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/);
  });

  it('recreates the default ServiceAccount and restores the CA ConfigMap', () => {
    const t = setup();
    const before = t.get('/api/v1/namespaces/default/serviceaccounts/default')!;
    t.call({ verb: 'DELETE', path: '/api/v1/namespaces/default/serviceaccounts/default' });
    t.call({
      verb: 'PATCH',
      path: `/api/v1/namespaces/default/configmaps/${ROOT_CA_CONFIGMAP}`,
      contentType: 'application/merge-patch+json',
      body: JSON.stringify({ data: { 'ca.crt': 'tampered' } }),
    });
    t.c.clock.advance(1);
    const after = t.get('/api/v1/namespaces/default/serviceaccounts/default')!;
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(t.get(`/api/v1/namespaces/default/configmaps/${ROOT_CA_CONFIGMAP}`)!.data).toEqual({ 'ca.crt': ROOT_CA_PEM });
    t.call({ verb: 'DELETE', path: `/api/v1/namespaces/default/configmaps/${ROOT_CA_CONFIGMAP}` });
    t.c.clock.advance(1);
    expect(t.get(`/api/v1/namespaces/default/configmaps/${ROOT_CA_CONFIGMAP}`)).toBeDefined();
  });

  it('lets a terminating namespace go instead of fighting the namespace controller', () => {
    const t = testCluster();
    startServiceAccountController(t.ctx);
    startNamespaceController(t.ctx);
    t.ctx.informers.start();
    t.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    t.c.clock.advance(1);
    expect(t.list('/api/v1/namespaces/gone/serviceaccounts')).toHaveLength(1);
    t.call({ verb: 'DELETE', path: '/api/v1/namespaces/gone' });
    t.c.clock.advance(1);
    expect(t.get('/api/v1/namespaces/gone')).toBeUndefined();
    expect(t.ctx.informers.for('serviceaccounts').list('gone')).toEqual([]);
  });
});
