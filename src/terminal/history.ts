// Command history: what the learner typed, newest last. The host loads it at start and saves it
// after every accepted line (the worker persists it with the playground).

export const HISTORY_MAX = 1000;

export class History {
  private items: string[] = [];

  constructor(readonly max = HISTORY_MAX) {}

  /** Replaces the entries (dropping blanks, multi-line entries, repeats of the previous entry). */
  load(lines: readonly unknown[]): void {
    this.items = [];
    for (const l of lines) if (typeof l === 'string' && !l.includes('\n') && !l.includes('\r')) this.add(l);
  }

  /** Adds a line unless it is blank or repeats the previous entry; true when stored. */
  add(line: string): boolean {
    if (!line.trim()) return false;
    if (this.items[this.items.length - 1] === line) return false;
    this.items.push(line);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
    return true;
  }

  get length(): number {
    return this.items.length;
  }

  get(index: number): string | undefined {
    return this.items[index];
  }

  /** A copy, oldest first: what the host saves. */
  toArray(): string[] {
    return this.items.slice();
  }

  /** Newest entry at or before `from` containing `query`, searching back; -1 when none. */
  searchBack(query: string, from: number): number {
    for (let i = Math.min(from, this.items.length - 1); i >= 0; i--) if (this.items[i].includes(query)) return i;
    return -1;
  }
}
