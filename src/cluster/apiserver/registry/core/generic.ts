// Shared helpers for the core kinds' strategies: field error constructors in apimachinery's
// field package shapes, JSON accessors, Go value rendering, IP checks and Go-compatible base64.
import type { KubeObject } from '../../../../api/types';
import { invalid, type FieldError } from '../../../../api/status';
import { isDNS1123Label, isQualifiedName, parseIPv4 } from '../../../../api/names';
import type { Strategy } from '../types';
import { jsonRoundTrip } from '../../../store/clone';
import { utf8Bytes } from '../../../../api/utf8';

export type Obj = Record<string, unknown>;

// ---- field errors (k8s.io/apimachinery/pkg/util/validation/field) ----

export const required = (field: string, detail?: string): FieldError => ({ type: 'FieldValueRequired', field, ...(detail ? { detail } : {}) });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail });
export const invalidErr = (field: string, badValue: unknown, detail?: string, badValueText?: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  badValue,
  ...(detail ? { detail } : {}),
  ...(badValueText !== undefined ? { badValueText } : {}),
});
export const duplicate = (field: string, badValue: unknown, badValueText?: string): FieldError => ({
  type: 'FieldValueDuplicate',
  field,
  badValue,
  ...(badValueText !== undefined ? { badValueText } : {}),
});
/** field.NotSupported: the supported values are quoted and kept in the order given. */
export const notSupported = (field: string, badValue: unknown, supported: readonly string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  badValue,
  detail: supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : undefined,
});
export const tooLong = (field: string, maxLength: number): FieldError => ({ type: 'FieldValueTooLong', field, detail: `must have at most ${maxLength} bytes` });
export const tooMany = (field: string, actual: number, max: number): FieldError => ({ type: 'FieldValueTooMany', field, badValue: actual, detail: `must have at most ${max} items` });
export const internalErr = (field: string, detail: string): FieldError => ({ type: 'InternalError', field, detail });

export const FIELD_IMMUTABLE = 'field is immutable';
export const IS_NEGATIVE = 'must be greater than or equal to 0';

/** ValidateImmutableField: `Invalid value: <new>: field is immutable`. */
export function immutable(field: string, newVal: unknown, oldVal: unknown, badValueText?: string): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [invalidErr(field, newVal ?? '', FIELD_IMMUTABLE, badValueText)];
}

export function nonNegative(value: unknown, field: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalidErr(field, value, IS_NEGATIVE)] : [];
}

/** ValidateDNS1123Label as a field error list. */
export function dns1123Label(value: string, field: string): FieldError[] {
  return isDNS1123Label(value).map((m) => invalidErr(field, value, m));
}

/** ValidateQualifiedName as a field error list. */
export function qualifiedName(value: string, field: string): FieldError[] {
  return isQualifiedName(value).map((m) => invalidErr(field, value, m));
}

/** Throws apierrors.NewInvalid when errs is not empty (for checks the REST storage makes itself). */
export function throwIfInvalid(group: string, kind: string, name: string, errs: FieldError[]): void {
  if (errs.length) throw invalid(group, kind, name, errs);
}

// ---- JSON accessors ----

export function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function asObj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

/** The object at obj[key], created when missing or not an object. */
export function ensureObj(obj: Obj, key: string): Obj {
  if (!isObj(obj[key])) obj[key] = {};
  return obj[key] as Obj;
}

export function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? (v.filter((x) => isObj(x)) as Obj[]) : [];
}

export function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(x))) : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

export function clone<T>(v: T): T {
  return jsonRoundTrip(v); // JSON.parse(JSON.stringify(v)), without the text
}

/** reflect.DeepEqual over JSON values, with absent and empty maps/lists treated alike (Go's omitempty). */
export function deepEqual(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === null || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0) ? undefined : v);
  a = norm(a);
  b = norm(b);
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

export function spec(obj: KubeObject): Obj {
  return ensureObj(obj as Obj, 'spec');
}

export function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) out[k] = str(x);
  return out;
}

// ---- Go %#v renderings used as bad values ----

export function goQuoteStr(s: string): string {
  return JSON.stringify(s);
}

/** %#v of a []string. */
export function goStringSlice(v: unknown): string {
  if (!Array.isArray(v) || v.length === 0) return v === undefined || v === null ? '[]string(nil)' : '[]string{}';
  return `[]string{${v.map((x) => goQuoteStr(str(x))).join(', ')}}`;
}

// ---- IP addresses (netutils / net.IP) ----

/** Parses an IPv6 address into 8 groups, or undefined. */
export function parseIPv6(value: string): number[] | undefined {
  let s = value;
  if (!s.includes(':')) return undefined;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    // An embedded IPv4 tail counts as two groups.
    const v4 = parseIPv4(last);
    if (!v4) return undefined;
    s = s.slice(0, lastColon + 1) + ((v4[0] << 8) | v4[1]).toString(16) + ':' + ((v4[2] << 8) | v4[3]).toString(16);
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const back = halves.length === 2 ? groups(halves[1]) : [];
  for (const g of [...head, ...back]) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
  const total = head.length + back.length;
  if (halves.length === 2 ? total > 7 : total !== 8) return undefined;
  const fill: number[] = halves.length === 2 ? new Array<number>(8 - total).fill(0) : [];
  return [...head.map((g) => parseInt(g, 16)), ...fill, ...back.map((g) => parseInt(g, 16))];
}

