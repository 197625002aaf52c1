// The one place that touches xterm.js: a Terminal with the fit addon, wired to the pure
// TerminalController (line editor + Session). Everything about editing lives in src/terminal.

import { Terminal, type ILink, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { TerminalController } from '../../terminal/controller';
import type { Session } from '../../terminal/session';
import { stringWidth } from '../../terminal/width';
import { initialGeometry } from './initial-size';

export type TerminalTheme = 'dark' | 'light';

export const THEMES: Record<TerminalTheme, ITheme> = {
  dark: {
    background: '#1e1e1e', foreground: '#d4d4d4', cursor: '#d4d4d4', cursorAccent: '#1e1e1e',
    selectionBackground: '#264f78',
    black: '#000000', red: '#f14c4c', green: '#23d18b', yellow: '#f5f543', blue: '#3b8eea',
    magenta: '#d670d6', cyan: '#29b8db', white: '#e5e5e5',
    brightBlack: '#767676', brightRed: '#f14c4c', brightGreen: '#23d18b', brightYellow: '#f5f543',
    brightBlue: '#3b8eea', brightMagenta: '#d670d6', brightCyan: '#29b8db', brightWhite: '#ffffff',
  },
  light: {
    background: '#ffffff', foreground: '#1f2328', cursor: '#1f2328', cursorAccent: '#ffffff',
    selectionBackground: '#add6ff',
    black: '#1f2328', red: '#cf222e', green: '#116329', yellow: '#7d4e00', blue: '#0550ae',
    magenta: '#8250df', cyan: '#1b7c83', white: '#6e7781',
    brightBlack: '#57606a', brightRed: '#a40e26', brightGreen: '#1a7f37', brightYellow: '#633c01',
    brightBlue: '#0969da', brightMagenta: '#8250df', brightCyan: '#1b7c83', brightWhite: '#8c959f',
  },
};

export interface TerminalOptions {
  theme?: TerminalTheme;
  fontSize?: number;
  /** Name for assistive technology ("Terminal 2"). */
  label?: string;
  /** Focus the terminal once mounted. */
  autofocus?: boolean;
}

export interface TerminalHandle {
  readonly term: Terminal;
  readonly controller: TerminalController;
  /** Resolves when the first prompt is on screen. */
  readonly ready: Promise<void>;
  focus(): void;
  setTheme(theme: TerminalTheme): void;
  /** Writes a notice above the prompt (not tied to a command). */
  print(text: string): void;
  /** Types a line (or several) at the prompt and runs it; false while a command runs. */
  typeLine(line: string): boolean;
  /** Re-measures the container (the ResizeObserver does this on its own). */
  fit(): void;
  /** The visible screen as text, one string per row (for tests and debugging). */
  screenText(): string[];
  dispose(): void;
}

const FONT_FAMILY = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';
const URL_RE = /\bhttps?:\/\/[^\s"'<>`]+[^\s"'<>`.,;:!?)\]}]/g;

let firstPromptMarked = false;

export function mountTerminal(el: HTMLElement, session: Session, opts: TerminalOptions = {}): TerminalHandle {
  const fontSize = opts.fontSize ?? 14;
  const term = new Terminal({
    // Created at the size the fit below would give: no resize (and re-measure) right after opening.
    ...initialGeometry(el, FONT_FAMILY, fontSize),
    convertEol: true,
    screenReaderMode: true,
    cursorBlink: true,
    fontSize,
    fontFamily: FONT_FAMILY,
    theme: THEMES[opts.theme ?? 'dark'],
    scrollback: 5000,
    allowTransparency: false,
    linkHandler: { activate: (_e, uri) => openLink(uri) },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(el);
  if (opts.label) term.textarea?.setAttribute('aria-label', opts.label);
  safeFit(fit);

  const controller = new TerminalController(session, (data) => term.write(data), { cols: term.cols });
  const disposables = [
    term.onData((data) => controller.onData(data)),
    term.onResize(({ cols }) => controller.resize(cols)),
    // Copy on selection, like most terminals on Linux.
    term.onSelectionChange(() => {
      const text = term.getSelection();
      if (text) navigator.clipboard?.writeText(text).catch(() => {});
    }),
    term.registerLinkProvider({
      provideLinks(y, callback) {
        const line = term.buffer.active.getLine(y - 1)?.translateToString(true) ?? '';
        const links: ILink[] = [];
        for (const m of line.matchAll(URL_RE)) {
          const x = stringWidth(line.slice(0, m.index)) + 1;
          links.push({
            text: m[0],
            range: { start: { x, y }, end: { x: x + stringWidth(m[0]) - 1, y } },
            activate: (_e, text) => openLink(text),
          });
        }
        callback(links.length ? links : undefined);
      },
    }),
  ];

  // Ctrl-V / Cmd-V: let the browser paste (xterm turns the paste event into onData).
  // Ctrl-C with a selection copies instead of interrupting; Ctrl-Shift-C always copies.
  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown') return true;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && e.key.toLowerCase() === 'v') return false;
    if (mod && e.key.toLowerCase() === 'c' && (e.shiftKey || e.metaKey || term.hasSelection())) {
      const text = term.getSelection();
      if (text) navigator.clipboard?.writeText(text).catch(() => {});
      term.clearSelection();
      e.preventDefault();
      return false;
    }
    return true;
  });

  // Bracketed paste: pasted text arrives marked, so its tabs and line breaks are handled as text.
  term.write('\x1b[?2004h');

  const ro = new ResizeObserver(() => safeFit(fit));
  ro.observe(el);

  const ready = controller.start().then(
    () =>
      new Promise<void>((resolve) => {
        term.write('', () =>
          requestAnimationFrame(() => {
            if (!firstPromptMarked) {
              firstPromptMarked = true;
              performance.mark('terminal-prompt');
            }
            resolve();
          }),
        );
      }),
  );
  if (opts.autofocus !== false) term.focus();

  return {
    term,
    controller,
    ready,
    focus: () => term.focus(),
    setTheme: (theme) => {
      term.options.theme = THEMES[theme];
    },
    print: (text) => controller.print(text),
    typeLine: (line) => {
      const ok = controller.typeLine(line);
      if (ok) term.focus();
      return ok;
    },
    fit: () => safeFit(fit),
    screenText: () => {
      const b = term.buffer.active;
      const rows: string[] = [];
      for (let i = 0; i < b.length; i++) rows.push((b.getLine(i)?.translateToString(true) ?? '').trimEnd());
      while (rows.length && !rows[rows.length - 1]) rows.pop();
      return rows;
    },
    dispose: () => {
      ro.disconnect();
      controller.dispose();
      for (const d of disposables) d.dispose();
      term.dispose();
    },
  };
}

function safeFit(fit: FitAddon): void {
  // A hidden container (display: none, an inactive tab) has no size: keep the old one.
  const dims = fit.proposeDimensions();
  if (dims && dims.cols > 1 && dims.rows > 1 && Number.isFinite(dims.cols)) fit.fit();
}

function openLink(uri: string): void {
  if (/^https?:\/\//.test(uri)) window.open(uri, '_blank', 'noopener,noreferrer');
}
