// A pure line editor: what xterm's onData gives goes in, what to write to the terminal and what
// happened (a line submitted, Ctrl-C, a completion request...) comes out, in order. No DOM, no
// timers, nothing of ours imported: the xterm adapter and the tests drive it the same way.
//
// The editor owns the lines it draws (the prompt and the buffer, wrapped over as many rows as they
// need) and keeps a model of where the terminal cursor is relative to the first row of the prompt.
// Every change is drawn by moving to that first row, erasing below and writing prompt and buffer
// again, then moving the cursor back into place; typing at the end of the line just writes the text.
//
// Modes: `prompt` (editing a command line), `busy` (a command runs: keys go to it as `input`, Ctrl-C
// interrupts), `read` (the running program asked for a line with its own prompt, like the shell
// inside `kubectl exec -it`).

import { History } from './history';
import { cells, clusters, stringWidth, stripAnsi } from './width';

export type EditorAction =
  /** Bytes for the terminal, cursor movements included. */
  | { type: 'write'; data: string }
  /** A command line was accepted at the top-level prompt; the editor is now busy. */
  | { type: 'submit'; line: string }
  /** A line was accepted at a nested `readLine` prompt; the editor is now busy again. */
  | { type: 'line'; line: string }
  /** Ctrl-C. At the prompt the editor already printed ^C and a fresh prompt. */
  | { type: 'interrupt' }
  /** Ctrl-D on an empty line. */
  | { type: 'eof' }
  /** Tab: the host should answer with `completions()`. */
  | { type: 'complete'; line: string; cursor: number }
  /** Ctrl-L: the editor cleared the screen and redrew the line. */
  | { type: 'clear' }
  /** Keys typed while a command runs, for a program that reads its stdin. */
  | { type: 'input'; data: string };

export type EditorMode = 'busy' | 'prompt' | 'read';

export interface CompletionResult {
  /** Replacements for the text from `from` up to the cursor. */
  candidates: string[];
  from: number;
}

export interface LineEditorOptions {
  cols: number;
  history?: History;
}

type Command =
  | 'accept' | 'backspace' | 'delete' | 'left' | 'right' | 'home' | 'end' | 'wordLeft' | 'wordRight'
  | 'prev' | 'next' | 'killEnd' | 'killStart' | 'killWordBack' | 'killAltWordBack' | 'killWordForward'
  | 'yank' | 'interrupt' | 'eofOrDelete' | 'clear' | 'complete' | 'search' | 'abort' | 'escape'
  | 'transpose';

const KEYS: Record<string, Command> = {
  '\r': 'accept', '\n': 'accept',
  '\x7f': 'backspace', '\b': 'backspace',
  '\x1b[3~': 'delete',
  '\x1b[D': 'left', '\x1bOD': 'left', '\x02': 'left',
  '\x1b[C': 'right', '\x1bOC': 'right', '\x06': 'right',
  '\x1b[A': 'prev', '\x1bOA': 'prev', '\x10': 'prev',
  '\x1b[B': 'next', '\x1bOB': 'next', '\x0e': 'next',
  '\x1b[H': 'home', '\x1bOH': 'home', '\x1b[1~': 'home', '\x1b[7~': 'home', '\x01': 'home',
  '\x1b[F': 'end', '\x1bOF': 'end', '\x1b[4~': 'end', '\x1b[8~': 'end', '\x05': 'end',
  '\x1bb': 'wordLeft', '\x1b[1;5D': 'wordLeft', '\x1b[1;3D': 'wordLeft',
  '\x1bf': 'wordRight', '\x1b[1;5C': 'wordRight', '\x1b[1;3C': 'wordRight',
  '\x1bd': 'killWordForward', '\x1b[3;5~': 'killWordForward',
  '\x1b\x7f': 'killAltWordBack', '\x1b\b': 'killAltWordBack',
  '\x17': 'killWordBack',
  '\x0b': 'killEnd', '\x15': 'killStart', '\x19': 'yank',
  '\x03': 'interrupt', '\x04': 'eofOrDelete', '\x0c': 'clear', '\t': 'complete',
  '\x12': 'search', '\x07': 'abort', '\x1b': 'escape', '\x14': 'transpose',
};

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** One unit of input: a key (escape sequence or control character) or a run of text. */
interface Token {
  raw: string;
  text?: string;
}

