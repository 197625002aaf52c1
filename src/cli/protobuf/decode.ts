// Kubernetes' protobuf request bodies as the JSON objects our apiserver handles. The envelope is
// the magic `k8s\0` then a runtime.Unknown {typeMeta{apiVersion, kind}, raw, contentEncoding,
// contentType}; `raw` is the object's generated.proto message, decoded here from the schema
// tables (schema.generated.ts) into what Go's encoding/json would print for the same struct.
import { MESSAGES } from './schema.generated';
import { INLINE, KEEP_ZERO } from './gojson';
import { messageFor } from './roots';
import { readFields, readVarint, WireError, WireType, type WireField } from './wire';

export { WireError };

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface FieldDef {
  name: string;
  /** A scalar (`string`, `int32`, ...) or a message name. */
  type: string;
  repeated: boolean;
  map?: { key: string; value: string };
}

const schemaCache = new Map<string, Map<number, FieldDef>>();

function schemaOf(message: string): Map<number, FieldDef> | undefined {
  let s = schemaCache.get(message);
  if (s) return s;
  const spec = MESSAGES[message];
  if (spec === undefined) return undefined;
  s = new Map();
  for (const part of spec.split(' ').filter(Boolean)) {
    const m = /^(\w+)=(\d+):(\[\])?(?:\{(\S+):(\S+)\}|(\S+))$/.exec(part);
    if (!m) throw new Error(`bad schema entry ${message}: ${part}`);
    const [, name, num, rep, key, value, type] = m;
    s.set(Number(num), key ? { name, type: 'map', repeated: true, map: { key, value } } : { name, type, repeated: !!rep });
  }
  schemaCache.set(message, s);
  return s;
}

/** Whether the decoder knows this kind (else the apiserver answers 415 as before). */
export function knowsKind(apiVersion: string, kind: string): boolean {
  return MESSAGES[messageFor(apiVersion, kind)] !== undefined;
}

export type ProtobufBody =
  | { ok: true; object: Record<string, Json> }
  /** Not ours to decode: an unknown kind, or a compressed payload. */
  | { ok: false; unsupported: true; reason: string }
  /** Malformed: `kind` is the body's kind when the envelope could be read. */
  | { ok: false; unsupported: false; error: string; kind?: string; version?: string };

/** Decodes one `application/vnd.kubernetes.protobuf` body. Never throws. */
export function decodeProtobufBody(body: Uint8Array): ProtobufBody {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) {
    return { ok: false, unsupported: false, error: `provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(' ')}]` };
  }
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array();
  let contentEncoding = '';
  try {
    for (const f of readFields(body.subarray(4))) {
      if (f.num === 1 && f.wire === WireType.Bytes) {
        for (const t of readFields(f.value as Uint8Array)) {
          if (t.num === 1) apiVersion = utf8(t);
          else if (t.num === 2) kind = utf8(t);
        }
      } else if (f.num === 2 && f.wire === WireType.Bytes) raw = f.value as Uint8Array;
      else if (f.num === 3 && f.wire === WireType.Bytes) contentEncoding = utf8(f);
    }
  } catch (e) {
    return { ok: false, unsupported: false, error: (e as Error).message };
  }
  if (!kind) return { ok: false, unsupported: false, error: 'Object \'Kind\' is missing in protobuf body' };
  if (contentEncoding) return { ok: false, unsupported: true, reason: `content encoding ${contentEncoding}` };
  const message = messageFor(apiVersion, kind);
  if (!schemaOf(message)) return { ok: false, unsupported: true, reason: `no schema for ${message}` };
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
  try {
    const decoded = decodeMessage(message, raw);
    return { ok: true, object: { kind, apiVersion, ...(decoded as Record<string, Json>) } };
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    return { ok: false, unsupported: false, error: e.message, kind, version };
  }
}

function utf8(f: WireField): string {
  if (!(f.value instanceof Uint8Array)) throw new WireError('proto: wrong wireType');
  return Buffer.from(f.value).toString('utf8');
}

function decodeMessage(message: string, buf: Uint8Array): Json {
  const special = SPECIAL[message];
  if (special) return special(buf);
  const schema = schemaOf(message)!;
  const out: Record<string, Json> = {};
  for (const f of readFields(buf)) {
    const def = schema.get(f.num);
    // Unknown fields are skipped, as gogo's generated Unmarshal does.
    if (!def) continue;
    if (def.map) {
      const [k, v] = decodeMapEntry(def, f);
      ((out[def.name] ??= {}) as Record<string, Json>)[String(k)] = v;
    } else if (def.repeated) {
      const list = (out[def.name] ??= []) as Json[];
      // Repeated scalars may also arrive packed (one length-delimited run of values).
      if (isPackable(def.type) && f.wire === WireType.Bytes) list.push(...unpack(def.type, f.value as Uint8Array));
      else list.push(decodeValue(def, f));
    } else if (INLINE.has(`${message}.${def.name}`)) {
      Object.assign(out, decodeValue(def, f));
    } else {
      const v = decodeValue(def, f);
      if (isZero(v) && !KEEP_ZERO.has(`${message}.${def.name}`) && !isMessage(def.type)) delete out[def.name];
      else out[def.name] = v;
    }
  }
  return out;
}

