import { describe, expect, it } from 'vitest';
import {
  cannotBeHandledMessage,
  checkFields,
  checkJsonFields,
  duplicateFields,
  strictDecodingError,
  strictDecodingMessage,
} from './decode';

const POD = 'io.k8s.api.core.v1.Pod';
const DEPLOYMENT = 'io.k8s.api.apps.v1.Deployment';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, creationTimestamp: null },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    template: {
      metadata: { labels: { app: 'web' }, creationTimestamp: null },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: 0.25 } },
            env: [{ name: 'A', value: '1' }],
          },
        ],
        terminationGracePeriodSeconds: 30,
      },
    },
  },
  status: {},
});

describe('checkFields', () => {
  it('passes a valid Deployment (Quantity and IntOrString in both forms, null creationTimestamp)', () => {
    expect(checkFields(DEPLOYMENT, deployment())).toEqual({ unknown: [], typeErrors: [] });
  });

  it('finds unknown fields with list indexes', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labelz: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: 'nginx', imagePullPolice: 'Always' }] },
    };
    const r = checkFields(POD, pod);
    expect(r.unknown).toEqual(['metadata.labelz', 'spec.containers[0].imagePullPolice']);
    expect(strictDecodingError(r.unknown)).toBe(
      'strict decoding error: unknown field "metadata.labelz", unknown field "spec.containers[0].imagePullPolice"',
    );
  });

  it('reports the int32 type error in encoding/json words', () => {
    const d = deployment() as Record<string, any>;
    d.spec.replicas = '3';
    expect(checkFields(DEPLOYMENT, d).typeErrors).toEqual([
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ]);
  });

  it('names the innermost struct and the struct-field path without indexes', () => {
    const d = deployment() as Record<string, any>;
    d.spec.template.spec.containers[0].ports[0].containerPort = '80';
    d.spec.template.spec.containers[0].image = 5;
    d.spec.template.metadata.labels.app = true;
    d.spec.template.spec.terminationGracePeriodSeconds = 1.5;
    expect(checkFields(DEPLOYMENT, d).typeErrors).toEqual([
      'json: cannot unmarshal bool into Go struct field ObjectMeta.spec.template.metadata.labels of type string',
      'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string',
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
      'json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64',
    ]);
  });

  it('uses Go type names for structs, lists, maps and named types', () => {
    const bad = (patch: (d: Record<string, any>) => void) => {
      const d = deployment() as Record<string, any>;
      patch(d);
      return checkFields(DEPLOYMENT, d).typeErrors[0];
    };
    expect(bad((d) => (d.spec = 'x'))).toBe('json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec');
    expect(bad((d) => (d.spec.template.spec.containers = {}))).toBe(
      'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
    );
    expect(bad((d) => (d.metadata.labels = []))).toBe('json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string');
    expect(bad((d) => (d.spec.template.spec.restartPolicy = 1))).toBe(
      'json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.restartPolicy of type v1.RestartPolicy',
    );
    expect(bad((d) => (d.spec.strategy.rollingUpdate.maxSurge = true))).toBe(
      'json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
    );
    expect(bad((d) => (d.spec.paused = 'yes'))).toBe('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool');
    expect(bad((d) => (d.spec.template.spec.containers[0].resources.limits.cpu = 'lots'))).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(bad((d) => (d.metadata.creationTimestamp = 'yesterday'))).toBe(
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    );
    expect(bad((d) => (d.metadata.creationTimestamp = '2024-01-02T03:04:05Z'))).toBeUndefined();
    expect(bad((d) => (d.spec.replicas = 3_000_000_000))).toBe(
      'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('checks Secret data as base64 bytes and accepts free-form fields', () => {
    const secret = 'io.k8s.api.core.v1.Secret';
    expect(checkFields(secret, { metadata: { name: 's' }, data: { a: 'aGk=' } }).typeErrors).toEqual([]);
    expect(checkFields(secret, { data: { a: 'abc' } }).typeErrors).toEqual(['illegal base64 data at input byte 0']);
    expect(checkFields(secret, { data: { a: 1 } }).typeErrors).toEqual([
      'json: cannot unmarshal number into Go struct field Secret.data of type []uint8',
    ]);
    const managed = { metadata: { managedFields: [{ manager: 'x', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }] } };
    expect(checkFields(DEPLOYMENT, managed)).toEqual({ unknown: [], typeErrors: [] });
  });
});

describe('duplicate fields and ordering', () => {
  it('duplicateFields finds repeated keys with their paths', () => {
    const text = '{"metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},"spec":{"containers":[{"image":"a","image":"b"}]}}';
    expect(duplicateFields(text)).toEqual(['metadata.name', 'metadata.labels.x', 'spec.containers[0].image']);
  });

  it('checkJsonFields reports unknown and duplicate fields in decoder order', () => {
    const text = JSON.stringify(deployment())
      .replace('"replicas":3', '"replicas":3,"unknown1":1,"paused":false,"paused":true,"unknownDupe":1,"unknownDupe":2')
      .replace('"name":"nginx"', '"name":"nginx","imagePullPolicy":"Always","imagePullPolicy":"Never","unknownNested":1');
    const r = checkJsonFields(DEPLOYMENT, text);
    expect(r.messages).toEqual([
      'unknown field "spec.unknown1"',
      'duplicate field "spec.paused"',
      'unknown field "spec.unknownDupe"',
      'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
      'unknown field "spec.template.spec.containers[0].unknownNested"',
    ]);
    expect(r.typeErrors).toEqual([]);
    expect(strictDecodingMessage(r.messages)).toMatch(/^strict decoding error: unknown field "spec.unknown1", duplicate field/);
  });

  it('keeps number literals for type errors from JSON text', () => {
    const r = checkJsonFields(DEPLOYMENT, '{"spec":{"replicas":1.0}}');
    expect(r.typeErrors).toEqual(['json: cannot unmarshal number 1.0 into Go struct field DeploymentSpec.spec.replicas of type int32']);
  });

  it('composes the apiserver message', () => {
    expect(cannotBeHandledMessage('Pod', 'v1', strictDecodingError(['spec.containers[0].imagePullPolice']))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolice"',
    );
  });
});
