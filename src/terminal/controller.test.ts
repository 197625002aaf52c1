import { describe, expect, it } from 'vitest';
import { TerminalController } from './controller';
import type { ExecIO, Session } from './session';
import { VTerm } from './vterm';
import { codePointWidth, stringWidth, stripAnsi } from './width';

const tick = () => new Promise((r) => setTimeout(r, 0));

function fakeSession(stored: string[] = []) {
  const log: string[] = [];
  let saved: string[] = [];
  let release: ((code: number) => void) | null = null;
  let lastIO: ExecIO | null = null;
  const session: Session = {
    async exec(line, io) {
      log.push(`exec ${line}`);
      lastIO = io;
      if (line.startsWith('echo ')) io.write(line.slice(5) + '\n');
      else if (line === 'wait') return new Promise<number>((r) => (release = r));
      else if (line === 'ask') {
        const name = await io.readLine('name? ');
        io.write(`hello ${name}\n`);
      } else if (line === 'boom') throw new Error('the worker went away');
      return 0;
    },
    async complete(line, cursor) {
      log.push(`complete ${line}|${cursor}`);
      return { candidates: ['get', 'describe'].filter((c) => c.startsWith(line.slice(8, cursor))), from: 8 };
    },
    interrupt() {
      log.push('interrupt');
      release?.(130);
    },
    prompt: () => '$ ',
    history: {
      load: async () => stored,
      save: (lines) => (saved = lines),
    },
    input(text) {
      log.push(`input ${JSON.stringify(text)}`);
    },
  };
  return { session, log, saved: () => saved, io: () => lastIO!, release: (c: number) => release?.(c) };
}

async function setup(stored: string[] = []) {
  const f = fakeSession(stored);
  const vt = new VTerm(80);
  let firstPrompt = 0;
  const c = new TerminalController(f.session, (d) => vt.write(d), { cols: 80, onFirstPrompt: () => firstPrompt++ });
  await c.start();
  return { ...f, c, vt, firstPrompt: () => firstPrompt };
}

describe('TerminalController', () => {
  it('loads history, draws the first prompt once, runs lines and prints their output', async () => {
    const t = await setup(['kubectl version']);
    expect(t.firstPrompt()).toBe(1);
    expect(t.vt.screen()).toEqual(['$']);
    t.c.onData('echo hi\r');
    await tick();
    expect(t.vt.screen()).toEqual(['$ echo hi', 'hi', '$']);
    expect(t.saved()).toEqual(['kubectl version', 'echo hi']);
    t.c.onData('\x1b[A\x1b[A');
    expect(t.vt.screen()[2]).toBe('$ kubectl version');
  });

  it('Tab asks the session and completes', async () => {
    const t = await setup();
    t.c.onData('kubectl g\t');
    await tick();
    expect(t.log).toContain('complete kubectl g|9');
    expect(t.vt.screen()).toEqual(['$ kubectl get']);
    expect(t.c.editor.line).toBe('kubectl get ');
  });

  it('while a command runs, keys go to its input and Ctrl-C interrupts it', async () => {
    const t = await setup();
    t.c.onData('wait\r');
    await tick();
    expect(t.c.busy).toBe(true);
    t.c.onData('q');
    t.c.onData('\x03');
    await tick();
    expect(t.log).toEqual(['exec wait', 'input "q"', 'interrupt']);
    expect(t.c.busy).toBe(false);
    expect(t.vt.screen()).toEqual(['$ wait', '^C', '$']);
  });

  it('Ctrl-C at the prompt does not bother the session', async () => {
    const t = await setup();
    t.c.onData('abc\x03');
    expect(t.log).toEqual([]);
  });

  it('a program reads a line through readLine', async () => {
    const t = await setup();
    t.c.onData('ask\r');
    await tick();
    expect(t.c.editor.mode).toBe('read');
    t.c.onData('Ada\r');
    await tick();
    expect(t.vt.screen()).toEqual(['$ ask', 'name? Ada', 'hello Ada', '$']);
    expect(t.saved()).toEqual(['ask']);
  });

  it('Ctrl-D at a nested prompt gives the program null', async () => {
    const t = await setup();
    t.c.onData('ask\r');
    await tick();
    t.c.onData('\x04');
    await tick();
    expect(t.vt.screen()).toEqual(['$ ask', 'name?', 'hello null', '$']);
  });

  it('a failing exec prints the error and gives the prompt back', async () => {
    const t = await setup();
    t.c.onData('boom\r');
    await tick();
    await tick();
    expect(t.vt.screen()).toEqual(['$ boom', 'kubeplay: the worker went away', '$']);
  });

  it('late output of a finished command lands above the prompt', async () => {
    const t = await setup();
    t.c.onData('echo a\r');
    await tick();
    t.c.onData('xy');
    t.io().write('late\n');
    expect(t.vt.screen()).toEqual(['$ echo a', 'a', 'late', '$ xy']);
    expect(await t.io().readLine('? ')).toBe(null);
  });

  it('a multi-line paste runs each line after the previous one finished', async () => {
    const t = await setup();
    t.c.onData('\x1b[200~echo 1\recho 2\r\x1b[201~');
    for (let i = 0; i < 5; i++) await tick();
    expect(t.log).toEqual(['exec echo 1', 'exec echo 2']);
    expect(t.vt.screen()).toEqual(['$ echo 1', '1', '$ echo 2', '2', '$']);
  });

  it('history that fails to load starts empty', async () => {
    const f = fakeSession();
    f.session.history.load = () => Promise.reject(new Error('no idb'));
    const vt = new VTerm(80);
    const c = new TerminalController(f.session, (d) => vt.write(d), { cols: 80 });
    await c.start();
    expect(vt.screen()).toEqual(['$']);
    expect(c.history.length).toBe(0);
  });
});

describe('widths', () => {
  it('measures like xterm 6', () => {
    expect(codePointWidth('a'.codePointAt(0)!)).toBe(1);
    expect(codePointWidth('中'.codePointAt(0)!)).toBe(2);
    expect(codePointWidth('ｱ'.codePointAt(0)!)).toBe(1);
    expect(codePointWidth('Ａ'.codePointAt(0)!)).toBe(2);
    expect(codePointWidth('한'.codePointAt(0)!)).toBe(2);
    expect(codePointWidth(0x301)).toBe(0);
    expect(codePointWidth(0x20000)).toBe(2);
    expect(stringWidth('\x1b[31m中文\x1b[0m ok')).toBe(7);
    expect(stripAnsi('\x1b]0;title\x07$ ')).toBe('$ ');
  });
});

describe('TerminalController.typeLine', () => {
  it('replaces the edited line, runs each typed line in turn, and refuses while a command runs', async () => {
    const t = await setup();
    t.c.onData('half-typed');
    expect(t.c.typeLine('echo one\necho two')).toBe(true);
    await tick();
    await tick();
    expect(t.log).toEqual(['exec echo one', 'exec echo two']);
    expect(t.vt.screen()).toEqual(['$ echo one', 'one', '$ echo two', 'two', '$']);
    t.c.onData('wait\r');
    await tick();
    expect(t.c.typeLine('echo three')).toBe(false);
    t.release(0);
    await tick();
    expect(t.c.typeLine('echo three')).toBe(true);
    await tick();
    expect(t.log.at(-1)).toBe('exec echo three');
  });
});
