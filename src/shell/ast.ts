// The syntax tree the parser builds and the executor walks. Words keep their parts apart
// (quoted or not, which expansion) because splitting and globbing depend on exactly that.

/** One piece of a word. `q` marks text that was quoted (no splitting, no globbing). */
export type WordPart =
  | { kind: 'lit'; text: string; q: boolean }
  | { kind: 'param'; name: string; op?: ParamOp; arg?: Word; arg2?: Word; q: boolean }
  | { kind: 'cmdsub'; body: List; q: boolean }
  | { kind: 'arith'; expr: string; q: boolean }
  | { kind: 'tilde'; q: false }
  /** `${...}` we cannot expand; reported as `bad substitution` when reached, as bash does. */
  | { kind: 'bad'; text: string; q: boolean };

export type ParamOp =
  | ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?'
  | '#' | '##' | '%' | '%%' | '/' | '//' | 'len';

export interface Word {
  parts: WordPart[];
  /** The source text, for messages, aliases and job names. */
  raw: string;
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redir {
  /** The file descriptor written before the operator (`2>`), or null for the default. */
  fd: number | null;
  op: RedirOp;
  target: Word;
  /** For `<<`: the body, filled in when the parser reaches the next newline. */
  heredoc?: { body: Word; quoted: boolean };
}

export interface Assign {
  name: string;
  value: Word;
  append: boolean;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
}

export interface IfCommand {
  type: 'if';
  clauses: { cond: List; body: List }[];
  elseBody: List | null;
  redirs: Redir[];
}

export interface ForCommand {
  type: 'for';
  name: string;
  /** null for `for x; do` (the positional parameters). */
  words: Word[] | null;
  body: List;
  redirs: Redir[];
}

export interface WhileCommand {
  type: 'while';
  until: boolean;
  cond: List;
  body: List;
  redirs: Redir[];
}

export interface GroupCommand {
  type: 'group';
  /** `( ... )` runs in a copy of the shell state; `{ ...; }` in the shell itself. */
  subshell: boolean;
  body: List;
  redirs: Redir[];
}

export interface FunctionDef {
  type: 'function';
  name: string;
  body: Command;
}

export type Command = SimpleCommand | IfCommand | ForCommand | WhileCommand | GroupCommand | FunctionDef;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface ListItem {
  command: AndOr;
  background: boolean;
  /** Source text of this item, the job's name in `jobs`. */
  raw: string;
}

export interface List {
  items: ListItem[];
}
