import { describe, expect, it } from 'vitest';
import { History } from './history';
import { LineEditor, commonPrefix, formatColumns, tokenize, type EditorAction } from './line-editor';
import { VTerm } from './vterm';

const KEY = {
  left: '\x1b[D', right: '\x1b[C', up: '\x1b[A', down: '\x1b[B', home: '\x1b[H', end: '\x1b[F',
  homeVt: '\x1b[1~', endVt: '\x1b[4~', del: '\x1b[3~', bs: '\x7f', enter: '\r', tab: '\t',
  ctrlA: '\x01', ctrlB: '\x02', ctrlC: '\x03', ctrlD: '\x04', ctrlE: '\x05', ctrlF: '\x06', ctrlG: '\x07',
  ctrlK: '\x0b', ctrlL: '\x0c', ctrlN: '\x0e', ctrlP: '\x10', ctrlR: '\x12', ctrlT: '\x14', ctrlU: '\x15', ctrlW: '\x17', ctrlY: '\x19',
  altB: '\x1bb', altF: '\x1bf', altD: '\x1bd', altBs: '\x1b\x7f', ctrlLeft: '\x1b[1;5D', ctrlRight: '\x1b[1;5C',
  appUp: '\x1bOA', appLeft: '\x1bOD',
};

function setup(opts: { cols?: number; prompt?: string; history?: string[] } = {}) {
  const cols = opts.cols ?? 80;
  const history = new History();
  history.load(opts.history ?? []);
  const ed = new LineEditor({ cols, history });
  const vt = new VTerm(cols);
  const events: EditorAction[] = [];
  const apply = (acts: EditorAction[]) => {
    for (const a of acts) {
      if (a.type === 'write') vt.write(a.data);
      else events.push(a);
    }
    return acts.filter((a) => a.type !== 'write');
  };
  apply(ed.prompt(opts.prompt ?? '$ '));
  const feed = (...keys: string[]) => {
    const out: EditorAction[] = [];
    for (const k of keys) out.push(...apply(ed.feed(k)));
    return out;
  };
  return { ed, vt, events, apply, feed, screen: () => vt.screen(), cursor: () => vt.cursor() };
}

