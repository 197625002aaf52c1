// Tab completion: command names at command position, `$VAR` names, program-specific
// completers (kubectl supplies its own), and workspace files as the fallback, as bash does
// with `complete -o default`.
import type { VirtualFs } from './fs';
import type { ShellState } from './state';
import type { Completer } from './types';

export interface Completion {
  /** Replacement texts for line.slice(replaceFrom, cursor), already escaped for the shell. */
  candidates: string[];
  replaceFrom: number;
}

export interface CompletionSources {
  state: ShellState;
  fs: VirtualFs;
  commandNames(): string[];
  completers: Map<string, Completer>;
}

interface ScanWord {
  text: string;
  start: number;
  /** The word follows `>` or `<`: a file name, not an argument. */
  redir?: boolean;
}

/** Splits the text before the cursor into the current command's words (lenient: never fails). */
export function scanCommand(before: string): { words: ScanWord[]; current: ScanWord; afterRedirect: boolean } {
  let words: ScanWord[] = [];
  let cur: ScanWord | null = null;
  let quote: '"' | "'" | null = null;
  let redirectPending = false;
  const start = (i: number): ScanWord => {
    const w: ScanWord = { text: '', start: i, redir: redirectPending };
    redirectPending = false;
    return w;
  };
  const end = () => {
    if (cur && !cur.redir) words.push(cur);
    cur = null;
  };
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < before.length) cur!.text += before[++i];
      else cur!.text += c;
      continue;
    }
    if (c === "'" || c === '"') {
      cur ??= start(i);
      quote = c;
      continue;
    }
    if (c === '\\' && i + 1 < before.length) {
      cur ??= start(i);
      cur.text += before[++i];
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      end();
      continue;
    }
    if (c === '|' || c === ';' || c === '&' || c === '(' || c === '`' || (c === '$' && before[i + 1] === '(')) {
      end();
      words = [];
      redirectPending = false;
      if (c === '$') i++;
      continue;
    }
    if (c === '<' || c === '>') {
      end();
      redirectPending = true;
      continue;
    }
    cur ??= start(i);
    cur.text += c;
  }
  const current: ScanWord = cur ?? { text: '', start: before.length, redir: redirectPending };
  return { words, current, afterRedirect: !!current.redir };
}

export async function complete(line: string, cursor: number, src: CompletionSources): Promise<Completion> {
  const before = line.slice(0, Math.max(0, Math.min(cursor, line.length)));
  const { words, current, afterRedirect } = scanCommand(before);
  const prefix = current.text;
  const replaceFrom = current.start;
  const done = (cands: string[], escape = true) => ({
    candidates: [...new Set(cands)].sort().map((c) => (escape ? escapeWord(c) : c)),
    replaceFrom,
  });

  const dollar = /\$\{?([A-Za-z_]\w*)?$/.exec(prefix);
  if (dollar && !prefix.slice(0, dollar.index).includes('$')) {
    const head = prefix.slice(0, dollar.index) + (prefix.includes('${') ? '${' : '$');
    const names = [...src.state.vars.keys()].filter((n) => n.startsWith(dollar[1] ?? ''));
    return done(names.map((n) => head + n + (prefix.includes('${') ? '}' : '')), false);
  }

  const cmdWords = words.filter((w) => !/^[A-Za-z_]\w*=/.test(w.text) || words.indexOf(w) > 0);
  const commandPosition = !afterRedirect && cmdWords.length === 0 && !/^[A-Za-z_]\w*=/.test(prefix);
  if (commandPosition && !prefix.includes('/')) {
    return done(src.commandNames().filter((n) => n.startsWith(prefix)));
  }
  if (!commandPosition && !afterRedirect && cmdWords.length) {
    let name = cmdWords[0].text;
    const all = [...cmdWords.map((w) => w.text), prefix];
    const alias = src.state.aliases.get(name);
    if (alias !== undefined) {
      const aw = alias.trim().split(/\s+/);
      name = aw[0];
      all.splice(0, 1, ...aw);
    }
    const completer = src.completers.get(name);
    if (completer) {
      let results: string[] = [];
      try {
        results = (await completer(all, all.length - 1)) ?? [];
      } catch {
        results = [];
      }
      const hits = results.filter((r) => typeof r === 'string' && r.startsWith(prefix));
      if (hits.length) return done(hits);
    }
  }
  return done(fileCandidates(prefix, src));
}

function fileCandidates(prefix: string, src: CompletionSources): string[] {
  const slash = prefix.lastIndexOf('/');
  const dirPart = slash >= 0 ? prefix.slice(0, slash + 1) : '';
  const base = prefix.slice(slash + 1);
  const dir = src.fs.resolve(src.state.cwd, dirPart === '' ? '.' : dirPart);
  if (!src.fs.isDir(dir)) return [];
  return src.fs
    .readdir(dir)
    .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
    .map((n) => dirPart + n + (src.fs.isDir(`${dir}/${n}`) ? '/' : ''));
}

/** Escapes characters the shell would split or expand (a completed `my file` becomes `my\ file`). */
export function escapeWord(s: string): string {
  return s.replace(/[\s'"\\$`|&;<>()*?[\]!#{}]/g, '\\$&');
}
