// What the pseudo-terminal of a `kubectl exec -t` session does between kubectl (which puts the
// local terminal in raw mode and sends keystrokes as typed) and the container's shell: echo,
// erase, line buffering (canonical mode), ^C and ^D, and `\n` -> `\r\n` on output (onlcr).

export interface LineDiscipline {
  /** Keystrokes from kubectl's stdin channel. */
  input(bytes: string): void;
}

export function lineDiscipline(io: {
  /** Echo back to the terminal. */
  echo(s: string): void;
  /** A complete line for the shell (with its `\n`). */
  line(s: string): void;
  /** ^D on an empty line: end of input. */
  eof(): void;
}): LineDiscipline {
  let buf = '';
  return {
    input(bytes) {
      for (const ch of bytes) {
        if (ch === '\r' || ch === '\n') {
          io.echo('\r\n');
          const l = buf;
          buf = '';
          io.line(l + '\n');
        } else if (ch === '\x7f' || ch === '\b') {
          if (buf) {
            buf = buf.slice(0, -1);
            io.echo('\b \b');
          }
        } else if (ch === '\x03') {
          // SIGINT: the line is dropped and the shell prompts again.
          io.echo('^C\r\n');
          buf = '';
          io.line('\n');
        } else if (ch === '\x04') {
          if (!buf) io.eof();
        } else if (ch === '\x15') {
          // ^U erases the line.
          io.echo('\b \b'.repeat(buf.length));
          buf = '';
        } else if (ch >= ' ' || ch === '\t') {
          buf += ch;
          io.echo(ch);
        }
      }
    },
  };
}

/** The terminal's output processing: every `\n` leaves as `\r\n`. */
export function onlcr(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}