describe('typing and moving', () => {
  it('draws the prompt and echoes text with the cursor after it', () => {
    const t = setup();
    t.feed('kubectl get pods');
    expect(t.screen()).toEqual(['$ kubectl get pods']);
    expect(t.cursor()).toEqual({ row: 0, col: 18 });
    expect(t.ed.line).toBe('kubectl get pods');
  });

  it('left/right, Ctrl-B/F, Home/End, Ctrl-A/E move the cursor; typing inserts there', () => {
    const t = setup();
    t.feed('get pods');
    t.feed(KEY.left, KEY.left, KEY.left, KEY.left);
    expect(t.cursor().col).toBe(2 + 4);
    t.feed(KEY.ctrlB);
    expect(t.ed.cursorIndex).toBe(3);
    t.feed(KEY.ctrlF, KEY.right);
    expect(t.ed.cursorIndex).toBe(5);
    t.feed(KEY.home);
    expect(t.cursor().col).toBe(2);
    t.feed('kubectl ');
    expect(t.screen()).toEqual(['$ kubectl get pods']);
    expect(t.cursor().col).toBe(10);
    t.feed(KEY.end);
    expect(t.cursor().col).toBe(18);
    t.feed(KEY.ctrlA);
    expect(t.ed.cursorIndex).toBe(0);
    t.feed(KEY.ctrlE);
    expect(t.ed.cursorIndex).toBe(16);
    t.feed(KEY.homeVt);
    expect(t.ed.cursorIndex).toBe(0);
    t.feed(KEY.endVt, KEY.appLeft);
    expect(t.ed.cursorIndex).toBe(15);
    t.feed(KEY.right, KEY.right); // stops at the end
    expect(t.ed.cursorIndex).toBe(16);
    t.feed(KEY.home, KEY.left); // and at the start
    expect(t.ed.cursorIndex).toBe(0);
  });

  it('Alt-B/F and Ctrl-Left/Right move by words', () => {
    const t = setup();
    t.feed('kubectl get pods -o wide');
    t.feed(KEY.altB);
    expect(t.ed.cursorIndex).toBe(20);
    t.feed(KEY.altB, KEY.altB);
    expect(t.ed.cursorIndex).toBe(12);
    t.feed(KEY.ctrlLeft);
    expect(t.ed.cursorIndex).toBe(8);
    t.feed(KEY.altF);
    expect(t.ed.cursorIndex).toBe(11);
    t.feed(KEY.ctrlRight);
    expect(t.ed.cursorIndex).toBe(16);
    expect(t.cursor().col).toBe(18);
  });

  it('Backspace and Delete remove characters; Ctrl-D deletes under the cursor on a non-empty line', () => {
    const t = setup();
    t.feed('kubectl gett', KEY.bs);
    expect(t.screen()).toEqual(['$ kubectl get']);
    t.feed(KEY.home, KEY.del);
    expect(t.screen()).toEqual(['$ ubectl get']);
    t.feed(KEY.ctrlD);
    expect(t.screen()).toEqual(['$ bectl get']);
    expect(t.cursor().col).toBe(2);
    t.feed(KEY.bs); // at the start: nothing
    expect(t.ed.line).toBe('bectl get');
    t.feed(KEY.end, KEY.del); // at the end: nothing
    expect(t.ed.line).toBe('bectl get');
    expect(t.events).toEqual([]);
  });

  it('Ctrl-D on an empty line is eof', () => {
    const t = setup();
    expect(t.feed(KEY.ctrlD)).toEqual([{ type: 'eof' }]);
    expect(t.ed.mode).toBe('prompt');
  });

  it('Ctrl-T transposes the characters before the cursor', () => {
    const t = setup();
    t.feed('gte', KEY.left, KEY.ctrlT);
    expect(t.ed.line).toBe('get');
  });

  it('ignores unknown escape sequences and control characters', () => {
    const t = setup();
    t.feed('a', '\x1b[15~', '\x1bx', '\x1b[1;2P', '\x00', '\x1b', 'b');
    expect(t.ed.line).toBe('ab');
    expect(t.screen()).toEqual(['$ ab']);
  });
});

describe('kill and yank', () => {
  it('Ctrl-K kills to the end, Ctrl-U to the start, Ctrl-Y yanks it back', () => {
    const t = setup();
    t.feed('kubectl get pods', KEY.altB, KEY.ctrlK);
    expect(t.screen()).toEqual(['$ kubectl get']);
    t.feed(KEY.ctrlA, KEY.ctrlY);
    expect(t.ed.line).toBe('podskubectl get ');
    t.feed(KEY.ctrlU);
    expect(t.ed.line).toBe('kubectl get ');
    t.feed(KEY.end, KEY.ctrlY);
    expect(t.ed.line).toBe('kubectl get pods');
    expect(t.screen()).toEqual(['$ kubectl get pods']);
  });

  it('Ctrl-W kills the previous blank-separated word; consecutive kills join', () => {
    const t = setup();
    t.feed('kubectl get deploy/web  ');
    t.feed(KEY.ctrlW);
    expect(t.ed.line).toBe('kubectl get ');
    t.feed(KEY.ctrlW);
    expect(t.ed.line).toBe('kubectl ');
    t.feed(KEY.ctrlY);
    expect(t.ed.line).toBe('kubectl get deploy/web  ');
  });

  it('Alt-Backspace and Alt-D kill words by letters and digits', () => {
    const t = setup();
    t.feed('get deploy/web', KEY.altBs);
    expect(t.ed.line).toBe('get deploy/');
    t.feed(KEY.home, KEY.altD);
    expect(t.ed.line).toBe(' deploy/');
  });
});

