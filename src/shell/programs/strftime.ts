// strftime for `date +FORMAT` and `ls -l`, always in UTC (the playground's machines run UTC).

export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const p2 = (n: number) => String(n).padStart(2, '0');

export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const wd = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, m, day) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    let f = fmt[++i];
    // GNU flags: `-` no padding, `_` space padding.
    let pad: '0' | '' | ' ' = '0';
    if (f === '-' || f === '_') {
      pad = f === '-' ? '' : ' ';
      f = fmt[++i] ?? '';
    }
    const n2 = (n: number) => (pad === '' ? String(n) : String(n).padStart(2, pad));
    switch (f) {
      case 'Y': out += Y; break;
      case 'y': out += p2(Y % 100); break;
      case 'C': out += p2(Math.floor(Y / 100)); break;
      case 'm': out += n2(m + 1); break;
      case 'd': out += n2(day); break;
      case 'e': out += pad === '' ? String(day) : String(day).padStart(2, ' '); break;
      case 'H': out += n2(H); break;
      case 'k': out += String(H).padStart(2, ' '); break;
      case 'I': out += n2(((H + 11) % 12) + 1); break;
      case 'l': out += String(((H + 11) % 12) + 1).padStart(2, ' '); break;
      case 'M': out += n2(M); break;
      case 'S': out += n2(S); break;
      case 'N': out += String((ms % 1000 + 1000) % 1000).padStart(3, '0') + '000000'; break;
      case 'p': out += H < 12 ? 'AM' : 'PM'; break;
      case 'P': out += H < 12 ? 'am' : 'pm'; break;
      case 'a': out += DAYS[wd]; break;
      case 'A': out += DAYS_LONG[wd]; break;
      case 'b': case 'h': out += MONTHS[m]; break;
      case 'B': out += MONTHS_LONG[m]; break;
      case 'j': out += String(yday).padStart(3, '0'); break;
      case 'u': out += wd === 0 ? 7 : wd; break;
      case 'w': out += wd; break;
      case 's': out += Math.floor(ms / 1000); break;
      case 'Z': out += 'UTC'; break;
      case 'z': out += '+0000'; break;
      case 'T': out += `${p2(H)}:${p2(M)}:${p2(S)}`; break;
      case 'R': out += `${p2(H)}:${p2(M)}`; break;
      case 'D': out += `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`; break;
      case 'F': out += `${Y}-${p2(m + 1)}-${p2(day)}`; break;
      case 'c': out += `${DAYS[wd]} ${MONTHS[m]} ${String(day).padStart(2, ' ')} ${p2(H)}:${p2(M)}:${p2(S)} ${Y}`; break;
      case 'x': out += `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`; break;
      case 'X': out += `${p2(H)}:${p2(M)}:${p2(S)}`; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '%': out += '%'; break;
      default: out += '%' + f;
    }
  }
  return out;
}

/** `date`'s default output: `Mon Nov 23 09:00:00 UTC 2026`. */
export const DATE_DEFAULT = '%a %b %e %H:%M:%S %Z %Y';
