// The generated schemas (scripts/gen-openapi.mjs) and the generator's own behaviour.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fullSchemas, getFullSchema as getSchema, schemaKinds } from './full-schemas';
import { getSchema as getFieldSchema } from './schemas';
import { FIELD_KEYS, fieldSchemas } from '../../../../scripts/openapi-fields.mjs';

const ROOT = path.resolve(__dirname, '../../../..');
const SCRIPT = path.join(ROOT, 'scripts', 'gen-openapi.mjs');
const OUT = path.join(ROOT, 'src', 'generated', 'k8s-schemas.json');
const FIELDS_OUT = path.join(ROOT, 'src', 'generated', 'k8s-fields.json');

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
    expect(schemaKinds()).toContainEqual({ group: 'apps', version: 'v1', kind: 'Deployment', definition: 'io.k8s.api.apps.v1.Deployment' });
    expect(Object.keys(fullSchemas()).length).toBeGreaterThan(400);
  });

  it('derives the validators\' view: every definition, only the keys they read, far smaller', () => {
    const full = JSON.parse(fs.readFileSync(OUT, 'utf8'));
    const fieldsText = fs.readFileSync(FIELDS_OUT, 'utf8');
    expect(JSON.parse(fieldsText)).toEqual(fieldSchemas(full));
    expect(fieldsText.length).toBeLessThan(fs.readFileSync(OUT, 'utf8').length / 3);
    const spec = getFieldSchema('io.k8s.api.core.v1.PodSpec')!;
    expect(spec.description).toBeUndefined();
    expect(spec.required).toEqual(['containers']);
    expect(spec.properties!.containers).toEqual({ type: 'array', items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }] } });
    expect(getFieldSchema('io.k8s.apimachinery.pkg.apis.meta.v1.Time')).toEqual({ type: 'string', format: 'date-time' });
    const keys = new Set<string>();
    const walk = (v: unknown, inProps = false): void => {
      if (!v || typeof v !== 'object') return;
      for (const [k, x] of Object.entries(v)) {
        if (!inProps && !Array.isArray(v)) keys.add(k);
        walk(x, k === 'properties' && !inProps);
      }
    };
    for (const name of Object.keys(full.schemas)) walk(getFieldSchema(name));
    for (const k of keys) expect(FIELD_KEYS).toContain(k);
  });

  it('regenerates the same bytes, quickly', () => {
    const before = fs.readFileSync(OUT, 'utf8');
    const fieldsBefore = fs.readFileSync(FIELDS_OUT, 'utf8');
    const t0 = Date.now();
    execFileSync(process.execPath, [SCRIPT], { cwd: ROOT, stdio: 'pipe' });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(fs.readFileSync(OUT, 'utf8')).toBe(before);
    expect(fs.readFileSync(FIELDS_OUT, 'utf8')).toBe(fieldsBefore);
  });

  it('fails with a clear message when kubernetes-types is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-openapi-'));
    try {
      fs.mkdirSync(path.join(dir, 'scripts'));
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.copyFileSync(SCRIPT, path.join(dir, 'scripts', 'gen-openapi.mjs'));
      fs.copyFileSync(path.join(ROOT, 'scripts', 'openapi-fields.mjs'), path.join(dir, 'scripts', 'openapi-fields.mjs'));
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