describe('accepting lines', () => {
  it('Enter submits, moves to a new line and goes busy until the next prompt', () => {
    const t = setup();
    t.feed('kubectl get pods', KEY.home);
    expect(t.feed(KEY.enter)).toEqual([{ type: 'submit', line: 'kubectl get pods' }]);
    expect(t.ed.mode).toBe('busy');
    expect(t.cursor()).toEqual({ row: 1, col: 0 });
    t.apply(t.ed.print('No resources found in default namespace.\n'));
    t.apply(t.ed.prompt('$ '));
    expect(t.screen()).toEqual(['$ kubectl get pods', 'No resources found in default namespace.', '$']);
    expect(t.cursor()).toEqual({ row: 2, col: 2 });
    expect(t.ed.history.toArray()).toEqual(['kubectl get pods']);
  });

  it('an empty or blank line gives a fresh prompt and submits nothing', () => {
    const t = setup();
    expect(t.feed(KEY.enter, '   ', KEY.enter)).toEqual([]);
    expect(t.screen()).toEqual(['$', '$', '$']);
    expect(t.ed.mode).toBe('prompt');
    expect(t.ed.history.length).toBe(0);
  });

  it('the next prompt starts on a fresh line after output without a newline', () => {
    const t = setup();
    t.feed('printf x', KEY.enter);
    t.apply(t.ed.print('x'));
    t.apply(t.ed.prompt('$ '));
    expect(t.screen()).toEqual(['$ printf x', 'x', '$']);
  });

  it('a prompt with colour escapes is measured by its visible width', () => {
    const t = setup({ prompt: '\x1b[1;32mcontrolplane\x1b[0m:~$ ', cols: 20 });
    t.feed('abcdef');
    expect(t.screen()).toEqual(['controlplane:~$ abcd', 'ef']);
    expect(t.cursor()).toEqual({ row: 1, col: 2 });
    t.feed(KEY.home);
    expect(t.cursor()).toEqual({ row: 0, col: 16 });
  });

  it('Ctrl-C at the prompt prints ^C and a new empty prompt', () => {
    const t = setup();
    t.feed('kubectl get', KEY.left, KEY.left);
    expect(t.feed(KEY.ctrlC)).toEqual([{ type: 'interrupt' }]);
    expect(t.screen()).toEqual(['$ kubectl get^C', '$']);
    expect(t.ed.line).toBe('');
    expect(t.ed.mode).toBe('prompt');
  });

  it('Ctrl-L clears the screen and redraws the line with the cursor in place', () => {
    const t = setup();
    t.feed('echo one', KEY.enter);
    t.apply(t.ed.print('one\n'));
    t.apply(t.ed.prompt('$ '));
    t.feed('kubectl', KEY.left);
    expect(t.feed(KEY.ctrlL)).toEqual([{ type: 'clear' }]);
    expect(t.screen()).toEqual(['$ kubectl']);
    expect(t.cursor()).toEqual({ row: 0, col: 8 });
  });

  it('prints asynchronous output above the line being edited', () => {
    const t = setup();
    t.feed('kubectl get', KEY.left);
    t.apply(t.ed.print('pod/web created\n'));
    expect(t.screen()).toEqual(['pod/web created', '$ kubectl get']);
    expect(t.cursor()).toEqual({ row: 1, col: 12 });
    t.apply(t.ed.print('no newline'));
    expect(t.screen()).toEqual(['pod/web created', 'no newline', '$ kubectl get']);
  });
});

