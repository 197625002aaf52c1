// The small printing helpers every describer shares (describe.go's printLabelsMultiline,
// printAnnotationsMultiline, tolerations, taints, times), kept byte-compatible with kubectl v1.32.
import { humanDuration, parseTime } from '../../api/duration';
import { parseQuantity, quantityString, type Quantity } from '../../api/quantity';
import { LEVEL_0, type Writer } from './writer';

/** Objects travel as plain JSON; describers read them loosely, as kubectl's typed decoding would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type J = any;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/**
 * time.RFC1123Z (`Mon, 01 Jun 2015 10:00:00 +0000`). kubectl prints in the machine's zone; the
 * playground has one zone, UTC. A missing time is Go's zero time, as a nil-safe struct prints it.
 */
export function rfc1123z(ts: unknown): string {
  const ms = typeof ts === 'string' && ts !== '' ? Date.parse(ts) : NaN;
  if (Number.isNaN(ms)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${year} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** translateTimestampSince with the caller's clock: `<unknown>` for a zero time. */
export function since(ts: unknown, now: number): string {
  const t = parseTime(ts);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

export function stringOrNone(s: string | undefined): string {
  return s ? s : '<none>';
}

/** Go's %v of a bool. */
export const goBool = (b: unknown): string => (b === true ? 'true' : 'false');

/** printBool: True/False as describe prints readiness. */
export const printBool = (b: unknown): string => (b === true ? 'True' : 'False');

/** Quantity.String() of a JSON quantity (a zero Quantity prints `0`). */
export function q(v: unknown): string {
  if (v === undefined || v === null || v === '') return '0';
  try {
    return quantityString(parseQuantity(String(v)));
  } catch {
    return String(v);
  }
}

export function quantity(v: unknown): Quantity {
  if (v === undefined || v === null || v === '') return { nanos: 0n, format: 'DecimalSI' };
  try {
    return parseQuantity(String(v));
  } catch {
    return { nanos: 0n, format: 'DecimalSI' };
  }
}

/** Resource names in Go string order (SortedResourceNames). */
export const sortedKeys = (m: Record<string, unknown> | undefined | null): string[] => Object.keys(m ?? {}).sort(goLess);

/** sort.Strings compares bytes; for the ASCII names here that is UTF-16 code unit order. */
export function goLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function printLabelsMultilineWithIndent(w: Writer, initialIndent: string, title: string, innerIndent: string, labels: Record<string, string> | undefined, skip: Set<string> = new Set()): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).filter((k) => !skip.has(k)).sort(goLess);
  if (!keys.length) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

export function printLabelsMultiline(w: Writer, title: string, labels: Record<string, string> | undefined): void {
  printLabelsMultilineWithIndent(w, '', title, '\t', labels);
}

const MAX_ANNOTATION_LEN = 140;
// The client-side apply bookkeeping is noise to a reader; kubectl never shows it.
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function shorten(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '...' : s;
}

export function printAnnotationsMultiline(w: Writer, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort(goLess);
  if (!keys.length) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = String(annotations![key]).replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** Taint.ToString: `key=value:Effect`, `key:Effect`. */
export function taintString(t: J): string {
  if (t.value) return `${t.key}=${t.value}:${t.effect ?? ''}`;
  return `${t.key}:${t.effect ?? ''}`;
}

export function printTaintsMultilineWithIndent(w: Writer, initialIndent: string, title: string, innerIndent: string, taints: J[] | undefined): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!taints?.length) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: J) => `${t.effect ?? ''},${t.key ?? ''}`;
  const sorted = [...taints].sort((a, b) => goLess(key(a), key(b)));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

export function printTolerationsMultilineWithIndent(w: Writer, initialIndent: string, title: string, innerIndent: string, tolerations: J[] | undefined): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations?.length) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => goLess(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    // `operator: Exists` with no key tolerates everything; kubectl prints it bare.
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, s + '\n');
  });
}

/** metav1.GetControllerOf as `Kind/name`, or ''. */
export function printController(o: J): string {
  const ref = (o?.metadata?.ownerReferences ?? []).find((r: J) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** intstr's String(): numbers as digits, strings as they are. */
export function intOrString(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}