export function isIPv4String(s: string): boolean {
  return !!parseIPv4(s);
}

export function isIPv6String(s: string): boolean {
  return !parseIPv4(s) && !!parseIPv6(s);
}

/** validation.IsValidIP (field form). */
export function validIP(value: string, field: string): FieldError[] {
  return parseIPv4(value) || parseIPv6(value) ? [] : [invalidErr(field, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** validation.IsValidIPv4Address (field form). */
export function validIPv4(value: string, field: string): FieldError[] {
  return parseIPv4(value) ? [] : [invalidErr(field, value, 'must be a valid IPv4 address')];
}

/** validation.IsValidIPv6Address (field form). */
export function validIPv6(value: string, field: string): FieldError[] {
  return isIPv6String(value) ? [] : [invalidErr(field, value, 'must be a valid IPv6 address')];
}

/** ValidateNonSpecialIP: no unspecified, loopback or link-local addresses. */
export function nonSpecialIP(value: string, field: string): FieldError[] {
  const v4 = parseIPv4(value);
  const v6 = v4 ? undefined : parseIPv6(value);
  if (!v4 && !v6) return [invalidErr(field, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  let unspecified: boolean, loopback: boolean, linkLocal: boolean, llMulticast: boolean;
  if (v4) {
    unspecified = v4.every((b) => b === 0);
    loopback = v4[0] === 127;
    linkLocal = v4[0] === 169 && v4[1] === 254;
    llMulticast = v4[0] === 224 && v4[1] === 0 && v4[2] === 0;
  } else {
    const g = v6!;
    const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
    if (mapped) {
      const b = [g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255];
      unspecified = b.every((x) => x === 0);
      loopback = b[0] === 127;
      linkLocal = b[0] === 169 && b[1] === 254;
      llMulticast = b[0] === 224 && b[1] === 0 && b[2] === 0;
    } else {
      unspecified = g.every((x) => x === 0);
      loopback = g.slice(0, 7).every((x) => x === 0) && g[7] === 1;
      linkLocal = (g[0] & 0xffc0) === 0xfe80;
      llMulticast = (g[0] & 0xff0f) === 0xff02;
    }
  }
  if (unspecified) errs.push(invalidErr(field, value, `may not be unspecified (${value})`));
  if (loopback) errs.push(invalidErr(field, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocal) errs.push(invalidErr(field, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (llMulticast) errs.push(invalidErr(field, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

/** validation.IsValidCIDR (field form). */
export function validCIDR(value: string, field: string): FieldError[] {
  const i = value.indexOf('/');
  const bad = [invalidErr(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  if (i < 0) return bad;
  const ip = value.slice(0, i);
  const bits = value.slice(i + 1);
  if (!/^[0-9]{1,3}$/.test(bits)) return bad;
  const n = Number(bits);
  if (parseIPv4(ip)) return n <= 32 ? [] : bad;
  if (parseIPv6(ip)) return n <= 128 ? [] : bad;
  return bad;
}

// ---- bytes: UTF-8 and Go's encoding/base64 StdEncoding ----

export { utf8Bytes, utf8Decode, utf8Length } from '../../../../api/utf8';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_DECODE = (() => {
  const m = new Array<number>(256).fill(-1);
  for (let i = 0; i < B64.length; i++) m[B64.charCodeAt(i)] = i;
  return m;
})();

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const v = (a << 16) | (b << 8) | c;
    out += B64[(v >> 18) & 63] + B64[(v >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[v & 63] : '=';
  }
  return out;
}

export function base64EncodeString(s: string): string {
  return base64Encode(utf8Bytes(s));
}

export interface Base64Result {
  bytes: Uint8Array;
  /** Go's base64.CorruptInputError text, when the input is not valid StdEncoding. */
  error?: string;
}

/**
 * base64.StdEncoding.Decode with Go's exact error offsets (`illegal base64 data at input byte N`):
 * padding required, CR and LF ignored, trailing garbage after padding rejected.
 */
export function base64Decode(s: string): Base64Result {
  const src = asciiBytes(s) ?? utf8Bytes(s);
  const buf = new Uint8Array(Math.floor(src.length / 4) * 3 + 3);
  let n = 0;
  const out = { push: (b: number) => (buf[n++] = b) };
  const done = () => buf.slice(0, n);
  let si = 0;
  const corrupt = (at: number): Base64Result => ({ bytes: done(), error: `illegal base64 data at input byte ${at}` });
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailing: number | undefined;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { bytes: done() };
        return corrupt(si - j);
      }
      const c = src[si];
      si++;
      const d = B64_DECODE[c];
      if (d >= 0) {
        dbuf[j] = d;
        continue;
      }
      if (c === 10 || c === 13) {
        j--;
        continue;
      }
      if (c !== 61) return corrupt(si - 1);
      // Padding: only after two or three data bytes.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== 61) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    const bytes = [(val >> 16) & 255, (val >> 8) & 255, val & 255];
    for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]);
    if (trailing !== undefined) return corrupt(trailing);
    if (dlen < 4) break;
  }
  return { bytes: done() };
}

function asciiBytes(s: string): Uint8Array | undefined {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return undefined;
    b[i] = c;
  }
  return b;
}

// ---- the generic strategy ----

/** Kinds without a registry of their own: metadata validation only (done by the generic layer). */
export const genericStrategy: Strategy = {};