describe('wrapping', () => {
  it('wraps a long line over rows and keeps the cursor right when moving across them', () => {
    const t = setup({ cols: 10 });
    t.feed('abcdefghijklmnopqrstuvw'); // 2 + 23 = 25 cells
    expect(t.screen()).toEqual(['$ abcdefgh', 'ijklmnopqr', 'stuvw']);
    expect(t.cursor()).toEqual({ row: 2, col: 5 });
    t.feed(KEY.home);
    expect(t.cursor()).toEqual({ row: 0, col: 2 });
    t.feed(KEY.right.repeat(8));
    expect(t.cursor()).toEqual({ row: 1, col: 0 });
    t.feed(KEY.left);
    expect(t.cursor()).toEqual({ row: 0, col: 9 });
    t.feed('X');
    expect(t.screen()).toEqual(['$ abcdefgX', 'hijklmnopq', 'rstuvw']);
    expect(t.cursor()).toEqual({ row: 1, col: 0 });
    t.feed(KEY.bs, KEY.bs);
    expect(t.screen()).toEqual(['$ abcdefhi', 'jklmnopqrs', 'tuvw']);
    expect(t.cursor()).toEqual({ row: 0, col: 8 });
    t.feed(KEY.end);
    expect(t.cursor()).toEqual({ row: 2, col: 4 });
  });

  it('a row filled exactly puts the cursor at the start of the next row', () => {
    const t = setup({ cols: 10 });
    t.feed('abcdefgh');
    expect(t.cursor()).toEqual({ row: 1, col: 0 });
    t.feed('i');
    expect(t.screen()).toEqual(['$ abcdefgh', 'i']);
    t.feed(KEY.bs);
    expect(t.screen()).toEqual(['$ abcdefgh']);
    expect(t.cursor()).toEqual({ row: 1, col: 0 });
    t.feed(KEY.bs);
    expect(t.cursor()).toEqual({ row: 0, col: 9 });
    t.feed('h', 'ij');
    expect(t.screen()).toEqual(['$ abcdefgh', 'ij']);
  });

  it('shrinking a wrapped line clears the rows it no longer needs', () => {
    const t = setup({ cols: 10 });
    t.feed('abcdefghijklmnopqrst');
    t.feed(KEY.ctrlU);
    expect(t.screen()).toEqual(['$']);
    expect(t.cursor()).toEqual({ row: 0, col: 2 });
  });

  it('Enter on a wrapped line moves below its last row', () => {
    const t = setup({ cols: 10 });
    t.feed('abcdefghijklmnop', KEY.home, KEY.enter);
    expect(t.cursor()).toEqual({ row: 2, col: 0 });
  });

  it('wide CJK characters take two cells and wrap whole', () => {
    const t = setup({ cols: 10 });
    t.feed('中文');
    expect(t.cursor()).toEqual({ row: 0, col: 6 });
    t.feed('abc'); // 9 cells: the next wide character does not fit in the last cell
    t.feed('字');
    expect(t.screen()).toEqual(['$ 中文abc', '字']);
    expect(t.cursor()).toEqual({ row: 1, col: 2 });
    t.feed(KEY.left);
    expect(t.cursor()).toEqual({ row: 1, col: 0 });
    t.feed(KEY.left);
    expect(t.cursor()).toEqual({ row: 0, col: 8 });
    t.feed(KEY.home, KEY.right);
    expect(t.cursor()).toEqual({ row: 0, col: 4 });
    t.feed(KEY.bs);
    expect(t.screen()).toEqual(['$ 文abc字']);
    expect(t.ed.line).toBe('文abc字');
  });

  it('keeps combining marks with their letter', () => {
    const t = setup();
    t.feed('cafe\u0301!');
    expect(t.cursor().col).toBe(7);
    t.feed(KEY.left, KEY.left);
    expect(t.ed.cursorIndex).toBe(3);
    t.feed(KEY.del);
    expect(t.ed.line).toBe('caf!');
  });

  it('redraws for a new width after a resize', () => {
    const t = setup({ cols: 20 });
    t.feed('abcdefghijklmnop', KEY.left.repeat(3));
    // xterm reflows the line into the narrower screen, keeping the cursor on its character.
    const reflowed = new VTerm(10);
    reflowed.write('$ abcdefghijklmnop\x1b[3D');
    expect(reflowed.cursor()).toEqual({ row: 1, col: 5 });
    for (const a of t.ed.resize(10)) if (a.type === 'write') reflowed.write(a.data);
    expect(reflowed.screen()).toEqual(['$ abcdefgh', 'ijklmnop']);
    expect(reflowed.cursor()).toEqual({ row: 1, col: 5 });
    expect(t.ed.cols).toBe(10);
    expect(t.ed.resize(10)).toEqual([]);
  });
});

