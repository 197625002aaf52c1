// `-o json` of typed objects kubectl builds itself (create deployment/service/... --dry-run=client):
// Go marshals structs in field order, not sorted, so these keep their insertion order.
import { goJsonNumber, goJsonString } from '../printers/json';

function encode(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return goJsonNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return '[\n' + v.map((x) => inner + encode(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  const keys = Object.keys(v as object);
  if (!keys.length) return '{}';
  return '{\n' + keys.map((k) => `${inner}${goJsonString(k)}: ${encode((v as Record<string, unknown>)[k], inner)}`).join(',\n') + '\n' + indent + '}';
}

/** json.MarshalIndent(obj, "", "    ") + "\n", keys in insertion order. */
export function orderedJson(v: unknown): string {
  return encode(v, '') + '\n';
}
