// File programs on the workspace: cat, ls, touch, rm, rmdir, mkdir, mv, cp.
import { basename } from '../fs';
import type { Program, ProgramIO } from '../types';
import { strftime } from './strftime';
import { byteCompare, err, errText, getopt, has, out, q, qa, qaAlways, readInput, withUsage } from './util';

export const cat: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('cat', argv, { flags: 'nbAEsTuv', long: { number: 'n', 'number-nonblank': 'b', 'show-ends': 'E', 'squeeze-blank': 's' } });
    const files = p.operands.length ? p.operands : ['-'];
    let status = 0;
    let lineNo = 0;
    for (const f of files) {
      let text: string;
      try {
        text = await readInput(io, f);
      } catch (e) {
        await err(io, `cat: ${qa(f)}: ${errText(e)}`);
        status = 1;
        continue;
      }
      if (has(p, 'n') || has(p, 'b') || has(p, 'E') || has(p, 'A')) {
        const parts = text.split('\n');
        const endsNl = text.endsWith('\n');
        if (endsNl) parts.pop();
        text = parts
          .map((l, i) => {
            const end = has(p, 'E') || has(p, 'A') ? (i < parts.length - 1 || endsNl ? '$' : '') : '';
            const numbered = has(p, 'b') ? l !== '' : has(p, 'n');
            return (numbered ? `${String(++lineNo).padStart(6)}\t` : '') + l + end;
          })
          .join('\n') + (endsNl ? '\n' : '');
      }
      await out(io, text);
    }
    return status;
  });

function modeString(type: 'file' | 'dir'): string {
  return type === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--';
}

/** `Nov 23 09:00` for recent files, `Nov 23  2025` for those over six months old, as ls does. */
function lsDate(mtime: number, now: number): string {
  const sixMonths = (365.2425 / 2) * 86400000;
  return Math.abs(now - mtime) > sixMonths ? strftime('%b %e  %Y', mtime) : strftime('%b %e %H:%M', mtime);
}

function columns(names: string[], width = 80): string {
  if (!names.length) return '';
  const colw = Math.max(...names.map((n) => n.length)) + 2;
  const cols = Math.max(1, Math.floor(width / colw));
  const rows = Math.ceil(names.length / cols);
  if (rows === 1) return names.join('  ') + '\n';
  let text = '';
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < cols; c++) {
      const n = names[c * rows + r];
      if (n !== undefined) row.push(n);
    }
    text += row.map((n, i) => (i < row.length - 1 ? n.padEnd(colw) : n)).join('') + '\n';
  }
  return text;
}