describe('history', () => {
  it('up/down and Ctrl-P/N walk the history and come back to the draft', () => {
    const t = setup({ history: ['kubectl get pods', 'kubectl get nodes'] });
    t.feed('kub');
    t.feed(KEY.up);
    expect(t.screen()).toEqual(['$ kubectl get nodes']);
    t.feed(KEY.ctrlP);
    expect(t.ed.line).toBe('kubectl get pods');
    t.feed(KEY.up); // no older entry
    expect(t.ed.line).toBe('kubectl get pods');
    t.feed(KEY.down);
    expect(t.ed.line).toBe('kubectl get nodes');
    t.feed(KEY.ctrlN);
    expect(t.screen()).toEqual(['$ kub']);
    t.feed(KEY.down);
    expect(t.ed.line).toBe('kub');
    t.feed(KEY.appUp);
    expect(t.cursor().col).toBe(2 + 'kubectl get nodes'.length);
  });

  it('a recalled long entry replaces a short line across rows', () => {
    const t = setup({ cols: 10, history: ['kubectl get pods -A'] });
    t.feed(KEY.up);
    expect(t.screen()).toEqual(['$ kubectl', 'get pods -', 'A']);
    t.feed(KEY.down);
    expect(t.screen()).toEqual(['$']);
  });

  it('stores no blank lines and no repeat of the previous entry, at most 1000', () => {
    const h = new History();
    expect(h.add('ls')).toBe(true);
    expect(h.add('ls')).toBe(false);
    expect(h.add('  ')).toBe(false);
    expect(h.add('pwd')).toBe(true);
    expect(h.add('ls')).toBe(true);
    expect(h.toArray()).toEqual(['ls', 'pwd', 'ls']);
    for (let i = 0; i < 1100; i++) h.add(`echo ${i}`);
    expect(h.length).toBe(1000);
    expect(h.get(999)).toBe('echo 1099');
    expect(h.get(0)).toBe('echo 100');
  });

  it('loads what the host saved, dropping junk', () => {
    const h = new History(3);
    h.load(['a', 'a', 7, '', 'b\nc', 'b', 'c', 'd']);
    expect(h.toArray()).toEqual(['b', 'c', 'd']);
  });

  it('submitted lines go into the history', () => {
    const t = setup({ history: ['one'] });
    t.feed('two', KEY.enter);
    t.apply(t.ed.prompt('$ '));
    t.feed('two', KEY.enter);
    expect(t.ed.history.toArray()).toEqual(['one', 'two']);
  });
});

