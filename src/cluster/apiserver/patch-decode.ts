// Decoding the result of a JSON or merge patch, as the apiserver's jsonPatcher does: the patched
// JSON is decoded into the Go type, and a decoding error (a number out of int32 range, 2.5 for an
// integer, a string for a number) is answered 422 with an empty kind and name and a single cause
// on the field `patch` whose value is the patched JSON:
//   ` "" is invalid: patch: Invalid value: "{...}": json: cannot unmarshal number 2147483648 into
//   Go struct field ScaleSpec.spec.replicas of type int32`
// The patched JSON is what evanphx/json-patch produces: the objects it had to open (the top level
// and those on the patch's paths) are re-encoded from Go maps, so with sorted keys; the rest keeps
// the encoding of the object as stored.
import { invalid, StatusError } from '../../api/status';
import { checkFields } from './openapi/decode';
import { isObject } from './body';

export type JsonLikePatch = 'application/json-patch+json' | 'application/merge-patch+json';

/** Throws the 422 when `patched` does not decode into `definition`; returns the unknown fields. */
export function decodePatchedJson(definition: string, mt: JsonLikePatch, patched: unknown, patch: unknown): void {
  const { typeErrors } = checkFields(definition, patched);
  if (!typeErrors.length) return;
  const text = goJson(patched, openedPaths(mt, patch));
  const err = invalid('', '', '', [{ type: 'FieldValueInvalid', field: 'patch', badValue: text, detail: typeErrors[0] }]);
  // Go's StatusDetails omits the empty kind and name.
  const details = err.status.details as Record<string, unknown>;
  delete details.name;
  delete details.kind;
  throw new StatusError(err.status);
}

type Opened = Map<string, Opened>;

/** The object paths json-patch parses (and so re-encodes with sorted keys). */
function openedPaths(mt: JsonLikePatch, patch: unknown): Opened {
  const root: Opened = new Map();
  if (mt === 'application/merge-patch+json') {
    const walk = (p: unknown, into: Opened) => {
      if (!isObject(p)) return;
      for (const [k, v] of Object.entries(p)) {
        if (!isObject(v)) continue;
        const child: Opened = into.get(k) ?? new Map();
        into.set(k, child);
        walk(v, child);
      }
    };
    walk(patch, root);
    return root;
  }
  for (const op of Array.isArray(patch) ? patch : []) {
    for (const ptr of [op?.path, op?.from]) {
      if (typeof ptr !== 'string') continue;
      const parts = ptr.split('/').slice(1, -1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      let cur = root;
      for (const p of parts) {
        const next: Opened = cur.get(p) ?? new Map();
        cur.set(p, next);
        cur = next;
      }
    }
  }
  return root;
}

/** JSON as Go's encoder writes it: objects on opened paths with sorted keys; <, > and & escaped. */
function goJson(v: unknown, opened: Opened | undefined): string {
  return encode(v, opened).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

function encode(v: unknown, opened: Opened | undefined): string {
  if (Array.isArray(v)) return `[${v.map((x, i) => encode(x, opened?.get(String(i)))).join(',')}]`;
  if (!isObject(v)) return JSON.stringify(v) ?? 'null';
  const keys = Object.keys(v);
  if (opened) keys.sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${encode(v[k], opened?.get(k))}`).join(',')}}`;
}
