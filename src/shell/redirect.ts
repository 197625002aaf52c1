// Redirections onto workspace files: `>`, `>>`, `<`, `2>&1`, `&>`, heredocs and here-strings.
// Applied left to right on a copy of the descriptor table, so `> f 2>&1` and `2>&1 > f` differ
// as in bash.
import type { Redir } from './ast';
import { expandString, expandWord, type ExpandContext } from './expand';
import { FsError, type VirtualFs } from './fs';
import type { Fds } from './runtime';
import { ExpansionError } from './state';
import { nullSink, stringInput } from './streams';
import type { InputStream, OutputStream } from './types';

export type RedirResult = { ok: true; fds: Fds; tty: boolean } | { ok: false; message: string };

/** Appends every write to a file, so streaming commands (`kubectl get -w > f &`) fill it live. */
function fileSink(fs: VirtualFs, path: string): OutputStream {
  return {
    write(text: string) {
      try {
        fs.writeFile(path, text, { append: true });
      } catch {
        // The file's directory vanished mid-stream; bash would keep writing to the unlinked file.
      }
    },
  };
}

export async function applyRedirs(redirs: Redir[], fds: Fds, tty: boolean, ex: ExpandContext): Promise<RedirResult> {
  const table = new Map<number, InputStream | OutputStream>([
    [0, fds.stdin],
    [1, fds.stdout],
    [2, fds.stderr],
  ]);
  const fs = ex.fs;
  const cwd = ex.state.cwd;
  for (const r of redirs) {
    let target: string;
    try {
      if (r.heredoc) target = '';
      else if (r.op === '<<<') target = await expandString(r.target, ex);
      else {
        const fields = await expandWord(r.target, ex);
        if (fields.length !== 1) return { ok: false, message: `bash: ${r.target.raw}: ambiguous redirect` };
        target = fields[0];
      }
    } catch (e) {
      if (e instanceof ExpansionError) return { ok: false, message: e.message };
      throw e;
    }
    const path = () => fs.resolve(cwd, target);
    try {
      switch (r.op) {
        case '<<':
        case '<<-': {
          const body = r.heredoc!.quoted ? r.heredoc!.body.raw : await expandString(r.heredoc!.body, ex);
          table.set(r.fd ?? 0, stringInput(body));
          break;
        }
        case '<<<':
          table.set(r.fd ?? 0, stringInput(target + '\n'));
          break;
        case '<':
        case '<>': {
          const text = fs.readFile(path());
          table.set(r.fd ?? 0, stringInput(text));
          break;
        }
        case '>':
        case '>|':
        case '>>': {
          const p = path();
          if (r.op === '>>') fs.writeFile(p, '', { append: true });
          else fs.writeFile(p, '');
          table.set(r.fd ?? 1, fileSink(fs, p));
          if ((r.fd ?? 1) === 1) tty = false;
          break;
        }
        case '&>':
        case '&>>': {
          const p = path();
          fs.writeFile(p, '', { append: r.op === '&>>' });
          const sink = fileSink(fs, p);
          table.set(1, sink);
          table.set(2, sink);
          tty = false;
          break;
        }
        case '>&':
        case '<&': {
          const dflt = r.op === '>&' ? 1 : 0;
          if (target === '-') {
            table.set(r.fd ?? dflt, r.op === '>&' ? nullSink : stringInput(''));
            break;
          }
          if (/^\d+$/.test(target)) {
            const src = table.get(Number(target));
            if (!src) return { ok: false, message: `bash: ${target}: Bad file descriptor` };
            table.set(r.fd ?? dflt, src);
            if ((r.fd ?? dflt) === 1) tty = false;
            break;
          }
          if (r.op === '>&' && r.fd === null) {
            // `>& file` is `&> file`.
            const p = path();
            fs.writeFile(p, '');
            const sink = fileSink(fs, p);
            table.set(1, sink);
            table.set(2, sink);
            tty = false;
            break;
          }
          return { ok: false, message: `bash: ${target}: ambiguous redirect` };
        }
      }
    } catch (e) {
      if (e instanceof FsError) return { ok: false, message: `bash: ${target}: ${e.text}` };
      throw e;
    }
  }
  // `0>&1` and the like can put a writer where a reader belongs; degrade instead of crashing.
  const out = (n: number): OutputStream => {
    const s = table.get(n) as Partial<OutputStream> | undefined;
    return typeof s?.write === 'function' ? (s as OutputStream) : nullSink;
  };
  const inp = table.get(0) as Partial<InputStream> | undefined;
  return {
    ok: true,
    tty,
    fds: { stdin: typeof inp?.read === 'function' ? (inp as InputStream) : stringInput(''), stdout: out(1), stderr: out(2) },
  };
}