describe('Ctrl-R reverse incremental search', () => {
  const history = ['kubectl get pods', 'kubectl apply -f web.yaml', 'kubectl get deploy', 'ls'];

  it('shows bash\'s search prompt and the newest match as the query grows', () => {
    const t = setup({ history });
    t.feed(KEY.ctrlR);
    expect(t.screen()).toEqual(["(reverse-i-search)`':"]);
    t.feed('g');
    expect(t.screen()).toEqual(["(reverse-i-search)`g': kubectl get deploy"]);
    t.feed('e', 't');
    expect(t.screen()).toEqual(["(reverse-i-search)`get': kubectl get deploy"]);
    // The cursor sits on the match.
    expect(t.cursor().col).toBe("(reverse-i-search)`get': ".length + 8);
    t.feed(' p');
    expect(t.screen()).toEqual(["(reverse-i-search)`get p': kubectl get pods"]);
  });

  it('Ctrl-R again finds older matches; failing says so and keeps the last match', () => {
    const t = setup({ history });
    t.feed(KEY.ctrlR, 'get');
    t.feed(KEY.ctrlR);
    expect(t.screen()).toEqual(["(reverse-i-search)`get': kubectl get pods"]);
    t.feed(KEY.ctrlR);
    expect(t.screen()).toEqual(["(failed reverse-i-search)`get': kubectl get pods"]);
    t.feed('x');
    expect(t.screen()).toEqual(["(failed reverse-i-search)`getx': kubectl get pods"]);
    t.feed(KEY.bs);
    expect(t.screen()).toEqual(["(reverse-i-search)`get': kubectl get deploy"]);
  });

  it('Enter runs the match', () => {
    const t = setup({ history });
    t.feed(KEY.ctrlR, 'apply');
    expect(t.feed(KEY.enter)).toEqual([{ type: 'submit', line: 'kubectl apply -f web.yaml' }]);
    expect(t.screen()).toEqual(['$ kubectl apply -f web.yaml']);
  });

  it('Ctrl-G gives back the line as it was', () => {
    const t = setup({ history });
    t.feed('echo hi', KEY.left, KEY.ctrlR, 'apply', KEY.ctrlG);
    expect(t.screen()).toEqual(['$ echo hi']);
    expect(t.ed.cursorIndex).toBe(6);
  });

  it('a movement key keeps the match for editing and moves', () => {
    const t = setup({ history });
    t.feed(KEY.ctrlR, 'apply', KEY.ctrlE);
    expect(t.screen()).toEqual(['$ kubectl apply -f web.yaml']);
    expect(t.ed.cursorIndex).toBe('kubectl apply -f web.yaml'.length);
    t.feed(KEY.up); // history continues from the match
    expect(t.ed.line).toBe('kubectl get pods');
  });

  it('a second Ctrl-R on an empty query repeats the last search', () => {
    const t = setup({ history });
    t.feed(KEY.ctrlR, 'deploy', KEY.ctrlE, KEY.ctrlU);
    t.feed(KEY.ctrlR, KEY.ctrlR);
    expect(t.screen()).toEqual(["(reverse-i-search)`deploy': kubectl get deploy"]);
  });

  it('Ctrl-C leaves the search and interrupts', () => {
    const t = setup({ history });
    t.feed(KEY.ctrlR, 'get');
    expect(t.feed(KEY.ctrlC)).toEqual([{ type: 'interrupt' }]);
    expect(t.screen()).toEqual(['$ ^C', '$']);
  });
});

