// Time and bytes: sleep (virtual, interruptible), date, yes, base64.
import { readAll } from '../streams';
import type { Program } from '../types';
import { DATE_DEFAULT, MONTHS, strftime } from './strftime';
import { err, errText, getopt, has, last, out, q, qa, readInput, withUsage } from './util';

export const sleep: Program = async (argv, io) => {
  const args = argv.slice(1);
  if (!args.length) {
    await err(io, "sleep: missing operand\nTry 'sleep --help' for more information.");
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      await err(io, `sleep: invalid time interval ${q(a)}\nTry 'sleep --help' for more information.`);
      return 1;
    }
    total += Number(m[1]) * ({ s: 1, m: 60, h: 3600, d: 86400, '': 1 } as Record<string, number>)[m[2]];
  }
  await io.sleep(total * 1000);
  return io.signal.aborted ? 130 : 0;
};

function parseDate(s: string, now: number): number | null {
  const t = s.trim();
  if (t === '' || t === 'now') return now;
  if (/^@-?\d+(\.\d+)?$/.test(t)) return Number(t.slice(1)) * 1000;
  if (t === 'yesterday') return now - 86400000;
  if (t === 'tomorrow') return now + 86400000;
  const rel = /^([-+]?\d+)\s*(second|sec|minute|min|hour|day|week)s?(\s+ago)?$/.exec(t);
  if (rel) {
    const unit = { second: 1, sec: 1, minute: 60, min: 60, hour: 3600, day: 86400, week: 604800 }[rel[2]]!;
    return now + Number(rel[1]) * unit * 1000 * (rel[3] ? -1 : 1);
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(Z|UTC)?$/.exec(t);
  if (iso) return Date.UTC(+iso[1], +iso[2] - 1, +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0));
  const mon = /^(\w{3})\s+(\d{1,2})(?:\s+(\d{4}))?$/.exec(t);
  if (mon && MONTHS.includes(mon[1])) return Date.UTC(mon[3] ? +mon[3] : new Date(now).getUTCFullYear(), MONTHS.indexOf(mon[1]), +mon[2]);
  return null;
}

export const date: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('date', argv, { flags: 'uRI', args: 'dr', long: { utc: 'u', 'date=': 'd', rfc: 'R', 'rfc-2822': 'R', 'iso-8601': 'I', 'iso-8601=': 'I', 'reference=': 'r', universal: 'u' } });
    let t = io.now();
    const d = last(p, 'd');
    if (d !== undefined) {
      const v = parseDate(d, t);
      if (v === null) {
        await err(io, `date: invalid date ${q(d)}`);
        return 1;
      }
      t = v;
    }
    const r = last(p, 'r');
    if (r !== undefined) {
      const st = io.fs.stat(io.fs.resolve(io.cwd, r));
      if (!st) {
        await err(io, `date: ${r}: No such file or directory`);
        return 1;
      }
      t = st.mtime;
    }
    const fmtArg = p.operands.find((o) => o.startsWith('+'));
    const extra = p.operands.find((o) => !o.startsWith('+'));
    if (extra !== undefined) {
      await err(io, `date: invalid date ${q(extra)}`);
      return 1;
    }
    let fmt = DATE_DEFAULT;
    if (fmtArg) fmt = fmtArg.slice(1);
    else if (has(p, 'R')) fmt = '%a, %d %b %Y %H:%M:%S %z';
    else if (has(p, 'I')) {
      const precision = last(p, 'I') || 'date';
      fmt = precision.startsWith('s') ? '%Y-%m-%dT%H:%M:%S+00:00' : precision.startsWith('m') ? '%Y-%m-%dT%H:%M+00:00' : precision.startsWith('h') ? '%Y-%m-%dT%H+00:00' : '%Y-%m-%d';
    }
    await out(io, strftime(fmt, t) + '\n');
    return 0;
  });

export const yes: Program = async (argv, io) => {
  const line = (argv.length > 1 ? argv.slice(1).join(' ') : 'y') + '\n';
  const batch = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  // Bounded only by Ctrl-C or a closed pipe; yields so the host stays responsive.
  for (let i = 0; !io.signal.aborted; i++) {
    await io.stdout.write(batch);
    if (i % 16 === 15) await io.sleep(0);
  }
  return 130;
};

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function utf8Encode(s: string): number[] {
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

export function utf8Decode(bytes: number[]): string {
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >> 5 === 6 ? 1 : b >> 4 === 14 ? 2 : b >> 3 === 30 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length + (need === 0 ? 1 : 0)) {
      s += '\ufffd';
      i++;
      continue;
    }
    let c = need === 0 ? b : b & (0x3f >> need);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const n = bytes[i + k];
      if (n === undefined || n >> 6 !== 2) ok = false;
      else c = (c << 6) | (n & 63);
    }
    if (!ok) {
      s += '\ufffd';
      i++;
      continue;
    }
    s += String.fromCodePoint(c);
    i += need + 1;
  }
  return s;
}

export const base64: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('base64', argv, { flags: 'di', args: 'w', long: { decode: 'd', 'ignore-garbage': 'i', 'wrap=': 'w' } });
    const f = p.operands[0] ?? '-';
    let text: string;
    try {
      text = f === '-' ? await readAll(io.stdin) : await readInput(io, f);
    } catch (e) {
      await err(io, `base64: ${qa(f)}: ${errText(e)}`);
      return 1;
    }
    if (has(p, 'd')) {
      let clean = text.replace(/\s+/g, '');
      if (has(p, 'i')) clean = clean.replace(/[^A-Za-z0-9+/=]/g, '');
      const bytes: number[] = [];
      let buf = 0;
      let bits = 0;
      let bad = false;
      for (let i = 0; i < clean.length; i++) {
        const c = clean[i];
        if (c === '=') {
          if (!/^=*$/.test(clean.slice(i)) || clean.length % 4 !== 0) bad = true;
          break;
        }
        const v = B64.indexOf(c);
        if (v < 0) {
          bad = true;
          break;
        }
        buf = (buf << 6) | v;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          bytes.push((buf >> bits) & 255);
        }
      }
      if (!bad && !clean.includes('=') && clean.length % 4 === 1) bad = true;
      await out(io, utf8Decode(bytes));
      if (bad) {
        await err(io, 'base64: invalid input');
        return 1;
      }
      return 0;
    }
    const bytes = utf8Encode(text);
    let enc = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      enc += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
    }
    const wrapArg = last(p, 'w') ?? '76';
    if (!/^\d+$/.test(wrapArg)) {
      await err(io, `base64: invalid wrap size: ${q(wrapArg)}`);
      return 1;
    }
    const wrap = Number(wrapArg);
    const wrapped = wrap === 0 ? enc : enc.replace(new RegExp(`.{1,${wrap}}`, 'g'), '$&\n').replace(/\n$/, '');
    await out(io, wrapped + (enc ? '\n' : wrap === 0 ? '' : ''));
    return 0;
  });
