// The browser's lazy coreutils (programs-lazy.ts) name the shell's programs and run them.
import { describe, expect, it } from 'vitest';
import { coreutils as lazy, COREUTILS } from './programs-lazy';
import { coreutils } from '../shell';
import { Controller, VirtualFs, emptyInput } from '../shell';

describe('lazy coreutils', () => {
  it('names exactly the shell programs, in order', () => {
    expect(COREUTILS).toEqual([...coreutils().keys()]);
    expect([...lazy().keys()]).toEqual(COREUTILS);
  });

  it('runs the real program once its chunk is loaded', async () => {
    let out = '';
    const fs = new VirtualFs({ now: () => 0 });
    fs.writeFile('/root/a.txt', 'b\na\nc\n');
    const io = {
      stdin: emptyInput,
      stdout: { write: (t: string) => void (out += t) },
      stderr: { write: (t: string) => void (out += `ERR ${t}`) },
      env: {},
      signal: new Controller().signal,
      cwd: '/root',
      fs,
      sleep: async () => {},
      now: () => 0,
      isTTY: false,
    };
    expect(await lazy().get('sort')!(['sort', 'a.txt'], io)).toBe(0);
    expect(await lazy().get('fgrep')!(['fgrep', 'c', 'a.txt'], io)).toBe(0);
    expect(out).toBe('a\nb\nc\nc\n');
  });
});
