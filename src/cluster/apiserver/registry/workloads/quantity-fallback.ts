// Private fallback until src/api/quantity.ts lands: enough of resource.Quantity to validate
// requests/limits and compute the QoS class. Values are compared as JS numbers (base units).

const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const SUFFIX: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The quantity in base units, or undefined when it does not parse. */
export function parseQuantityValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  const m = QUANTITY_RE.exec(s);
  if (!m) return undefined;
  const num = Number(m[1]);
  if (!Number.isFinite(num) || m[1] === '.' || (m[1].match(/\./g) ?? []).length > 1) return undefined;
  const suf = m[2];
  if (suf in SUFFIX) return num * SUFFIX[suf];
  const e = /^[eE]([-+]?[0-9]+)$/.exec(suf);
  if (e) return num * 10 ** Number(e[1]);
  return undefined;
}

/** Quantity.String(); the fallback keeps the text as written (numbers as plain decimals). */
export function quantityString(v: unknown): string {
  return typeof v === 'number' ? String(v) : String(v ?? '');
}