function decodeMapEntry(def: FieldDef, f: WireField): [Json, Json] {
  expectWire(def, f, WireType.Bytes);
  const key: FieldDef = { name: 'key', type: def.map!.key, repeated: false };
  const value: FieldDef = { name: 'value', type: def.map!.value, repeated: false };
  let k: Json = zeroOf(key.type);
  let v: Json = zeroOf(value.type);
  for (const e of readFields(f.value as Uint8Array)) {
    if (e.num === 1) k = decodeValue(key, e);
    else if (e.num === 2) v = decodeValue(value, e);
  }
  return [k, v];
}

const isMessage = (type: string): boolean => type.includes('.');
const isPackable = (type: string): boolean => type === 'int32' || type === 'int64' || type === 'bool' || type === 'uint32' || type === 'uint64';
const isZero = (v: Json): boolean => v === 0 || v === false || v === '';

function zeroOf(type: string): Json {
  if (isMessage(type)) return decodeMessage(type, new Uint8Array());
  if (type === 'string' || type === 'bytes') return '';
  return type === 'bool' ? false : 0;
}

function decodeValue(def: FieldDef, f: WireField): Json {
  const t = def.type;
  if (isMessage(t)) {
    expectWire(def, f, WireType.Bytes);
    return decodeMessage(t, f.value as Uint8Array);
  }
  if (t === 'string') {
    expectWire(def, f, WireType.Bytes);
    return utf8(f);
  }
  // []byte marshals to base64 in Go's encoding/json.
  if (t === 'bytes') {
    expectWire(def, f, WireType.Bytes);
    return Buffer.from(f.value as Uint8Array).toString('base64');
  }
  if (t === 'double' || t === 'float') {
    const wide = t === 'double';
    expectWire(def, f, wide ? WireType.Fixed64 : WireType.Fixed32);
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(f.value as bigint);
    return wide ? b.readDoubleLE(0) : b.readFloatLE(0);
  }
  expectWire(def, f, WireType.Varint);
  return scalar(t, f.value as bigint);
}

function scalar(type: string, v: bigint): Json {
  if (type === 'bool') return v !== 0n;
  // ZigZag: 0, -1, 1, -2 ... are 0, 1, 2, 3 ...
  if (type === 'sint32' || type === 'sint64') return Number((v >> 1n) ^ -(v & 1n));
  if (type === 'int32') return Number(BigInt.asIntN(32, v));
  if (type === 'uint32') return Number(BigInt.asUintN(32, v));
  if (type === 'uint64') return Number(v);
  return Number(BigInt.asIntN(64, v));
}

function unpack(type: string, buf: Uint8Array): Json[] {
  const out: Json[] = [];
  for (let pos = 0; pos < buf.length; ) {
    const [v, next] = readVarint(buf, pos);
    out.push(scalar(type, v));
    pos = next;
  }
  return out;
}

function expectWire(def: FieldDef, f: WireField, wire: WireType): void {
  if (f.wire !== wire) {
    const goName = def.name.charAt(0).toUpperCase() + def.name.slice(1);
    throw new WireError(`proto: wrong wireType = ${f.wire} for field ${goName}`);
  }
}

/** Types whose JSON form is not their message's fields (their MarshalJSON methods). */
const SPECIAL: Record<string, (buf: Uint8Array) => Json> = {
  // metav1.Time: RFC 3339 in UTC, seconds precision; the zero time (an empty message) is null.
  'meta.v1.Time': (buf) => {
    if (buf.length === 0) return null;
    let seconds = 0n;
    for (const f of readFields(buf)) if (f.num === 1 && f.wire === WireType.Varint) seconds = BigInt.asIntN(64, f.value as bigint);
    return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  },
  // resource.Quantity: its canonical string.
  'resource.Quantity': (buf) => {
    let s = '0';
    for (const f of readFields(buf)) if (f.num === 1) s = utf8(f);
    return s;
  },
  // intstr.IntOrString: type 0 is the int, 1 the string.
  'intstr.IntOrString': (buf) => {
    let type = 0n;
    let intVal = 0;
    let strVal = '';
    for (const f of readFields(buf)) {
      if (f.num === 1 && f.wire === WireType.Varint) type = f.value as bigint;
      else if (f.num === 2 && f.wire === WireType.Varint) intVal = Number(BigInt.asIntN(32, f.value as bigint));
      else if (f.num === 3) strVal = utf8(f);
    }
    return type === 1n ? strVal : intVal;
  },
  // FieldsV1 (managedFields) carries its JSON as raw bytes.
  'meta.v1.FieldsV1': (buf) => {
    for (const f of readFields(buf)) {
      if (f.num === 1 && f.value instanceof Uint8Array) {
        try {
          return JSON.parse(Buffer.from(f.value).toString('utf8')) as Json;
        } catch {
          throw new WireError('FieldsV1 is not JSON');
        }
      }
    }
    return {};
  },
};
