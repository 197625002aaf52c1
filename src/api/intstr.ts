// intstr.IntOrString helpers (k8s.io/apimachinery/pkg/util/intstr). On the wire an IntOrString is a
// JSON number or a string, so it is `number | string` here.
import { isValidPercent } from './names';

export type IntOrString = number | string;

const INT_MAX = 2 ** 63 - 1;

/** Go strconv.Atoi on a 64-bit platform, with its error text. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (BigInt(s) > BigInt(INT_MAX) || BigInt(s) < -(2n ** 63n))
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** IntOrString.String(): the number printed, or the string as is. */
export function intOrStringToString(v: IntOrString): string {
  return typeof v === 'number' ? String(v) : v;
}

/** IntOrString.IntValue(): a string is parsed with Atoi, 0 when it is not a number. */
export function intValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  try {
    return atoi(v);
  } catch {
    return 0;
  }
}

/** A string of the form `<digits>%` (what apps validation accepts as a percentage). */
export function isPercent(v: IntOrString | undefined | null): v is string {
  return typeof v === 'string' && isValidPercent(v).length === 0;
}

/** The number in `25%`, or undefined when v is not a valid percentage. */
export function percentValue(v: IntOrString | undefined | null): number | undefined {
  return isPercent(v) ? atoi(v.slice(0, -1)) : undefined;
}

/** intstr.ValueOrDefault */
export function valueOrDefault(v: IntOrString | undefined | null, def: IntOrString): IntOrString {
  return v === undefined || v === null ? def : v;
}

function intOrPercentValue(v: IntOrString): [number, boolean] {
  if (typeof v === 'number') return [v, false];
  if (!v.endsWith('%')) throw new Error('invalid type: string is not a percentage');
  const s = v.slice(0, -1);
  try {
    return [atoi(s), true];
  } catch (e) {
    throw new Error(`invalid value ${JSON.stringify(v)}: ${(e as Error).message}`);
  }
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, a percentage of total rounded up or down.
 * Throws `nil value for IntOrString` or `invalid value for IntOrString: ...` as apimachinery does.
 */
export function getScaledValueFromIntOrPercent(
  v: IntOrString | undefined | null,
  total: number,
  roundUp: boolean,
): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString');
  let value: number;
  let percent: boolean;
  try {
    [value, percent] = intOrPercentValue(v);
  } catch (e) {
    throw new Error(`invalid value for IntOrString: ${(e as Error).message}`);
  }
  if (!percent) return value;
  const scaled = (value * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
