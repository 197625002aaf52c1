// resource.Quantity from k8s.io/apimachinery/pkg/api/resource: parsing (with its quirks), exact
// arithmetic and the canonical String() the apiserver serialises ("0.5" -> "500m").
// Values are held exactly as integer nano-units (BigInt): after parsing, Kubernetes rounds every
// value up (away from zero) to nano precision, so nothing finer ever exists.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** the value times 10^9 */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
  /** the original text, kept when it is already canonical (Go caches it and serialises it as is) */
  readonly s?: string;
}

export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityParseError extends Error {}

const NANO = 10n ** 9n;
const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
// A guard against absurd exponents ("1e999999999"); Go would try to compute them.
const MAX_EXPONENT = 100_000;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

interface Scanned {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

// parseQuantityString: sign, leading zeros, numerator, optional '.' denominator, then suffix.
function scan(str: string): Scanned {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, num, denom: '', suffix: '' };
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, num, denom, suffix: '' };
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityParseError(ERR_FORMAT_WRONG);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) > MAX_EXPONENT) throw new QuantityParseError(ERR_NUMERIC);
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityParseError(ERR_SUFFIX);
}

// Divide rounding away from zero (inf.RoundUp on a magnitude).
function divUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : a < 0n ? q - 1n : q + 1n;
}

/** resource.ParseQuantity. Throws QuantityParseError with apimachinery's message. */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityParseError(ERR_FORMAT_WRONG);
  if (str === '0') return { nanos: 0n, format: 'DecimalSI', s: '0' };
  const { positive, num, denom, suffix } = scan(str);
  const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);
  let format = parsedFormat;
  const fast = fastPath(num, denom, base, exponent);
  // Off the int64 fast path Go parses the text before the suffix as a decimal, which needs a digit.
  if (!fast.taken && !/[0-9]/.test(str.slice(0, str.length - suffix.length))) throw new QuantityParseError(ERR_NUMERIC);

  const digits = BigInt(num + denom);
  // exact value = digits * 10^-len(denom) * base^exponent, expressed in nanos
  let magnitude: bigint;
  if (base === 10) {
    const p = 9 - denom.length + exponent;
    magnitude = p >= 0 ? digits * 10n ** BigInt(p) : divUp(digits, 10n ** BigInt(-p));
  } else {
    const scaled = digits * 2n ** BigInt(exponent);
    const p = 9 - denom.length;
    magnitude = p >= 0 ? scaled * 10n ** BigInt(p) : divUp(scaled, 10n ** BigInt(-p));
  }
  if (format === 'BinarySI' && magnitude > MAX_INT64 * NANO) magnitude = MAX_INT64 * NANO;
  if (format === 'BinarySI' && magnitude > 0n && magnitude < NANO) format = 'DecimalSI';
  const nanos = positive ? magnitude : -magnitude;
  const q: Quantity = { nanos, format };
  return fast.keepsText ? { ...q, s: str } : q;
}

