// A stable content hash for the OpenAPI documents' `?hash=` URLs. kube-apiserver uses the upper-case
// hex of a SHA-512; clients treat the value as opaque, so a fast pure 4x32-bit mix is enough here.

/** 32 upper-case hex digits; the same text always gives the same hash. */
export function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b1;
  let h3 = 0x85ebca6b;
  let h4 = 0xc2b2ae35;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h3 = Math.imul(h3 ^ c, 0x27d4eb2f);
    h4 = Math.imul(h4 ^ c, 0x165667b1);
  }
  const mix = (h: number, k: number): number => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b ^ k);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  };
  const a = mix(h1 ^ text.length, h2);
  const b = mix(h2 ^ a, h3);
  const c = mix(h3 ^ b, h4);
  const d = mix(h4 ^ c, h1);
  return [a, b, c, d].map((x) => x.toString(16).toUpperCase().padStart(8, '0')).join('');
}