/** Splits onData input into keys and text runs (xterm delivers whole sequences per event). */
export function tokenize(data: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < data.length) {
    const c = data[i];
    if (c === '\x1b') {
      let m: RegExpExecArray | null = null;
      const rest = data.slice(i);
      if ((m = /^\x1b\[[0-?]*[ -/]*[@-~]/.exec(rest)) || (m = /^\x1bO./.exec(rest)) || (m = /^\x1b[\s\S]/.exec(rest))) {
        out.push({ raw: m[0] });
        i += m[0].length;
      } else {
        out.push({ raw: c });
        i++;
      }
    } else if (c < ' ' || c === '\x7f') {
      out.push({ raw: c });
      i++;
    } else {
      let j = i;
      while (j < data.length && data[j] >= ' ' && data[j] !== '\x7f' && !(data[j] >= '\x80' && data[j] < '\xa0')) j++;
      if (j === i) j++; // a C1 control on its own: dropped as text below
      const text = data.slice(i, j).replace(/[\x80-\x9f]/g, '');
      out.push({ raw: data.slice(i, j), text });
      i = j;
    }
  }
  return out;
}

interface Pos {
  row: number;
  col: number;
}

interface Search {
  query: string;
  /** History index of the shown match, or -1. */
  match: number;
  /** Where the query sits in the match. */
  at: number;
  failed: boolean;
  savedLine: string;
  savedCursor: number;
}

/** Longest common prefix of several strings, on cluster boundaries. */
export function commonPrefix(words: readonly string[]): string {
  if (!words.length) return '';
  let prefix = words[0];
  for (const w of words.slice(1)) {
    let n = 0;
    while (n < prefix.length && n < w.length && prefix[n] === w[n]) n++;
    prefix = prefix.slice(0, n);
  }
  // Do not end inside a surrogate pair or before a combining mark of the full words.
  const cs = clusters(prefix);
  let safe = '';
  for (const c of cs) {
    if (words.every((w) => w.startsWith(safe + c) && clusters(w.slice(safe.length))[0] === c)) safe += c;
    else break;
  }
  return safe;
}

/** Formats candidates in columns, top to bottom then left to right (bash's default). */
export function formatColumns(items: readonly string[], cols: number): string[] {
  if (!items.length) return [];
  const width = Math.max(...items.map(stringWidth));
  const colWidth = width + 2;
  const perRow = Math.max(1, Math.floor((cols + 2) / colWidth));
  const rows = Math.ceil(items.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const item = items[c * rows + r];
      if (item === undefined) continue;
      const last = items[(c + 1) * rows + r] === undefined;
      line += last ? item : item + ' '.repeat(colWidth - stringWidth(item));
    }
    lines.push(line);
  }
  return lines;
}

const isWordChar = (c: string) => /[\p{L}\p{N}]/u.test(c);

export class LineEditor {
  mode: EditorMode = 'busy';
  cols: number;
  readonly history: History;
  /** History of the nested read-line prompt (the shell inside exec), kept in memory only. */
  readonly readHistory = new History();

  private promptText = '';
  private buf = '';
  private cursor = 0;
  /** Where the terminal cursor is, relative to the first row of the prompt. */
  private cur: Pos = { row: 0, col: 0 };
  private histIndex = 0;
  private draft = '';
  private killRing = '';
  private lastWasKill = false;
  private search: Search | null = null;
  private lastSearch = '';
  private pendingCompletion: { line: string; cursor: number } | null = null;
  private tabStreak = 0;
  private inPaste = false;
  /** Input that arrived after an accepted line (a multi-line paste): replayed at the next prompt. */
  private pending = '';
  /** Whether the terminal cursor is at the start of a line (outside the editor's own drawing). */
  private atLineStart = true;
  private out: EditorAction[] = [];
  private justAccepted = false;

