// The generated schemas (scripts/gen-openapi.mjs) and the generator's own behaviour.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KINDS, SCHEMAS, getSchema } from './schemas';

const ROOT = path.resolve(__dirname, '../../../..');
const SCRIPT = path.join(ROOT, 'scripts', 'gen-openapi.mjs');
const OUT = path.join(ROOT, 'src', 'generated', 'k8s-schemas.json');

describe('generated schemas', () => {
  it('has Pod with descriptions down to spec.containers', () => {
    const pod = getSchema('io.k8s.api.core.v1.Pod')!;
    expect(pod.description).toMatch(/^Pod is a collection of containers/);
    expect(pod['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(pod.properties!.spec.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }]);
    expect(pod.properties!.spec.description).toMatch(/Specification of the desired behavior of the pod/);
    const containers = getSchema('io.k8s.api.core.v1.PodSpec')!.properties!.containers;
    expect(containers.type).toBe('array');
    expect(containers.items).toEqual({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }], default: {} });
    expect(containers.description).toMatch(/^List of containers belonging to the pod/);
    expect(containers['x-kubernetes-patch-merge-key']).toBe('name');
    expect(getSchema('io.k8s.api.core.v1.PodSpec')!.required).toEqual(['containers']);
  });

  it('has Deployment with its group-version-kind and integer fields', () => {
    expect(getSchema('io.k8s.api.apps.v1.Deployment')!['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
    const spec = getSchema('io.k8s.api.apps.v1.DeploymentSpec')!;
    expect(spec.properties!.replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(spec.required).toEqual(['selector', 'template']);
    expect(spec.properties!.template.default).toEqual({});
    expect(getSchema('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')!.properties!.generation).toMatchObject({ type: 'integer', format: 'int64' });
    expect(getSchema('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')!.properties!.labels).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'string', default: '' },
    });
  });

  it('has the apimachinery scalar types as the real documents shape them', () => {
    expect(getSchema('io.k8s.apimachinery.pkg.api.resource.Quantity')!.oneOf).toEqual([{ type: 'string' }, { type: 'number' }]);
    expect(getSchema('io.k8s.apimachinery.pkg.util.intstr.IntOrString')).toMatchObject({ format: 'int-or-string' });
    expect(getSchema('io.k8s.apimachinery.pkg.apis.meta.v1.Time')).toMatchObject({ type: 'string', format: 'date-time' });
    expect(getSchema('io.k8s.api.apps.v1.RollingUpdateDeployment')!.properties!.maxSurge.allOf).toEqual([
      { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
    ]);
    expect(getSchema('io.k8s.api.core.v1.ResourceRequirements')!.properties!.limits.additionalProperties).toEqual({
      $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity',
    });
  });

  it('lists kinds for the editor', () => {
    expect(KINDS).toContainEqual({ group: 'apps', version: 'v1', kind: 'Deployment', definition: 'io.k8s.api.apps.v1.Deployment' });
    expect(Object.keys(SCHEMAS).length).toBeGreaterThan(400);
  });

  it('regenerates the same bytes, quickly', () => {
    const before = fs.readFileSync(OUT, 'utf8');
    const t0 = Date.now();
    execFileSync(process.execPath, [SCRIPT], { cwd: ROOT, stdio: 'pipe' });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(fs.readFileSync(OUT, 'utf8')).toBe(before);
  });

  it('fails with a clear message when kubernetes-types is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-openapi-'));
    try {
      fs.mkdirSync(path.join(dir, 'scripts'));
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.copyFileSync(SCRIPT, path.join(dir, 'scripts', 'gen-openapi.mjs'));
      fs.symlinkSync(path.join(ROOT, 'node_modules', 'typescript'), path.join(dir, 'node_modules', 'typescript'));
      const r = spawnSync(process.execPath, [path.join(dir, 'scripts', 'gen-openapi.mjs')], { encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/kubernetes-types is missing/);
      expect(fs.existsSync(path.join(dir, 'src', 'generated', 'k8s-schemas.json'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
