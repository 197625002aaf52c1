// Runs a Session behind a LineEditor: accepted lines go to `exec`, its output comes back through
// the editor (so it lands above a prompt being edited), Tab asks `complete`, Ctrl-C interrupts.
// Pure: the xterm adapter gives it a `write` and feeds it onData; tests give it strings.

import { History } from './history';
import { LineEditor, type EditorAction } from './line-editor';
import type { ExecIO, Session } from './session';

export interface ControllerOptions {
  cols: number;
  /** Called once the first prompt has been written. */
  onFirstPrompt?: () => void;
}

export class TerminalController {
  readonly editor: LineEditor;
  readonly history = new History();
  private running = false;
  private pendingRead: ((line: string | null) => void) | null = null;
  private started = false;
  private disposed = false;
  private execCount = 0;

  constructor(
    private readonly session: Session,
    private readonly write: (data: string) => void,
    private readonly opts: ControllerOptions,
  ) {
    this.editor = new LineEditor({ cols: opts.cols, history: this.history });
  }

  /** Loads the history and draws the first prompt. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      this.history.load(await this.session.history.load());
    } catch {
      // No stored history (private mode, first visit): start empty.
    }
    if (this.disposed) return;
    this.apply(this.editor.prompt(this.session.prompt()));
    this.opts.onFirstPrompt?.();
  }

  /** What xterm's onData gave. */
  onData(data: string): void {
    if (!this.disposed) this.apply(this.editor.feed(data));
  }

  resize(cols: number): void {
    if (!this.disposed) this.apply(this.editor.resize(cols));
  }

  /** Output not tied to a command (a notice from the app): drawn above the prompt. */
  print(text: string): void {
    if (!this.disposed) this.apply(this.editor.print(text));
  }

  /**
   * Types a line at the prompt as if the user had, and accepts it (a lesson's click-to-run
   * command, "show solution"). Several lines run one after the other. Replaces what was being
   * edited. False while a command runs (its input would go to the program).
   */
  typeLine(line: string): boolean {
    if (this.disposed || this.running || !this.started) return false;
    const text = line.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
    if (!text) return false;
    // Ctrl-E Ctrl-U: clear the line being edited, then type the text and Enter after each line.
    this.apply(this.editor.feed('\x05\x15' + text.split('\n').join('\r') + '\r'));
    return true;
  }

  /** Whether a command is running. */
  get busy(): boolean {
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.pendingRead?.(null);
    this.pendingRead = null;
  }

  private apply(actions: EditorAction[]): void {
    for (const a of actions) {
      switch (a.type) {
        case 'write':
          this.write(a.data);
          break;
        case 'submit':
          this.session.history.save(this.history.toArray());
          this.exec(a.line);
          break;
        case 'line':
          this.resolveRead(a.line);
          break;
        case 'eof':
          this.resolveRead(null);
          break;
        case 'interrupt':
          if (this.running) {
            this.resolveRead(null);
            this.session.interrupt();
          }
          break;
        case 'complete':
          this.complete(a.line, a.cursor);
          break;
        case 'input':
          this.session.input?.(a.data);
          break;
        case 'clear':
          break;
      }
    }
  }

  private resolveRead(line: string | null): void {
    const r = this.pendingRead;
    this.pendingRead = null;
    r?.(line);
  }

  private exec(line: string): void {
    this.running = true;
    const id = ++this.execCount;
    const io: ExecIO = {
      write: (text) => {
        if (!this.disposed) this.apply(this.editor.print(text));
      },
      readLine: (prompt) => {
        if (this.disposed || id !== this.execCount || !this.running) return Promise.resolve(null);
        this.resolveRead(null);
        return new Promise((resolve) => {
          this.pendingRead = resolve;
          this.apply(this.editor.readLine(prompt));
        });
      },
    };
    let result: Promise<number>;
    try {
      result = Promise.resolve(this.session.exec(line, io));
    } catch (e) {
      result = Promise.reject(e);
    }
    result
      .catch((e: unknown) => {
        io.write(`kubeplay: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
      })
      .then(() => {
        if (this.disposed) return;
        this.running = false;
        this.resolveRead(null);
        this.apply(this.editor.prompt(this.session.prompt()));
      });
  }

  private complete(line: string, cursor: number): void {
    this.session
      .complete(line, cursor)
      .then((r) => {
        if (!this.disposed) this.apply(this.editor.completions(r));
      })
      .catch(() => {
        // No completion this time.
      });
  }
}
