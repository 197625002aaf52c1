// Seeded randomness: the same seed gives the same names, IPs, ports and UIDs every run.

const HEX = '0123456789abcdef';
const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
const DASH = 45;
/** Scratch buffers for building strings from char codes (one fromCharCode instead of n concatenations). */
const codes64: number[] = new Array(64).fill(0);
const codes36: number[] = new Array(36).fill(0);

export class Rand {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 expands one seed into sfc32's four words.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next() | 0;
    this.b = next() | 0;
    this.c = next() | 0;
    this.d = next() | 0;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    // sfc32. The state is kept as int32 (| 0): small integers stay unboxed, where uint32 values
    // above 2^31 would be heap numbers; the bits, and so the stream, are the same.
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** n characters from the alphabet apimachinery's rand.String uses for generated names. */
  nameSuffix(n = 5): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  hex(n: number): string {
    // int(16) is the top four bits of the draw (u / 2^32 * 16 is exact): same stream, no floats.
    const out = n === 64 ? codes64 : new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = HEX_CODES[this.uint32() >>> 28];
    return String.fromCharCode.apply(null, out);
  }

  /** A version-4 UUID. */
  uuid(): string {
    // Draws 32 hex digits then the variant digit, as before (the stream, so every later name,
    // stays the same); digit 12 is the version and digit 16 the variant. int(16) and int(4) are
    // the top bits of each draw.
    const out = codes36;
    let j = 0;
    for (let i = 0; i < 32; i++) {
      const d = HEX_CODES[this.uint32() >>> 28];
      if (i === 8 || i === 12 || i === 16 || i === 20) out[j++] = DASH;
      out[j++] = i === 12 ? 52 /* '4' */ : d;
    }
    out[19] = '89ab'.charCodeAt(this.uint32() >>> 30);
    return String.fromCharCode.apply(null, out);
  }
}
