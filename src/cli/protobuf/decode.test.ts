// The protobuf decoder on hand-made messages: the envelope, scalars (negative int32, int64,
// bools), maps, packed and unpacked repeated fields, the special types' JSON forms, Go's
// omitempty, inline structs, and malformed input.
import { describe, expect, it } from 'vitest';
import { decodeProtobufBody } from './decode';
import { messageFor } from './roots';

const varint = (n: bigint): number[] => {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v ? b | 0x80 : b);
  } while (v);
  return out;
};
const vf = (num: number, n: number | bigint): Buffer => Buffer.from([...varint(BigInt(num << 3)), ...varint(BigInt(n))]);
const ld = (num: number, ...parts: (Buffer | string)[]): Buffer => {
  const b = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  return Buffer.concat([Buffer.from([...varint(BigInt((num << 3) | 2)), ...varint(BigInt(b.length))]), b]);
};
const envelope = (apiVersion: string, kind: string, raw: Buffer): Buffer => Buffer.concat([Buffer.from('k8s\0', 'latin1'), ld(1, ld(1, apiVersion), ld(2, kind)), ld(2, raw)]);

describe('messageFor', () => {
  it('names proto messages after the group\'s first label', () => {
    expect(messageFor('v1', 'Pod')).toBe('core.v1.Pod');
    expect(messageFor('apps/v1', 'Deployment')).toBe('apps.v1.Deployment');
    expect(messageFor('rbac.authorization.k8s.io/v1', 'Role')).toBe('rbac.v1.Role');
  });
});

describe('decodeProtobufBody', () => {
  it('decodes a Deployment the way Go would print it as JSON', () => {
    const meta = Buffer.concat([ld(1, 'web'), ld(8), ld(11, ld(1, 'app'), ld(2, 'web'))]);
    const container = Buffer.concat([ld(1, 'nginx'), ld(2, 'nginx:1.27'), ld(6, vf(3, 80)), ld(8)]);
    const podSpec = Buffer.concat([ld(2, container), vf(4, 30)]);
    const template = Buffer.concat([ld(1, ld(8)), ld(2, podSpec)]);
    const strategy = ld(2, ld(1, vf(1, 0), vf(2, 1)), ld(2, vf(1, 1), ld(3, '25%')));
    const spec = Buffer.concat([vf(1, 0), ld(3, template), ld(4, strategy), vf(5, 0), vf(7, 0)]);
    const r = decodeProtobufBody(envelope('apps/v1', 'Deployment', Buffer.concat([ld(1, meta), ld(2, spec), ld(3)])));
    expect(r).toEqual({
      ok: true,
      object: {
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          // A pointer set to 0 is kept; minReadySeconds 0 and paused false are omitempty.
          replicas: 0,
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: {} }], terminationGracePeriodSeconds: 30 },
          },
          strategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
        },
        status: {},
      },
    });
  });
  it('negative numbers, times, quantities, bytes, packed repeated scalars and inline structs', () => {
    const sc = vf(2, -1n); // PodSecurityContext.runAsUser, a pointer: kept.
    const groups = ld(4, Buffer.from([...varint(5n), ...varint(6n)])); // supplementalGroups, packed
    const probe = ld(1, ld(1, ld(1, 'true'))); // Probe.handler (inline) -> exec.command
    const res = ld(8, ld(2, ld(1, 'cpu'), ld(2, ld(1, '250m')))); // resources.requests
    const c = Buffer.concat([ld(1, 'c'), ld(10, probe), res]);
    const spec = Buffer.concat([ld(2, c), ld(14, sc, groups)]);
    const meta = Buffer.concat([ld(1, 'p'), ld(9, vf(1, 1700000000))]);
    const r = decodeProtobufBody(envelope('v1', 'Pod', Buffer.concat([ld(1, meta), ld(2, spec)])));
    expect(r.ok && r.object).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'p', deletionTimestamp: '2023-11-14T22:13:20Z' },
      spec: {
        containers: [{ name: 'c', livenessProbe: { exec: { command: ['true'] } }, resources: { requests: { cpu: '250m' } } }],
        securityContext: { runAsUser: -1, supplementalGroups: [5, 6] },
      },
    });
    const secret = decodeProtobufBody(envelope('v1', 'Secret', ld(2, ld(1, 'k'), ld(2, Buffer.from([0, 255])))));
    expect(secret.ok && secret.object.data).toEqual({ k: 'AP8=' });
  });
  it('skips unknown fields, as gogo-protobuf does', () => {
    const r = decodeProtobufBody(envelope('v1', 'Namespace', Buffer.concat([ld(1, ld(1, 'ns')), ld(99, 'junk'), vf(98, 1)])));
    expect(r.ok && r.object).toEqual({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'ns' } });
  });
  it('reports malformed bodies without throwing', () => {
    expect(decodeProtobufBody(Buffer.from('{}'))).toMatchObject({ ok: false, unsupported: false, error: expect.stringContaining('expected prefix [107 56 115 0]') });
    expect(decodeProtobufBody(envelope('v1', 'ConfigMap', Buffer.from([0x12, 0x09, 0x0a])))).toEqual({ ok: false, unsupported: false, error: 'unexpected EOF', kind: 'ConfigMap', version: 'v1' });
    expect(decodeProtobufBody(envelope('v1', 'ConfigMap', Buffer.from([0x0b])))).toMatchObject({ ok: false, error: 'proto: illegal wireType 3' });
    expect(decodeProtobufBody(envelope('v1', 'ConfigMap', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])))).toMatchObject({ ok: false, error: 'proto: integer overflow' });
    expect(decodeProtobufBody(envelope('example.com/v1', 'Widget', Buffer.alloc(0)))).toMatchObject({ ok: false, unsupported: true });
    expect(decodeProtobufBody(Buffer.concat([Buffer.from('k8s\0', 'latin1'), ld(2, 'x')]))).toMatchObject({ ok: false, error: "Object 'Kind' is missing in protobuf body" });
  });
});
