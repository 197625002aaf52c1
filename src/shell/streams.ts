// Stream plumbing: pipes between pipeline stages, string sinks for $(...), and readers that
// programs use to consume stdin by chunk or by line.
import type { InputStream, OutputStream } from './types';

/** Bytes a pipe buffers before writers are asked (by a pending promise) to wait. */
const PIPE_HIGH_WATER = 64 * 1024;

/**
 * A one-way pipe. The writer end closes with `close()`; the reader end with `closeReader()`,
 * after which writes are dropped and `onBroken` fires once (the SIGPIPE of a real shell).
 */
export class Pipe implements InputStream, OutputStream {
  private chunks: string[] = [];
  private size = 0;
  private closed = false;
  private readerGone = false;
  private waitingReader: ((v: string | null) => void) | null = null;
  private drainWaiters: (() => void)[] = [];
  onBroken: (() => void) | null = null;

  write(text: string): void | Promise<void> {
    if (this.readerGone) {
      const cb = this.onBroken;
      this.onBroken = null;
      cb?.();
      return;
    }
    if (this.closed || text === '') return;
    if (this.waitingReader) {
      const r = this.waitingReader;
      this.waitingReader = null;
      r(text);
      return;
    }
    this.chunks.push(text);
    this.size += text.length;
    if (this.size > PIPE_HIGH_WATER) return new Promise<void>((res) => this.drainWaiters.push(res));
  }

  read(): Promise<string | null> {
    if (this.chunks.length) {
      const text = this.chunks.join('');
      this.chunks = [];
      this.size = 0;
      this.releaseWriters();
      return Promise.resolve(text);
    }
    if (this.closed || this.readerGone) return Promise.resolve(null);
    return new Promise((res) => {
      this.waitingReader = res;
    });
  }

  /** The writer is done: the reader sees end of input after the buffered text. */
  close(): void {
    this.closed = true;
    if (this.waitingReader) {
      const r = this.waitingReader;
      this.waitingReader = null;
      r(null);
    }
  }

  /** The reader is done: free the buffer and unblock any writer waiting for room. */
  closeReader(): void {
    this.readerGone = true;
    this.chunks = [];
    this.size = 0;
    this.releaseWriters();
  }

  private releaseWriters(): void {
    const w = this.drainWaiters;
    this.drainWaiters = [];
    for (const f of w) f();
  }
}

/** Collects everything written (command substitution, tests). */
export class StringSink implements OutputStream {
  text = '';
  write(text: string): void {
    this.text += text;
  }
}

export const nullSink: OutputStream = { write() {} };

export const emptyInput: InputStream = { read: () => Promise.resolve(null) };

/** An input stream over a fixed text (heredocs, `< file`). */
export function stringInput(text: string): InputStream {
  let done = text === '';
  return {
    read() {
      if (done) return Promise.resolve(null);
      done = true;
      return Promise.resolve(text);
    },
  };
}

/** Reads a stream to its end. */
export async function readAll(input: InputStream): Promise<string> {
  let out = '';
  for (;;) {
    const chunk = await input.read();
    if (chunk === null) return out;
    out += chunk;
  }
}

/**
 * Reads a stream line by line (without the newline); the last line may lack one. Needed by
 * programs that must stop early (head) or stream (grep in `kubectl get -w | grep`).
 */
export class LineReader {
  private buf = '';
  private eof = false;
  constructor(private input: InputStream) {}

  /** The next line, `{ line, nl }` where nl tells whether it ended with a newline; null at EOF. */
  async next(): Promise<{ line: string; nl: boolean } | null> {
    for (;;) {
      const i = this.buf.indexOf('\n');
      if (i >= 0) {
        const line = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        return { line, nl: true };
      }
      if (this.eof) {
        if (this.buf === '') return null;
        const line = this.buf;
        this.buf = '';
        return { line, nl: false };
      }
      const chunk = await this.input.read();
      if (chunk === null) this.eof = true;
      else this.buf += chunk;
    }
  }
}

/** Splits text into lines, keeping no newline; a final newline does not make an empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