describe('Tab completion', () => {
  it('asks the host, then a single candidate completes with a space', () => {
    const t = setup();
    t.feed('kubectl ge');
    expect(t.feed(KEY.tab)).toEqual([{ type: 'complete', line: 'kubectl ge', cursor: 10 }]);
    t.apply(t.ed.completions({ candidates: ['get'], from: 8 }));
    expect(t.ed.line).toBe('kubectl get ');
    expect(t.screen()).toEqual(['$ kubectl get']);
    expect(t.cursor().col).toBe(14);
  });

  it('a candidate ending in / or = is not a full word: no space', () => {
    const t = setup();
    t.feed('cat manif', KEY.tab);
    t.apply(t.ed.completions({ candidates: ['manifests/'], from: 4 }));
    expect(t.ed.line).toBe('cat manifests/');
    t.feed(' kubectl get -o', KEY.tab);
    t.apply(t.ed.completions({ candidates: ['--output='], from: 27 }));
    expect(t.ed.line).toBe('cat manifests/ kubectl get --output=');
  });

  it('completes in the middle of a line, replacing the range', () => {
    const t = setup();
    t.feed('kubectl de pods', KEY.left.repeat(5), KEY.tab);
    t.apply(t.ed.completions({ candidates: ['describe'], from: 8 }));
    expect(t.ed.line).toBe('kubectl describe pods');
    expect(t.ed.cursorIndex).toBe(16);
    expect(t.screen()).toEqual(['$ kubectl describe pods']);
  });

  it('several candidates: first the common prefix, a second Tab lists them in columns, then redraws', () => {
    const t = setup({ cols: 40 });
    t.feed('kubectl get de', KEY.tab);
    t.apply(t.ed.completions({ candidates: ['deployments', 'deployment', 'deploy'], from: 12 }));
    expect(t.ed.line).toBe('kubectl get deploy');
    expect(t.screen()).toEqual(['$ kubectl get deploy']);
    t.feed(KEY.tab);
    t.apply(t.ed.completions({ candidates: ['deployments', 'deployment', 'deploy'], from: 12 }));
    expect(t.screen()).toEqual(['$ kubectl get deploy', 'deploy       deployment   deployments', '$ kubectl get deploy']);
    expect(t.cursor()).toEqual({ row: 2, col: 20 });
  });

  it('nothing to add on the first Tab: the second lists, in rows then columns', () => {
    const t = setup({ cols: 30 });
    const candidates = ['annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale'];
    t.feed('kubectl a', KEY.tab);
    t.apply(t.ed.completions({ candidates, from: 8 }));
    expect(t.screen()).toEqual(['$ kubectl a']);
    t.feed(KEY.tab);
    t.apply(t.ed.completions({ candidates, from: 8 }));
    expect(t.screen()).toEqual([
      '$ kubectl a',
      'annotate       attach',
      'api-resources  auth',
      'api-versions   autoscale',
      'apply',
      '$ kubectl a',
    ]);
  });

  it('another key in between starts over', () => {
    const t = setup();
    t.feed('x', KEY.tab);
    t.apply(t.ed.completions({ candidates: ['xa', 'xb'], from: 0 }));
    t.feed(KEY.left, KEY.right, KEY.tab);
    t.apply(t.ed.completions({ candidates: ['xa', 'xb'], from: 0 }));
    expect(t.screen()).toEqual(['$ x']);
  });

  it('ignores an answer that comes after the line changed, and no candidates does nothing', () => {
    const t = setup();
    t.feed('kubectl g', KEY.tab, 'e');
    t.apply(t.ed.completions({ candidates: ['get'], from: 8 }));
    expect(t.ed.line).toBe('kubectl ge');
    t.feed(KEY.tab);
    t.apply(t.ed.completions({ candidates: [], from: 8 }));
    expect(t.ed.line).toBe('kubectl ge');
  });

  it('formats columns and common prefixes', () => {
    expect(formatColumns(['a', 'bb', 'ccc', 'd'], 11)).toEqual(['a    ccc', 'bb   d']);
    expect(formatColumns(['一二三', 'x'], 80)).toEqual(['一二三  x']);
    expect(formatColumns(['long-name'], 4)).toEqual(['long-name']);
    expect(commonPrefix(['deploy', 'deployment'])).toBe('deploy');
    expect(commonPrefix(['中文', '中国'])).toBe('中');
    expect(commonPrefix(['a', 'b'])).toBe('');
  });
});

describe('paste', () => {
  it('multi-line bracketed paste submits each line in turn, the last stays for editing', () => {
    const t = setup();
    const first = t.feed('\x1b[200~echo a\recho b\r\techo c\x1b[201~');
    expect(first).toEqual([{ type: 'submit', line: 'echo a' }]);
    expect(t.ed.mode).toBe('busy');
    t.apply(t.ed.print('a\n'));
    expect(t.apply(t.ed.prompt('$ '))).toEqual([{ type: 'submit', line: 'echo b' }]);
    t.apply(t.ed.print('b\n'));
    expect(t.apply(t.ed.prompt('$ '))).toEqual([]);
    expect(t.ed.line).toBe(' echo c');
    expect(t.screen()).toEqual(['$ echo a', 'a', '$ echo b', 'b', '$  echo c']);
    // Tabs in a paste are text, not completion requests.
    expect(t.events.some((e) => e.type === 'complete')).toBe(false);
  });

  it('plain pasted text with line breaks does the same', () => {
    const t = setup();
    expect(t.feed('ls\nls -l\r\n')).toEqual([{ type: 'submit', line: 'ls' }]);
    expect(t.apply(t.ed.prompt('$ '))).toEqual([{ type: 'submit', line: 'ls -l' }]);
    expect(t.apply(t.ed.prompt('$ '))).toEqual([]);
    expect(t.ed.line).toBe('');
  });

  it('Ctrl-C while busy drops the rest of a paste', () => {
    const t = setup();
    t.feed('sleep 10\recho never\r');
    t.feed(KEY.ctrlC);
    expect(t.apply(t.ed.prompt('$ '))).toEqual([]);
    expect(t.screen()).toEqual(['$ sleep 10', '^C', '$']);
  });

  it('tokenizes keys and text', () => {
    expect(tokenize('ab\x1b[Ac\x1bOD\x1bb\x03').map((x) => x.raw)).toEqual(['ab', '\x1b[A', 'c', '\x1bOD', '\x1bb', '\x03']);
  });
});

