// Private fallback for IntOrString handling until src/api/intstr.ts lands (the shared one
// should replace these): Go renderings of intstr.IntOrString used in field error values.

/** An IntOrString JSON value is a number or a string; anything else counts as the zero value. */
export function isIntOrString(v: unknown): v is number | string {
  return typeof v === 'number' || typeof v === 'string';
}

/** %#v of an intstr.IntOrString (a value, so its pointer-receiver String() is not used). */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
  const n = typeof v === 'number' ? v : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

/** getPercentValue: `50%` -> 50. */
export function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || !v.endsWith('%')) return undefined;
  const n = Number(v.slice(0, -1));
  return Number.isInteger(n) && /^[0-9]+$/.test(v.slice(0, -1)) ? n : undefined;
}