  constructor(opts: LineEditorOptions) {
    this.cols = Math.max(1, opts.cols);
    this.history = opts.history ?? new History();
  }

  /** The text being edited. */
  get line(): string {
    return this.buf;
  }

  /** The cursor, as an offset into `line`. */
  get cursorIndex(): number {
    return this.cursor;
  }

  get prompting(): boolean {
    return this.mode !== 'busy';
  }

  // ---------------------------------------------------------------- host calls

  /** Shows the top-level prompt (at start, and when a command finished). */
  prompt(text: string): EditorAction[] {
    return this.run(() => this.startLine('prompt', text));
  }

  /** A running program asks for a line with its own prompt; the answer comes as a `line` action. */
  readLine(text: string): EditorAction[] {
    return this.run(() => this.startLine('read', text));
  }

  /** What the terminal gave (typed keys, escape sequences, pasted text). */
  feed(data: string): EditorAction[] {
    return this.run(() => this.input(data));
  }

  /** Output of a program (or a notice): written above the line being edited, if any. */
  print(text: string): EditorAction[] {
    return this.run(() => {
      if (!text) return;
      const data = text.replace(/\r?\n/g, '\r\n');
      if (this.mode === 'busy') {
        this.write(data);
        this.noteOutput(data);
        return;
      }
      this.eraseLine();
      this.write(data);
      this.noteOutput(data);
      if (!this.atLineStart) this.write('\r\n');
      this.atLineStart = true;
      this.drawFull();
    });
  }

  /** The answer to a `complete` action. Stale answers (the line changed meanwhile) are ignored. */
  completions(result: CompletionResult): EditorAction[] {
    return this.run(() => this.applyCompletion(result));
  }

  /** The terminal's width changed (xterm reflows wrapped rows; the editor redraws its line). */
  resize(cols: number): EditorAction[] {
    return this.run(() => {
      cols = Math.max(1, cols);
      if (cols === this.cols) return;
      this.cols = cols;
      if (this.mode === 'busy') return;
      this.cur = this.posOf(this.view().cursor);
      this.redraw();
    });
  }

  // ---------------------------------------------------------------- plumbing

  private run(fn: () => void): EditorAction[] {
    this.out = [];
    fn();
    const actions: EditorAction[] = [];
    // Merge neighbouring writes: one terminal write per call is cheaper and easier to test.
    for (const a of this.out) {
      const last = actions[actions.length - 1];
      if (a.type === 'write' && last?.type === 'write') last.data += a.data;
      else actions.push(a);
    }
    return actions;
  }

  private write(data: string): void {
    if (data) this.out.push({ type: 'write', data });
  }

  private emit(a: EditorAction): void {
    this.out.push(a);
  }

  private noteOutput(data: string): void {
    const plain = stripAnsi(data);
    if (plain) this.atLineStart = /[\r\n]$/.test(plain);
  }

  private startLine(mode: 'prompt' | 'read', text: string): void {
    if (this.mode !== 'busy' && this.mode !== mode) {
      // The host switched prompts under a line being edited: leave that line as it is.
      this.search = null;
      this.moveTo(this.posOf(this.view().text.length));
      this.write('\r\n');
      this.atLineStart = true;
      this.mode = 'busy';
    }
    if (this.mode === mode) {
      // A new prompt for the same line (the host changed it): redraw in place.
      this.eraseLine();
      this.promptText = text;
      this.drawFull();
      return;
    }
    this.mode = mode;
    this.promptText = text;
    this.buf = '';
    this.cursor = 0;
    this.search = null;
    this.pendingCompletion = null;
    this.tabStreak = 0;
    this.lastWasKill = false;
    this.histIndex = this.hist().length;
    this.draft = '';
    if (!this.atLineStart) this.write('\r\n');
    this.atLineStart = true;
    this.drawFull();
    if (this.pending) {
      const p = this.pending;
      this.pending = '';
      this.input(p);
    }
  }