export const ls: Program = (argv, io) =>
  withUsage(io, 2, async () => {
    const p = getopt('ls', argv, { flags: 'laAhR1dFrtS', long: { all: 'a', 'almost-all': 'A', 'human-readable': 'h', directory: 'd', reverse: 'r', 'color=': 'color', color: 'color' } });
    const long = has(p, 'l');
    const all = has(p, 'a');
    const almost = has(p, 'A');
    const one = has(p, '1') || !io.isTTY;
    const classify = has(p, 'F');
    const targets = p.operands.length ? p.operands : ['.'];
    let status = 0;
    const fileOps: string[] = [];
    const dirOps: string[] = [];
    for (const t of targets) {
      const st = io.fs.stat(io.fs.resolve(io.cwd, t));
      if (!st) {
        await err(io, `ls: cannot access ${qaAlways(t)}: No such file or directory`);
        status = 2;
      } else if (st.type === 'dir' && !has(p, 'd')) dirOps.push(t);
      else fileOps.push(t);
    }
    const sortNames = (dir: string, names: string[]) => {
      // LANG=C.UTF-8: plain byte order, so dotfiles and capitals come first.
      const sorted = [...names].sort(byteCompare);
      if (has(p, 't')) sorted.sort((a, b) => (io.fs.stat(io.fs.resolve(dir, b))?.mtime ?? 0) - (io.fs.stat(io.fs.resolve(dir, a))?.mtime ?? 0));
      if (has(p, 'S')) sorted.sort((a, b) => (io.fs.stat(io.fs.resolve(dir, b))?.size ?? 0) - (io.fs.stat(io.fs.resolve(dir, a))?.size ?? 0));
      return has(p, 'r') ? sorted.reverse() : sorted;
    };
    const render = (dir: string, names: string[], display: (n: string) => string, withTotal: boolean) => {
      const decorate = (n: string, type: string) => (classify && type === 'dir' ? n + '/' : n);
      if (!long) {
        const shown = names.map((n) => decorate(display(n), io.fs.stat(io.fs.resolve(dir, n))?.type ?? 'file'));
        return one ? shown.map((n) => n + '\n').join('') : columns(shown);
      }
      const rows = names.map((n) => {
        const path = io.fs.resolve(dir, n);
        const st = io.fs.stat(path)!;
        const links = st.type === 'dir' ? 2 + io.fs.readdir(path).filter((c) => io.fs.isDir(`${path}/${c}`)).length : 1;
        const size = has(p, 'h') ? human(st.size) : String(st.size);
        return { mode: modeString(st.type), links: String(links), size, date: lsDate(st.mtime, io.now()), name: decorate(display(n), st.type), blocks: st.type === 'dir' ? 4 : Math.ceil(st.size / 4096) * 4 };
      });
      const lw = Math.max(1, ...rows.map((r) => r.links.length));
      const sw = Math.max(1, ...rows.map((r) => r.size.length));
      const total = rows.reduce((a, r) => a + r.blocks, 0);
      return (withTotal ? `total ${total}\n` : '') + rows.map((r) => `${r.mode} ${r.links.padStart(lw)} root root ${r.size.padStart(sw)} ${r.date} ${r.name}\n`).join('');
    };
    let text = '';
    if (fileOps.length) text += render(io.cwd, sortNames(io.cwd, fileOps), (n) => n, false);
    const showHeaders = targets.length > 1 || has(p, 'R');
    const queue = sortNames(io.cwd, dirOps);
    let first = !fileOps.length;
    while (queue.length) {
      const d = queue.shift()!;
      const abs = io.fs.resolve(io.cwd, d);
      let names = io.fs.readdir(abs);
      if (!all && !almost) names = names.filter((n) => !n.startsWith('.'));
      names = sortNames(abs, names);
      if (all) names = ['.', '..', ...names];
      if (showHeaders) text += `${first ? '' : '\n'}${d}:\n`;
      first = false;
      text += render(abs, names, (n) => n, true);
      if (has(p, 'R')) {
        const subs = names.filter((n) => n !== '.' && n !== '..' && io.fs.isDir(`${abs}/${n}`)).map((n) => (d === '/' ? `/${n}` : `${d}/${n}`));
        queue.unshift(...subs);
      }
    }
    await out(io, text);
    return status;
  });

function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[u];
}

export const touch: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('touch', argv, { flags: 'acm', args: 'dtr' });
    if (!p.operands.length) {
      await err(io, "touch: missing file operand\nTry 'touch --help' for more information.");
      return 1;
    }
    let status = 0;
    for (const f of p.operands) {
      const path = io.fs.resolve(io.cwd, f);
      if (has(p, 'c') && !io.fs.exists(path)) continue;
      try {
        io.fs.touch(path);
      } catch (e) {
        await err(io, `touch: cannot touch ${qaAlways(f)}: ${errText(e)}`);
        status = 1;
      }
    }
    return status;
  });

export const rm: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('rm', argv, { flags: 'frRvid', long: { force: 'f', recursive: 'r', verbose: 'v' } });
    const force = has(p, 'f');
    const recursive = has(p, 'r') || has(p, 'R');
    if (!p.operands.length) {
      if (force) return 0;
      await err(io, "rm: missing operand\nTry 'rm --help' for more information.");
      return 1;
    }
    let status = 0;
    for (const f of p.operands) {
      const path = io.fs.resolve(io.cwd, f);
      const st = io.fs.stat(path);
      if (!st) {
        if (!force) {
          await err(io, `rm: cannot remove ${qaAlways(f)}: No such file or directory`);
          status = 1;
        }
        continue;
      }
      if (path === '/' && recursive) {
        await err(io, "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe");
        status = 1;
        continue;
      }
      if (st.type === 'dir' && !recursive) {
        if (has(p, 'd') && io.fs.readdir(path).length === 0) io.fs.rmdir(path);
        else {
          await err(io, `rm: cannot remove ${qaAlways(f)}: Is a directory`);
          status = 1;
        }
        continue;
      }
      try {
        io.fs.remove(path, { recursive });
        if (has(p, 'v')) await out(io, `removed ${st.type === 'dir' ? 'directory ' : ''}${qaAlways(f)}\n`);
      } catch (e) {
        await err(io, `rm: cannot remove ${qaAlways(f)}: ${errText(e)}`);
        status = 1;
      }
    }
    return status;
  });

