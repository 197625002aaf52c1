import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types';
import { configMapStrategy } from './configmap';
import { secretStrategy } from './secret';
import { base64Decode, base64EncodeString } from './generic';
import { failure, fakeContext, runCreate, runUpdate } from './test-context';

type Data = KubeObject & Record<string, any>;
const cm = (name: string, extra: Record<string, unknown>): Data => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, ...extra });
const secret = (name: string, extra: Record<string, unknown>): Data => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, ...extra });
const createCM = (o: Data) => runCreate(configMapStrategy, o, fakeContext(), 'configmaps', 'ConfigMap') as Data;
const createSecret = (o: Data) => runCreate(secretStrategy, o, fakeContext(), 'secrets', 'Secret') as Data;

describe('base64 as Go decodes it', () => {
  it('decodes standard padded input, ignoring newlines', () => {
    expect(base64Decode('aGVsbG8=').error).toBeUndefined();
    expect(String.fromCharCode(...base64Decode('aGVs\nbG8=').bytes)).toBe('hello');
    expect(base64EncodeString('héllo')).toBe('aMOpbGxv');
  });
  it('reports the offset Go reports', () => {
    expect(base64Decode('not base64!').error).toBe('illegal base64 data at input byte 3');
    expect(base64Decode('abc').error).toBe('illegal base64 data at input byte 0');
    expect(base64Decode('abcde').error).toBe('illegal base64 data at input byte 4');
    expect(base64Decode('ab=c').error).toBe('illegal base64 data at input byte 2');
    expect(base64Decode('aGVsbG8=x').error).toBe('illegal base64 data at input byte 8');
    expect(base64Decode('=').error).toBe('illegal base64 data at input byte 0');
  });
});

describe('configmaps', () => {
  it('rejects bad keys with the config key message', () => {
    expect(failure(() => createCM(cm('c', { data: { 'bad key': 'x' } }))).message).toBe(
      "ConfigMap \"c\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  });
  it('rejects a key in both data and binaryData', () => {
    expect(failure(() => createCM(cm('c', { data: { a: 'x' }, binaryData: { a: 'eA==' } }))).message).toBe(
      'ConfigMap "c" is invalid: data[a]: Invalid value: "a": duplicate of key present in binaryData',
    );
  });
  it('limits the total size to 1 MiB', () => {
    const big = 'x'.repeat(600 * 1024);
    expect(failure(() => createCM(cm('c', { data: { a: big, b: big } }))).message).toBe('ConfigMap "c" is invalid: []: Too long: must have at most 1048576 bytes');
    expect(() => createCM(cm('c', { data: { a: 'x'.repeat(1024 * 1024) } }))).not.toThrow();
  });
  it('answers undecodable binaryData as a decode error', () => {
    const f = failure(() => createCM(cm('c', { binaryData: { a: 'nope!' } })));
    expect(f).toEqual({ code: 400, reason: 'BadRequest', message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 4' });
  });
  it('freezes data once immutable is set', () => {
    const ctx = fakeContext();
    const old = runCreate(configMapStrategy, cm('c', { data: { a: '1' }, immutable: true }), ctx, 'configmaps', 'ConfigMap');
    const next = { ...old, data: { a: '2' }, immutable: false } as Data;
    expect(failure(() => runUpdate(configMapStrategy, next, old, ctx, 'configmaps', 'ConfigMap')).message).toBe(
      'ConfigMap "c" is invalid: [immutable: Forbidden: field is immutable when `immutable` is set, data: Forbidden: field is immutable when `immutable` is set]',
    );
    const labelsOnly = { ...old, metadata: { ...old.metadata, labels: { a: 'b' } } } as Data;
    expect(() => runUpdate(configMapStrategy, labelsOnly, old, ctx, 'configmaps', 'ConfigMap')).not.toThrow();
  });
});

describe('secrets', () => {
  it('defaults type Opaque and folds stringData into data', () => {
    const out = createSecret(secret('s', { data: { a: 'eA==', b: 'eQ==' }, stringData: { b: 'hello', c: 'wörld' } }));
    expect(out.type).toBe('Opaque');
    expect(out.stringData).toBeUndefined();
    expect(out.data).toEqual({ a: 'eA==', b: 'aGVsbG8=', c: 'd8O2cmxk' });
  });
  it('answers invalid base64 data as a decode error', () => {
    expect(failure(() => createSecret(secret('s', { data: { a: 'abc' } })))).toEqual({
      code: 400,
      reason: 'BadRequest',
      message: 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0',
    });
  });
  it('checks keys and the 1 MiB limit on decoded bytes', () => {
    expect(failure(() => createSecret(secret('s', { stringData: { '..': 'x' } }))).message).toBe(
      "Secret \"s\" is invalid: data[..]: Invalid value: \"..\": must not be '..'",
    );
    const chunk = base64EncodeString('x'.repeat(600 * 1024));
    expect(failure(() => createSecret(secret('s', { data: { a: chunk, b: chunk } }))).message).toBe('Secret "s" is invalid: data: Too long: must have at most 1048576 bytes');
  });
  it('requires the keys of typed secrets', () => {
    expect(failure(() => createSecret(secret('s', { type: 'kubernetes.io/tls', data: {} }))).message).toBe(
      'Secret "s" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
    expect(failure(() => createSecret(secret('s', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '[]' } }))).message).toBe(
      'Secret "s" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  });
  it('keeps type immutable and honours immutable', () => {
    const ctx = fakeContext();
    const old = runCreate(secretStrategy, secret('s', { stringData: { a: 'x' }, immutable: true }), ctx, 'secrets', 'Secret');
    const next = { ...old, type: 'kubernetes.io/basic-auth', stringData: { a: 'y' } } as Data;
    expect(failure(() => runUpdate(secretStrategy, next, old, ctx, 'secrets', 'Secret')).message).toBe(
      'Secret "s" is invalid: [type: Invalid value: "kubernetes.io/basic-auth": field is immutable, data: Forbidden: field is immutable when `immutable` is set, data[username]: Required value, data[password]: Required value]',
    );
  });
});
