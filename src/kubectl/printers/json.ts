// `kubectl -o json`: encoding/json.MarshalIndent(obj, "", "    ") of the unstructured object plus a
// newline. Map keys sorted by byte order, Go's HTML-safe string escaping, Go's number formatting.
import { formatJsonFloat, isGoInt, isPlainObject, sortedKeys } from './gofmt';

const HEX = '0123456789abcdef';

/** A JSON string literal exactly as Go's encoding/json writes it (HTML escaping on). */
export function goJsonString(s: string, escapeHTML = true): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      switch (c) {
        case 0x08:
          rep = '\\b';
          break;
        case 0x0c:
          rep = '\\f';
          break;
        case 0x0a:
          rep = '\\n';
          break;
        case 0x0d:
          rep = '\\r';
          break;
        case 0x09:
          rep = '\\t';
          break;
        default:
          rep = '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
      }
    } else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) rep = '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    else if (c === 0x2028) rep = '\\u2028';
    else if (c === 0x2029) rep = '\\u2029';
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      rep = '\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) rep = '\ufffd';
    if (rep !== undefined) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${n}`);
  if (isGoInt(n)) return Object.is(n, -0) ? '0' : BigInt(n).toString();
  return formatJsonFloat(n);
}

function encode(v: unknown, indent: string | null, prefix: string, escapeHTML: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v, escapeHTML);
  if (typeof v === 'number') return goJsonNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (indent === null) return '[' + v.map((x) => encode(x, null, '', escapeHTML)).join(',') + ']';
    const inner = prefix + indent;
    return '[\n' + v.map((x) => inner + encode(x, indent, inner, escapeHTML)).join(',\n') + '\n' + prefix + ']';
  }
  if (isPlainObject(v)) {
    const keys = sortedKeys(v).filter((k) => v[k] !== undefined);
    if (keys.length === 0) return '{}';
    if (indent === null) {
      return '{' + keys.map((k) => goJsonString(k, escapeHTML) + ':' + encode(v[k], null, '', escapeHTML)).join(',') + '}';
    }
    const inner = prefix + indent;
    return (
      '{\n' +
      keys.map((k) => inner + goJsonString(k, escapeHTML) + ': ' + encode(v[k], indent, inner, escapeHTML)).join(',\n') +
      '\n' +
      prefix +
      '}'
    );
  }
  throw new Error(`json: unsupported type: ${typeof v}`);
}

/** encoding/json.Marshal (compact, HTML-escaped, sorted map keys). */
export function goJsonMarshal(value: unknown): string {
  return encode(value, null, '', true);
}

/** encoding/json.MarshalIndent(value, "", indent). */
export function goJsonMarshalIndent(value: unknown, indent = '    '): string {
  return encode(value, indent, '', true);
}

/** What `kubectl -o json` prints for one object (or a List). */
export function toJson(value: unknown): string {
  return goJsonMarshalIndent(value, '    ') + '\n';
}
