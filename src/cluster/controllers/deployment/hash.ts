// controller.ComputeHash: the pod-template-hash. Upstream feeds the template (printed by spew)
// and then collisionCount (4 bytes, little endian) to FNV-32a and encodes the decimal digits of
// the sum with rand.SafeEncodeString. We print the template as canonical JSON instead (sorted
// keys, null and empty values dropped), so the value differs from a real cluster's, but it has
// the same form (at most 10 characters of "bcdfghjklmnpqrstvwxz2456789") and the same
// properties: deterministic, equal for equal templates, changed by collisionCount.
import { normalize, type PodTemplate } from './util';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

function fnv32aUpdate(h: number, bytes: Iterable<number>): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** UTF-8 bytes of a string (no TextEncoder in the pure cluster code). */
export function* utf8(s: string): Generator<number> {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) yield c;
    else if (c < 0x800) {
      yield 0xc0 | (c >> 6);
      yield 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      yield 0xe0 | (c >> 12);
      yield 0x80 | ((c >> 6) & 0x3f);
      yield 0x80 | (c & 0x3f);
    } else {
      yield 0xf0 | (c >> 18);
      yield 0x80 | ((c >> 12) & 0x3f);
      yield 0x80 | ((c >> 6) & 0x3f);
      yield 0x80 | (c & 0x3f);
    }
  }
}

/** FNV-32a of a string's UTF-8 bytes. */
export function fnv32a(s: string): number {
  return fnv32aUpdate(FNV32_OFFSET, utf8(s));
}

/** rand.SafeEncodeString: each byte mapped into an alphabet without vowels or look-alikes. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** The text that stands for spew's dump of the template. */
export function templateHashInput(template: PodTemplate): string {
  return JSON.stringify(normalize(template) ?? {});
}

/** ComputeHash(template, collisionCount). */
export function computeHash(template: PodTemplate, collisionCount?: number | null): string {
  let h = fnv32aUpdate(FNV32_OFFSET, utf8(templateHashInput(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const n = collisionCount >>> 0;
    h = fnv32aUpdate(h, [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
  }
  return safeEncodeString(String(h));
}
