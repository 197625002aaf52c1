// Decoding request bodies as the apiserver's serializers do: JSON or YAML by Content-Type;
// protobuf is refused with 415 (kubectl 1.32 sends it only for `create <generator>`).
import { parse as parseYaml } from 'yaml';
import { badRequest, unsupportedMediaType } from '../../api/status';

export const SUPPORTED_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

export function mediaType(contentType: string | undefined): string {
  // In-cluster clients send no Content-Type (a parsed body) or one of a few fixed ones.
  if (contentType === undefined) return 'application/json';
  if (contentType === lastContentType) return lastMediaType;
  lastMediaType = contentType.split(';')[0].trim().toLowerCase();
  lastContentType = contentType;
  return lastMediaType;
}

let lastContentType: string | undefined;
let lastMediaType = '';

/** Parses a request body into a JSON value. `raw` is whatever the transport passed. */
export function decodeBody(raw: unknown, contentType: string | undefined): { value: unknown; text?: string } {
  const mt = mediaType(contentType);
  // Checked first: a protobuf body arrives as bytes, which must never be taken for an object.
  if (mt === 'application/vnd.kubernetes.protobuf') throw unsupportedMediaType(['application/json', 'application/yaml']);
  if (raw === undefined || raw === null || raw === '') throw badRequest('the body of the request was empty');
  if (typeof raw !== 'string') return { value: raw };
  if (mt === 'application/yaml' || mt === 'application/apply-patch+yaml') {
    try {
      return { value: parseYaml(raw), text: raw };
    } catch (e) {
      throw badRequest(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  if (mt !== 'application/json' && !mt.endsWith('+json') && mt !== '*/*' && mt !== '') {
    throw unsupportedMediaType(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
  }
  try {
    return { value: JSON.parse(raw), text: raw };
  } catch (e) {
    throw badRequest(goJsonError(raw, e as Error));
  }
}

/**
 * Go's encoding/json syntax error text for the first problem in `text`: what kubectl shows after
 * `couldn't get version/kind; json parse error: ` (or in a decode error).
 */
export function goJsonError(text: string, _e: Error): string {
  const trimmed = text.trim();
  if (!trimmed) return 'unexpected end of JSON input';
  const m = /position (\d+)/.exec(_e.message);
  let pos = m ? Number(m[1]) : -1;
  if (pos < 0 || pos >= text.length) return 'unexpected end of JSON input';
  const ch = text[pos];
  const q = ch === "'" ? "'\\''" : `'${ch}'`;
  // The common case: a stray character where a value or a key was expected.
  const before = text.slice(0, pos).trimEnd();
  const last = before[before.length - 1];
  if (last === undefined || last === ':' || last === '[' || last === ',') {
    if (last === ',' && /[{,]\s*"[^"]*"\s*:\s*[^,]*,\s*$/.test(before + ' ') && ch !== '"') {
      return `invalid character ${q} looking for beginning of object key string`;
    }
    return `invalid character ${q} looking for beginning of value`;
  }
  if (last === '{') return `invalid character ${q} looking for beginning of object key string`;
  return `invalid character ${q} after object key:value pair`;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
