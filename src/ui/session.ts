// A terminal Session over the worker: lines run in the worker's shell, output streams back, and a
// program that reads standard input (the shell inside `kubectl exec -it`) gets lines the user
// types at a nested prompt. History persists in localStorage until IndexedDB takes over.
import type { ExecIO, Session } from '../terminal/session';
import type { WorkerClient } from './worker-client';

export class WorkerSession implements Session {
  private currentPrompt = '$ ';

  constructor(
    private readonly client: WorkerClient,
    readonly id: number,
    /** Called after each line has run (the lesson panel re-checks the lesson). */
    private readonly onCommand?: (line: string, code: number) => void,
  ) {}

  async init(): Promise<void> {
    this.currentPrompt = await this.client.prompt(this.id);
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
      try {
        return JSON.parse(localStorage.getItem(`kubeplay.history.${this.id}`) ?? '[]');
      } catch {
        return [];
      }
    },
    save: (lines: string[]) => {
      try {
        localStorage.setItem(`kubeplay.history.${this.id}`, JSON.stringify(lines.slice(-1000)));
      } catch {
        // Storage full or denied: history stays in memory for this visit.
      }
    },
  };
}