export const rmdir: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('rmdir', argv, { flags: 'pv' });
    if (!p.operands.length) {
      await err(io, "rmdir: missing operand\nTry 'rmdir --help' for more information.");
      return 1;
    }
    let status = 0;
    for (const f of p.operands) {
      try {
        io.fs.rmdir(io.fs.resolve(io.cwd, f));
      } catch (e) {
        await err(io, `rmdir: failed to remove ${qaAlways(f)}: ${errText(e)}`);
        status = 1;
      }
    }
    return status;
  });

export const mkdir: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('mkdir', argv, { flags: 'pv', args: 'm', long: { parents: 'p', verbose: 'v', 'mode=': 'm' } });
    if (!p.operands.length) {
      await err(io, "mkdir: missing operand\nTry 'mkdir --help' for more information.");
      return 1;
    }
    let status = 0;
    for (const d of p.operands) {
      const path = io.fs.resolve(io.cwd, d);
      try {
        if (has(p, 'p') && io.fs.isDir(path)) continue;
        io.fs.mkdir(path, { recursive: has(p, 'p') });
        if (has(p, 'v')) await out(io, `mkdir: created directory ${q(d)}\n`);
      } catch (e) {
        await err(io, `mkdir: cannot create directory ${q(d)}: ${errText(e)}`);
        status = 1;
      }
    }
    return status;
  });

/** Shared by mv and cp: resolves `SRC... DEST` into (source, target) pairs. */
async function pairs(prog: string, io: ProgramIO, operands: string[]): Promise<[string, string][] | null> {
  if (!operands.length) {
    await err(io, `${prog}: missing file operand\nTry '${prog} --help' for more information.`);
    return null;
  }
  if (operands.length === 1) {
    await err(io, `${prog}: missing destination file operand after ${qaAlways(operands[0])}\nTry '${prog} --help' for more information.`);
    return null;
  }
  const dest = operands[operands.length - 1];
  const destAbs = io.fs.resolve(io.cwd, dest);
  const srcs = operands.slice(0, -1);
  if (io.fs.isDir(destAbs)) return srcs.map((s) => [s, `${destAbs}/${basename(s)}`]);
  if (srcs.length > 1) {
    await err(io, `${prog}: target ${qaAlways(dest)} is not a directory`);
    return null;
  }
  return [[srcs[0], destAbs]];
}

export const mv: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('mv', argv, { flags: 'fivnTu' });
    const ps = await pairs('mv', io, p.operands);
    if (!ps) return 1;
    let status = 0;
    for (const [src, to] of ps) {
      const from = io.fs.resolve(io.cwd, src);
      if (!io.fs.exists(from)) {
        await err(io, `mv: cannot stat ${qaAlways(src)}: No such file or directory`);
        status = 1;
        continue;
      }
      try {
        io.fs.rename(from, to);
      } catch (e) {
        await err(io, `mv: cannot move ${qaAlways(src)} to ${qaAlways(to)}: ${errText(e)}`);
        status = 1;
      }
    }
    return status;
  });

export const cp: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('cp', argv, { flags: 'rRafivpn', long: { recursive: 'r', archive: 'a', force: 'f' } });
    const recursive = has(p, 'r') || has(p, 'R') || has(p, 'a');
    const ps = await pairs('cp', io, p.operands);
    if (!ps) return 1;
    let status = 0;
    for (const [src, to] of ps) {
      const from = io.fs.resolve(io.cwd, src);
      const st = io.fs.stat(from);
      if (!st) {
        await err(io, `cp: cannot stat ${qaAlways(src)}: No such file or directory`);
        status = 1;
        continue;
      }
      if (st.type === 'dir' && !recursive) {
        await err(io, `cp: -r not specified; omitting directory ${qaAlways(src)}`);
        status = 1;
        continue;
      }
      try {
        io.fs.copy(from, to, { recursive });
      } catch (e) {
        await err(io, `cp: cannot copy ${qaAlways(src)} to ${qaAlways(to)}: ${errText(e)}`);
        status = 1;
      }
    }
    return status;
  });
