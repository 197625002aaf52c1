// Decoding of the scalar types with their own UnmarshalJSON: resource.Quantity and metav1.Time.
// Each returns the error text the Go decoder would return, or undefined when the value decodes.

const QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIXES = new Set(['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);

/** resource.ParseQuantity's errors. */
export function quantityError(s: string): string | undefined {
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(s.trim());
  if (!m) return QUANTITY_FORMAT;
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(m[1])) return 'unable to parse numeric part of quantity';
  const suffix = m[2];
  if (!SUFFIXES.has(suffix) && !/^[eE][-+]?[0-9]+$/.test(suffix)) return "unable to parse quantity's suffix";
  return undefined;
}

const LAYOUT = '2006-01-02T15:04:05Z07:00';

/** time.Parse(time.RFC3339, s)'s error, in Go's words, for the common mistakes. */
export function rfc3339Error(s: string): string | undefined {
  const fail = (rest: string, elem: string) => `parsing time ${JSON.stringify(s)} as "${LAYOUT}": cannot parse ${JSON.stringify(rest)} as "${elem}"`;
  const steps: [RegExp, string][] = [
    [/^[0-9]{4}/, '2006'],
    [/^-/, '-'],
    [/^[0-9]{2}/, '01'],
    [/^-/, '-'],
    [/^[0-9]{2}/, '02'],
    [/^T/, 'T'],
    [/^[0-9]{2}/, '15'],
    [/^:/, ':'],
    [/^[0-9]{2}/, '04'],
    [/^:/, ':'],
    [/^[0-9]{2}(\.[0-9]+)?/, '05'],
    [/^(Z|[+-][0-9]{2}:[0-9]{2})/, 'Z07:00'],
  ];
  let rest = s;
  const nums: number[] = [];
  for (const [re, elem] of steps) {
    const m = re.exec(rest);
    if (!m) return fail(rest, elem);
    if (/^[0-9]/.test(m[0])) nums.push(parseInt(m[0], 10));
    rest = rest.slice(m[0].length);
  }
  if (rest) return `parsing time ${JSON.stringify(s)}: extra text: ${JSON.stringify(rest)}`;
  const [, month, day, hour, min, sec] = nums;
  const range = (what: string) => `parsing time ${JSON.stringify(s)}: ${what} out of range`;
  if (month < 1 || month > 12) return range('month');
  if (day < 1 || day > 31) return range('day');
  if (hour > 23) return range('hour');
  if (min > 59) return range('minute');
  if (sec > 59) return range('second');
  return undefined;
}

/** base64.StdEncoding's CorruptInputError text, or undefined for valid base64. */
export function base64Error(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '=') {
      const pad = s.slice(i);
      if ((pad === '=' || pad === '==') && s.length % 4 === 0) return undefined;
      return `illegal base64 data at input byte ${i}`;
    }
    if (!/[A-Za-z0-9+/\r\n]/.test(c)) return `illegal base64 data at input byte ${i}`;
  }
  const n = s.replace(/[\r\n]/g, '').length;
  if (n % 4 !== 0) return `illegal base64 data at input byte ${n - (n % 4)}`;
  return undefined;
}