// Go's int64 fast path: whether it applies, and whether it keeps the input text because it is
// already canonical.
function fastPath(num: string, denom: string, base: 10 | 2, exponent: number): { taken: boolean; keepsText: boolean } {
  const no = { taken: false, keepsText: false };
  const shifted = num + denom;
  let precision: number;
  let scale: number;
  if (base === 10) {
    scale = exponent - denom.length;
    precision = 18 - shifted.length;
  } else {
    scale = 0;
    precision = exponent >= 0 && denom.length === 0 ? 15 - num.length - Math.trunc((exponent * 3) / 10) - 1 : -1;
  }
  if (precision < 0 || scale < -9) return no;
  const value = BigInt(shifted);
  const result = base === 2 ? value << BigInt(exponent) : value;
  if (result > MAX_INT64) return no;
  if (base === 2) return { taken: true, keepsText: exponent % 10 === 0 && (value & 7n) !== 0n };
  return { taken: true, keepsText: scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0' };
}

/** Parses or returns undefined. */
export function tryParseQuantity(str: string): Quantity | undefined {
  try {
    return parseQuantity(str);
  } catch {
    return undefined;
  }
}

/**
 * Quantity.UnmarshalJSON: a JSON string or number, surrounding whitespace ignored; null is zero.
 * Throws QuantityParseError.
 */
export function quantityFromJSON(v: unknown): Quantity {
  if (v === null || v === undefined) return { nanos: 0n, format: 'DecimalExponent' };
  if (typeof v === 'number') return parseQuantity(String(v));
  if (typeof v === 'string') return parseQuantity(v.trim());
  throw new QuantityParseError(ERR_FORMAT_WRONG);
}

function stripFactors(n: bigint, base: bigint): [bigint, number] {
  let times = 0;
  let m = n < 0n ? -n : n;
  while (m >= base && m % base === 0n) {
    m /= base;
    times++;
  }
  return [n < 0n ? -m : m, times];
}

/** Quantity.String(): the cached original if canonical, else the canonical form. */
export function quantityString(q: Quantity): string {
  if (q.s) return q.s;
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO;
    if (small || q.nanos % NANO !== 0n) format = 'DecimalSI';
  } else if (format !== 'DecimalSI') {
    format = 'DecimalExponent';
  }
  if (format === 'BinarySI') {
    const [m, times] = stripFactors(q.nanos / NANO, 1024n);
    return m.toString() + (['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][times] ?? '');
  }
  let [m, e] = stripFactors(q.nanos, 10n);
  e -= 9;
  while (e % 3 !== 0) {
    m *= 10n;
    e--;
  }
  if (format === 'DecimalExponent') return m.toString() + (e === 0 ? '' : `e${e}`);
  // Go finds no DecimalSI suffix beyond E (10^18) and then prints none.
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((k) => DECIMAL_SUFFIXES[k] === e) ?? '';
  return m.toString() + suffix;
}

/** Parses and prints canonically: canonicalQuantity("0.5") === "500m". Throws on bad input. */
export function canonicalQuantity(str: string): string {
  return quantityString(parseQuantity(str));
}

export function cmpQuantity(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

export function isZeroQuantity(q: Quantity): boolean {
  return q.nanos === 0n;
}

export function quantitySign(q: Quantity): -1 | 0 | 1 {
  return q.nanos < 0n ? -1 : q.nanos > 0n ? 1 : 0;
}

/** Quantity.Add: when the receiver is zero it takes y's format. */
export function addQuantity(q: Quantity, y: Quantity): Quantity {
  return { nanos: q.nanos + y.nanos, format: q.nanos === 0n ? y.format : q.format };
}

/** Quantity.Sub: when the receiver is zero it takes y's format. */
export function subQuantity(q: Quantity, y: Quantity): Quantity {
  return { nanos: q.nanos - y.nanos, format: q.nanos === 0n ? y.format : q.format };
}

export function negQuantity(q: Quantity): Quantity {
  return { nanos: -q.nanos, format: q.format };
}

/** Sum of quantities (a zero DecimalSI for none). */
export function sumQuantities(qs: Iterable<Quantity>): Quantity {
  let total: Quantity = { nanos: 0n, format: 'DecimalSI' };
  for (const q of qs) total = addQuantity(total, q);
  return total;
}

function toInt64(n: bigint): bigint {
  // Go's int64 arithmetic would wrap; clamp instead so callers see a sane extreme.
  return n > MAX_INT64 ? MAX_INT64 : n < MIN_INT64 ? MIN_INT64 : n;
}

/** Quantity.ScaledValue(scale): the value in units of 10^scale, rounded away from zero. */
export function scaledValue(q: Quantity, scale: number): bigint {
  const p = 9 + scale;
  const v = p >= 0 ? divUp(q.nanos, 10n ** BigInt(p)) : q.nanos * 10n ** BigInt(-p);
  return toInt64(v);
}

/** Quantity.Value(): rounded away from zero. */
export function quantityValue(q: Quantity): number {
  return Number(scaledValue(q, 0));
}

/** Quantity.MilliValue(): value * 1000, rounded away from zero. */
export function toMilli(q: Quantity): number {
  return Number(scaledValue(q, -3));
}

/** Quantity.AsApproximateFloat64 */
export function quantityToNumber(q: Quantity): number {
  return Number(q.nanos) / 1e9;
}

/** resource.NewQuantity */
export function newQuantity(value: number | bigint, format: QuantityFormat): Quantity {
  return { nanos: BigInt(value) * NANO, format };
}

/** resource.NewMilliQuantity */
export function newMilliQuantity(milli: number | bigint, format: QuantityFormat): Quantity {
  return { nanos: BigInt(milli) * 10n ** 6n, format };
}

/** resource.NewScaledQuantity: value * 10^scale, DecimalSI. */
export function newScaledQuantity(value: number | bigint, scale: number): Quantity {
  const p = 9 + scale;
  const v = BigInt(value);
  return { nanos: p >= 0 ? v * 10n ** BigInt(p) : divUp(v, 10n ** BigInt(-p)), format: 'DecimalSI' };
}