  private hist(): History {
    return this.mode === 'read' ? this.readHistory : this.history;
  }

  // ---------------------------------------------------------------- input

  private input(data: string): void {
    const tokens = tokenize(data);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.raw === PASTE_START) {
        this.inPaste = true;
        continue;
      }
      if (t.raw === PASTE_END) {
        this.inPaste = false;
        continue;
      }
      if (this.mode === 'busy') {
        this.busyInput(tokens.slice(i));
        return;
      }
      this.justAccepted = false;
      this.handle(t);
      if (this.justAccepted) {
        // The line was accepted: what follows belongs to the next prompt (or the program's readLine).
        this.pending += tokens.slice(i + 1).map((x) => x.raw).join('');
        return;
      }
    }
  }

  private busyInput(tokens: Token[]): void {
    let data = '';
    for (const t of tokens) {
      if (t.raw === PASTE_START || t.raw === PASTE_END) {
        this.inPaste = t.raw === PASTE_START;
        continue;
      }
      if (t.raw === '\x03' && !this.inPaste) {
        if (data) this.emit({ type: 'input', data });
        data = '';
        this.pending = '';
        this.write('^C');
        this.atLineStart = false;
        this.emit({ type: 'interrupt' });
        continue;
      }
      data += t.raw;
    }
    if (data) this.emit({ type: 'input', data });
  }

  private handle(t: Token): void {
    if (this.inPaste) {
      // Pasted text is text: line breaks accept, tabs become spaces, other controls are dropped.
      if (t.text !== undefined) this.typed(t.text);
      else if (t.raw === '\r' || t.raw === '\n') this.command('accept');
      else if (t.raw === '\t') this.typed(' ');
      return;
    }
    if (t.text !== undefined) {
      this.typed(t.text);
      return;
    }
    const cmd = KEYS[t.raw];
    if (cmd) this.command(cmd);
  }

  private typed(text: string): void {
    if (!text) return;
    this.tabStreak = 0;
    this.lastWasKill = false;
    if (this.search) {
      this.search.query += text;
      this.searchFrom(this.search.match >= 0 ? this.search.match : this.hist().length - 1);
      this.redraw();
      return;
    }
    const atEnd = this.cursor === this.buf.length;
    this.buf = this.buf.slice(0, this.cursor) + text + this.buf.slice(this.cursor);
    this.cursor += text.length;
    if (atEnd && !/^[\u0300-\u036f\u200b-\u200f\ufe00-\ufe0f]/.test(text)) this.drawAppended(text);
    else this.redraw();
  }

  private command(cmd: Command): void {
    if (cmd !== 'complete') this.tabStreak = 0;
    if (this.search) {
      if (this.searchCommand(cmd)) return;
    }
    const isKill = cmd.startsWith('kill');
    if (!isKill) this.lastWasKill = false;
    switch (cmd) {
      case 'accept':
        return this.accept();
      case 'backspace':
        if (this.cursor > 0) this.edit(this.buf.slice(0, this.prevBoundary(this.cursor)) + this.buf.slice(this.cursor), this.prevBoundary(this.cursor));
        return;
      case 'delete':
        if (this.cursor < this.buf.length) this.edit(this.buf.slice(0, this.cursor) + this.buf.slice(this.nextBoundary(this.cursor)), this.cursor);
        return;
      case 'eofOrDelete':
        if (this.buf === '') return this.eof();
        return this.command('delete');
      case 'left':
        return this.moveCursor(this.prevBoundary(this.cursor));
      case 'right':
        return this.moveCursor(this.nextBoundary(this.cursor));
      case 'home':
        return this.moveCursor(0);
      case 'end':
        return this.moveCursor(this.buf.length);
      case 'wordLeft':
        return this.moveCursor(this.wordStart(this.cursor));
      case 'wordRight':
        return this.moveCursor(this.wordEnd(this.cursor));
      case 'killEnd':
        return this.kill(this.cursor, this.buf.length, true);
      case 'killStart':
        return this.kill(0, this.cursor, false);
      case 'killWordBack': {
        // unix-word-rubout: back over blanks, then over non-blanks.
        let i = this.cursor;
        while (i > 0 && /\s/.test(this.buf[i - 1])) i--;
        while (i > 0 && !/\s/.test(this.buf[i - 1])) i--;
        return this.kill(i, this.cursor, false);
      }
      case 'killAltWordBack':
        return this.kill(this.wordStart(this.cursor), this.cursor, false);
      case 'killWordForward':
        return this.kill(this.cursor, this.wordEnd(this.cursor), true);
      case 'yank':
        if (this.killRing) this.typed(this.killRing);
        return;
      case 'transpose':
        return this.transpose();
      case 'prev':
        return this.historyMove(-1);
      case 'next':
        return this.historyMove(1);
      case 'interrupt':
        return this.interrupt();
      case 'clear':
        this.emit({ type: 'clear' });
        this.write('\x1b[H\x1b[2J');
        this.cur = { row: 0, col: 0 };
        this.drawFull();
        return;
      case 'complete':
        if (this.mode !== 'prompt') return;
        this.pendingCompletion = { line: this.buf, cursor: this.cursor };
        this.emit({ type: 'complete', line: this.buf, cursor: this.cursor });
        return;
      case 'search':
        this.search = { query: '', match: -1, at: 0, failed: false, savedLine: this.buf, savedCursor: this.cursor };
        this.redraw();
        return;
      case 'abort':
      case 'escape':
        return;
    }
  }

  /** Keys inside Ctrl-R. True when consumed; otherwise the search ends and the key runs normally. */
  private searchCommand(cmd: Command): boolean {
    const s = this.search!;
    switch (cmd) {
      case 'search': {
        if (!s.query && this.lastSearch) {
          s.query = this.lastSearch;
          this.searchFrom(this.hist().length - 1);
        } else if (s.query) {
          const prev = { match: s.match, at: s.at };
          this.searchFrom(s.match >= 0 ? s.match - 1 : this.hist().length - 1);
          if (s.failed) Object.assign(s, prev);
        }
        this.redraw();
        return true;
      }
      case 'backspace':
        s.query = [...s.query].slice(0, -1).join('');
        if (s.query) this.searchFrom(this.hist().length - 1);
        else Object.assign(s, { match: -1, at: 0, failed: false });
        this.redraw();
        return true;
      case 'abort':
        this.search = null;
        this.buf = s.savedLine;
        this.cursor = s.savedCursor;
        this.redraw();
        return true;
      case 'interrupt':
        this.search = null;
        this.redraw();
        return false;
      default: {
        // Keep the match as the line, with the cursor where the match is, then run the key.
        this.search = null;
        if (s.query) this.lastSearch = s.query;
        if (s.match >= 0) {
          this.buf = this.hist().get(s.match)!;
          this.cursor = s.at;
          this.histIndex = s.match;
        }
        if (cmd === 'escape') {
          this.redraw();
          return true;
        }
        this.redraw();
        return false;
      }
    }
  }

  private searchFrom(from: number): void {
    const s = this.search!;
    const i = this.hist().searchBack(s.query, from);
    if (i < 0) {
      s.failed = true;
      return;
    }
    s.failed = false;
    s.match = i;
    s.at = this.hist().get(i)!.lastIndexOf(s.query);
  }

  private accept(): void {
    const line = this.buf;
    this.moveCursor(this.buf.length);
    this.write('\r\n');
    this.atLineStart = true;
    if (!line.trim()) {
      // Like bash: an empty line gives a fresh prompt and runs nothing.
      this.buf = '';
      this.cursor = 0;
      this.histIndex = this.hist().length;
      this.draft = '';
      this.cur = { row: 0, col: 0 };
      this.drawFull();
      return;
    }
    this.hist().add(line);
    const wasRead = this.mode === 'read';
    this.mode = 'busy';
    this.justAccepted = true;
    this.buf = '';
    this.cursor = 0;
    this.cur = { row: 0, col: 0 };
    this.emit(wasRead ? { type: 'line', line } : { type: 'submit', line });
  }

  private eof(): void {
    if (this.mode === 'read') {
      this.write('\r\n');
      this.atLineStart = true;
      this.mode = 'busy';
      this.cur = { row: 0, col: 0 };
    }
    this.emit({ type: 'eof' });
  }

  private interrupt(): void {
    this.moveCursor(this.buf.length);
    this.write('^C\r\n');
    this.atLineStart = true;
    this.pending = '';
    this.inPaste = false;
    this.buf = '';
    this.cursor = 0;
    this.pendingCompletion = null;
    this.cur = { row: 0, col: 0 };
    if (this.mode === 'read') {
      this.mode = 'busy';
    } else {
      this.histIndex = this.hist().length;
      this.draft = '';
      this.drawFull();
    }
    this.emit({ type: 'interrupt' });
  }

  private historyMove(delta: number): void {
    const h = this.hist();
    const to = this.histIndex + delta;
    if (to < 0 || to > h.length) return;
    if (this.histIndex === h.length) this.draft = this.buf;
    this.histIndex = to;
    const text = to === h.length ? this.draft : h.get(to)!;
    this.edit(text, text.length);
  }

  private kill(from: number, to: number, forward: boolean): void {
    if (from >= to) return;
    const text = this.buf.slice(from, to);
    if (this.lastWasKill) this.killRing = forward ? this.killRing + text : text + this.killRing;
    else this.killRing = text;
    this.lastWasKill = true;
    this.edit(this.buf.slice(0, from) + this.buf.slice(to), from);
  }

  private transpose(): void {
    if (this.cursor === 0 || this.buf.length < 2) return;
    let at = this.cursor === this.buf.length ? this.prevBoundary(this.cursor) : this.cursor;
    const a = this.prevBoundary(at);
    const b = this.nextBoundary(at);
    this.edit(this.buf.slice(0, a) + this.buf.slice(at, b) + this.buf.slice(a, at) + this.buf.slice(b), b);
  }

  private applyCompletion(result: CompletionResult): void {
    const p = this.pendingCompletion;
    this.pendingCompletion = null;
    if (!p || this.mode !== 'prompt' || this.search || p.line !== this.buf || p.cursor !== this.cursor) return;
    const from = Math.max(0, Math.min(result.from, this.cursor));
    const word = this.buf.slice(from, this.cursor);
    const candidates = [...new Set(result.candidates)];
    if (!candidates.length) {
      this.tabStreak = 0;
      return;
    }
    if (candidates.length === 1) {
      this.tabStreak = 0;
      const c = candidates[0];
      const full = !/[/=:]$/.test(c);
      const space = full && this.buf[this.cursor] !== ' ' ? ' ' : '';
      this.replace(from, c + space);
      return;
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > word.length) {
      this.replace(from, prefix);
    } else if (this.tabStreak > 0) {
      this.listCandidates(candidates);
    }
    this.tabStreak = 1;
  }

  private replace(from: number, text: string): void {
    const word = this.buf.slice(from, this.cursor);
    if (this.cursor === this.buf.length && text.startsWith(word)) {
      // Only adds text at the end of the line: written straight out, like typing.
      const streak = this.tabStreak;
      this.typed(text.slice(word.length));
      this.tabStreak = streak;
      return;
    }
    this.buf = this.buf.slice(0, from) + text + this.buf.slice(this.cursor);
    this.cursor = from + text.length;
    this.redraw();
  }

  private listCandidates(candidates: string[]): void {
    const sorted = candidates.slice().sort();
    const end = this.posOf(this.view().text.length);
    this.moveTo(end);
    this.write('\r\n' + formatColumns(sorted, this.cols).join('\r\n') + '\r\n');
    this.cur = { row: 0, col: 0 };
    this.drawFull();
  }

  // ---------------------------------------------------------------- cursor helpers

  private prevBoundary(i: number): number {
    if (i <= 0) return 0;
    const cs = clusters(this.buf.slice(0, i));
    return i - cs[cs.length - 1].length;
  }

  private nextBoundary(i: number): number {
    if (i >= this.buf.length) return this.buf.length;
    return i + clusters(this.buf.slice(i))[0].length;
  }

  private wordStart(i: number): number {
    while (i > 0 && !isWordChar(this.buf[i - 1])) i = this.prevBoundary(i);
    while (i > 0 && isWordChar(this.buf[i - 1])) i = this.prevBoundary(i);
    return i;
  }

  private wordEnd(i: number): number {
    while (i < this.buf.length && !isWordChar(this.buf[i])) i = this.nextBoundary(i);
    while (i < this.buf.length && isWordChar(this.buf[i])) i = this.nextBoundary(i);
    return i;
  }

  private edit(text: string, cursor: number): void {
    this.buf = text;
    this.cursor = cursor;
    this.redraw();
  }

  // ---------------------------------------------------------------- drawing

  /** What is on screen: a head (the prompt, or the search prompt), the text, the cursor in it. */
  private view(): { head: string; text: string; cursor: number } {
    if (this.search) {
      const s = this.search;
      const head = `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
      const body = s.match >= 0 ? this.hist().get(s.match)! : s.savedLine;
      const at = s.match >= 0 ? s.at : s.savedCursor;
      return { head, text: head + body, cursor: head.length + at };
    }
    const head = this.promptText;
    return { head, text: head + this.buf, cursor: head.length + this.cursor };
  }

  /**
   * Where the cell at `index` of the view's text lands, rows counted from the first row of the
   * prompt. A wide character that does not fit at the end of a row moves to the next one, as in
   * xterm. At the end of the text, a filled row puts the position at the start of the next row.
   */
  private posOf(index: number): Pos {
    const { text } = this.view();
    let row = 0;
    let col = 0;
    for (const c of cells(text)) {
      if (c.width > 0 && col + c.width > this.cols) {
        row++;
        col = 0;
      }
      if (c.index >= index) return { row, col };
      col += c.width;
    }
    if (col >= this.cols) return { row: row + 1, col: 0 };
    return { row, col };
  }

  private moveTo(p: Pos): void {
    let s = '';
    if (p.row < this.cur.row) s += `\x1b[${this.cur.row - p.row}A`;
    else if (p.row > this.cur.row) s += `\x1b[${p.row - this.cur.row}B`;
    if (p.col !== this.cur.col) s += '\r' + (p.col > 0 ? `\x1b[${p.col}C` : '');
    this.write(s);
    this.cur = { ...p };
  }

  private moveCursor(index: number): void {
    this.cursor = index;
    if (this.mode === 'busy') return;
    this.moveTo(this.posOf(this.view().cursor));
  }

  /** Moves to the first row of the prompt and erases everything the editor drew. */
  private eraseLine(): void {
    this.moveTo({ row: 0, col: 0 });
    this.write('\r\x1b[J');
  }

  private redraw(): void {
    if (this.mode === 'busy') return;
    this.eraseLine();
    this.drawFull();
  }

  /** Draws the whole view from the cursor (at the start of an empty row). */
  private drawFull(): void {
    const v = this.view();
    this.cur = { row: 0, col: 0 };
    this.write(v.text);
    const end = this.posOf(v.text.length);
    this.settle(end);
    this.moveTo(this.posOf(v.cursor));
  }

  /** After writing up to `end`: a row filled to the last column leaves xterm's cursor pending; make it real. */
  private settle(end: Pos): void {
    if (end.col === 0 && end.row > 0 && this.view().text.length > 0) {
      // The text filled its last row exactly: the cursor is parked on that row, wrap pending.
      this.write('\r\n');
    }
    this.cur = end;
  }

  private drawAppended(text: string): void {
    if (this.mode === 'busy') return;
    const v = this.view();
    const end = this.posOf(v.text.length);
    const start = this.posOf(v.text.length - text.length);
    if (start.row !== this.cur.row || start.col !== this.cur.col) {
      this.redraw();
      return;
    }
    this.write(text);
    if (end.col === 0 && end.row > this.cur.row) this.write('\r\n');
    this.cur = end;
  }
}

