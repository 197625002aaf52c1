// apimachinery pkg/util/duration: the AGE column texts. Durations are in milliseconds (Go passes a
// time.Duration; integer truncation toward zero is kept exactly).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// Go's int(x) on a float and integer division of a Duration both truncate toward zero.
const trunc = (x: number) => Math.trunc(x);

/** duration.ShortHumanDuration: one unit (`45s`, `5m`, `3h`, `12d`, `2y`). */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  return `${trunc(ms / HOUR / 24 / 365)}y`;
}

/** duration.HumanDuration: ~2-3 significant figures (`119s`, `5m3s`, `3h10m`, `2d4h`, `2y30d`). */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

// 0001-01-01T00:00:00Z, Go's zero time.Time (metav1.Time.IsZero).
const ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/** Milliseconds of an RFC 3339 timestamp, or undefined for a zero, absent or unparseable time. */
export function parseTime(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const ms = Date.parse(ts);
  if (Number.isNaN(ms) || ms === ZERO_TIME_MS) return undefined;
  return ms;
}

/**
 * translateTimestampSince (kubectl and the apiserver's printers): `<unknown>` for a missing or
 * zero timestamp, else the HumanDuration since it; `nowMs` comes from the caller's clock.
 */
export function translateTimestampSince(timestamp: unknown, nowMs: number): string {
  const t = parseTime(timestamp);
  return t === undefined ? '<unknown>' : humanDuration(nowMs - t);
}
