// The simulated terminal between kubectl's raw keystrokes and a container's shell.
import { describe, expect, it } from 'vitest';
import { lineDiscipline, onlcr } from './tty';
import { exitStatus } from './exec';

function term() {
  const echoed: string[] = [];
  const lines: string[] = [];
  let eof = 0;
  const ld = lineDiscipline({ echo: (s) => echoed.push(s), line: (l) => lines.push(l), eof: () => eof++ });
  return { ld, echoed, lines, eof: () => eof };
}

describe('lineDiscipline', () => {
  it('echoes, erases, and hands over whole lines on Enter', () => {
    const t = term();
    t.ld.input('lx');
    t.ld.input('\x7fs -l\r');
    expect(t.echoed.join('')).toBe('lx\b \bs -l\r\n');
    expect(t.lines).toEqual(['ls -l\n']);
  });
  it('^C drops the line, ^U erases it, ^D ends input only on an empty line', () => {
    const t = term();
    t.ld.input('abc\x03');
    expect(t.lines).toEqual(['\n']);
    expect(t.echoed.join('')).toBe('abc^C\r\n');
    t.ld.input('xy\x04');
    expect(t.eof()).toBe(0);
    t.ld.input('\x15\x04');
    expect(t.eof()).toBe(1);
  });
  it('turns output newlines into CR LF', () => {
    expect(onlcr('a\nb\r\nc')).toBe('a\r\nb\r\nc');
  });
});

describe('exitStatus', () => {
  it('is Success for 0 and the kubelet\'s NonZeroExitCode status otherwise', () => {
    expect(exitStatus(0, ['ls'])).toEqual({ metadata: {}, status: 'Success' });
    expect(exitStatus(3, ['sh', '-c', 'exit 3'])).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });
});