describe('busy and nested read-line', () => {
  it('keys go to the program as input while busy; Ctrl-C interrupts', () => {
    const t = setup();
    t.feed('kubectl get pods -w', KEY.enter);
    expect(t.feed('abc', KEY.up)).toEqual([{ type: 'input', data: 'abc' }, { type: 'input', data: KEY.up }]);
    expect(t.feed('x\x03y')).toEqual([{ type: 'input', data: 'x' }, { type: 'interrupt' }, { type: 'input', data: 'y' }]);
    expect(t.screen()).toEqual(['$ kubectl get pods -w', '^C']);
    t.apply(t.ed.prompt('$ '));
    expect(t.screen()).toEqual(['$ kubectl get pods -w', '^C', '$']);
  });

  it('a program reads lines with its own prompt and history', () => {
    const t = setup({ history: ['kubectl get pods'] });
    t.feed('kubectl exec -it web -- sh', KEY.enter);
    t.apply(t.ed.readLine('/ # '));
    expect(t.ed.mode).toBe('read');
    expect(t.feed('ls', KEY.tab, KEY.enter)).toEqual([{ type: 'line', line: 'ls' }]);
    t.apply(t.ed.print('bin  etc\n'));
    t.apply(t.ed.readLine('/ # '));
    t.feed(KEY.up);
    expect(t.ed.line).toBe('ls');
    t.feed(KEY.ctrlU);
    expect(t.feed(KEY.ctrlD)).toEqual([{ type: 'eof' }]);
    expect(t.ed.mode).toBe('busy');
    t.apply(t.ed.prompt('$ '));
    expect(t.screen()).toEqual(['$ kubectl exec -it web -- sh', '/ # ls', 'bin  etc', '/ #', '$']);
    expect(t.ed.history.toArray()).toEqual(['kubectl get pods', 'kubectl exec -it web -- sh']);
    expect(t.ed.readHistory.toArray()).toEqual(['ls']);
  });

  it('Ctrl-C at a nested prompt interrupts the program', () => {
    const t = setup();
    t.feed('rm -i x', KEY.enter);
    t.apply(t.ed.readLine('remove x? '));
    expect(t.feed('y', KEY.ctrlC)).toEqual([{ type: 'interrupt' }]);
    expect(t.ed.mode).toBe('busy');
    expect(t.screen()).toEqual(['$ rm -i x', 'remove x? y^C']);
  });

  it('a paste feeds a nested prompt first', () => {
    const t = setup();
    expect(t.feed('sh\rls\r')).toEqual([{ type: 'submit', line: 'sh' }]);
    expect(t.apply(t.ed.readLine('# '))).toEqual([{ type: 'line', line: 'ls' }]);
  });

  it('the top-level prompt replaces a nested one left open', () => {
    const t = setup();
    t.feed('ask', KEY.enter);
    t.apply(t.ed.readLine('name? '));
    t.feed('bo');
    t.apply(t.ed.prompt('$ '));
    expect(t.screen()).toEqual(['$ ask', 'name? bo', '$']);
    expect(t.ed.mode).toBe('prompt');
  });
});
