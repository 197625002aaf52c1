// A terminal Session over the worker: lines run in the worker's shell, output streams back, and a
// program that reads standard input (the shell inside `kubectl exec -it`) gets lines the user
// types at a nested prompt. History persists in localStorage, one list per playground and tab.
import type { ExecIO, Session } from '../terminal/session';
import type { WorkerClient } from './worker-client';

export class WorkerSession implements Session {
  private currentPrompt = '$ ';

  constructor(
    private readonly client: WorkerClient,
    readonly id: number,
    /** Called after each line has run (the lesson panel re-checks the lesson). */
    private readonly onCommand?: (line: string, code: number) => void,
    /**
     * The playground whose history this is: each playground keeps its own. The first tab gets a
     * promise, so that its terminal can be drawn while the worker is still starting.
     */
    playground?: string | Promise<string | undefined>,
  ) {
    this.playground = Promise.resolve(playground).then(
      (p) => (this.playgroundId = p),
      () => undefined,
    );
  }

  private playgroundId?: string;
  private readonly playground: Promise<unknown>;
  private started?: Promise<void>;

  private get historyKey(): string {
    return this.playgroundId ? `kubeplay.history.${this.playgroundId}.${this.id}` : `kubeplay.history.${this.id}`;
  }

  /** Asks the worker for the first prompt (once); the terminal's start waits for it through history.load. */
  init(): Promise<void> {
    return (this.started ??= this.client.prompt(this.id).then((p) => {
      // Startup mark: the first tab's prompt is back from the worker (see main.ts).
      if (this.id === 1) performance.mark('kubeplay-ui-prompt-received');
      this.currentPrompt = p;
    }));
  }

  prompt(): string {
    return this.currentPrompt;
  }

  async exec(line: string, io: ExecIO): Promise<number> {
    const res = await this.client.exec(
      this.id,
      line,
      (text) => io.write(text),
      () => {
        void io.readLine('').then((l) => this.client.input(this.id, l === null ? null : l + '\n'));
      },
    );
    this.currentPrompt = res.prompt;
    this.onCommand?.(line, res.code);
    return res.code;
  }

  complete(line: string, cursor: number) {
    return this.client.complete(this.id, line, cursor);
  }

  interrupt(): void {
    this.client.interrupt(this.id);
  }

  history = {
    load: async (): Promise<string[]> => {
      await Promise.all([this.init(), this.playground]);
      try {
        // History kept before it was per playground goes, once, to the first playground that asks.
        const legacy = `kubeplay.history.${this.id}`;
        const own = localStorage.getItem(this.historyKey);
        if (own === null && this.playgroundId && localStorage.getItem(legacy) !== null) {
          localStorage.setItem(this.historyKey, localStorage.getItem(legacy)!);
          localStorage.removeItem(legacy);
        }
        return JSON.parse(localStorage.getItem(this.historyKey) ?? '[]');
      } catch {
        return [];
      }
    },
    save: (lines: string[]) => {
      try {
        localStorage.setItem(this.historyKey, JSON.stringify(lines.slice(-1000)));
      } catch {
        // Storage full or denied: history stays in memory for this visit.
      }
    },
  };
}
