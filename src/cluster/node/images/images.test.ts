import { describe, expect, it } from 'vitest';
import { normalizeImage, defaultPullPolicy } from './ref';
import { resolveImage } from './catalog';

describe('images', () => {
  it('normalises references as containerd does', () => {
    expect(normalizeImage('nginx').full).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:1.27').full).toBe('docker.io/library/nginx:1.27');
    expect(normalizeImage('jocatalin/kubernetes-bootcamp:v2').full).toBe('docker.io/jocatalin/kubernetes-bootcamp:v2');
    expect(normalizeImage('gcr.io/google-samples/kubernetes-bootcamp:v1').full).toBe('gcr.io/google-samples/kubernetes-bootcamp:v1');
    expect(normalizeImage('localhost:5000/app').full).toBe('localhost:5000/app:latest');
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.25')).toBe('IfNotPresent');
  });

  it('resolves known tags and fails others with containerd messages', () => {
    const ok = resolveImage('nginx:1.25');
    expect(ok.ok && ok.image.imageID).toBe('docker.io/library/nginx@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d');
    const tag = resolveImage('nginx:v10');
    expect(!tag.ok && tag.code).toBe('NotFound');
    expect(!tag.ok && tag.message).toBe('failed to pull and unpack image "docker.io/library/nginx:v10": failed to resolve reference "docker.io/library/nginx:v10": docker.io/library/nginx:v10: not found');
    const repo = resolveImage('nginxx');
    expect(!repo.ok && repo.code).toBe('Unknown');
    expect(resolveImage('gcr.io/google-samples/kubernetes-bootcamp:v10').ok).toBe(false);
    expect(resolveImage('docker.io/jocatalin/kubernetes-bootcamp:v2').ok).toBe(true);
  });

  it('serves the kube-system images kubeadm and minikube run', () => {
    for (const ref of [
      'registry.k8s.io/etcd:3.5.16-0',
      'registry.k8s.io/kube-apiserver:v1.32.0',
      'registry.k8s.io/kube-controller-manager:v1.32.0',
      'registry.k8s.io/kube-scheduler:v1.32.0',
      'registry.k8s.io/kube-proxy:v1.32.0',
      'registry.k8s.io/coredns/coredns:v1.11.3',
      'gcr.io/k8s-minikube/storage-provisioner:v5',
    ]) {
      const r = resolveImage(ref);
      expect(r.ok, ref).toBe(true);
      expect(r.ok && r.image.image.shell).toBe('none');
    }
  });
});
