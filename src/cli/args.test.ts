// Flag parsing and the clock pump of `kubeplay apiserver`.
import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError, type FlagSpec } from './args';
import { pumpClock } from './serve';
import { main } from './main';

const SPECS: FlagSpec[] = [
  { name: 'port', type: 'number' },
  { name: 'host', type: 'string' },
  { name: 'verbose', short: 'v', type: 'boolean' },
];

describe('parseFlags', () => {
  it('reads --k v, --k=v, short booleans and positionals', () => {
    expect(parseFlags(['--port', '9000', '--host=0.0.0.0', '-v', 'x', '--', '--port'], SPECS)).toEqual({
      flags: { port: 9000, host: '0.0.0.0', verbose: true },
      positionals: ['x', '--port'],
    });
  });
  it('rejects unknown flags, missing values and bad numbers', () => {
    expect(() => parseFlags(['--nope'], SPECS)).toThrow(UsageError);
    expect(() => parseFlags(['--port'], SPECS)).toThrow('flag needs an argument: --port');
    expect(() => parseFlags(['--port', 'abc'], SPECS)).toThrow('invalid number for --port: abc');
  });
});

describe('pumpClock', () => {
  it('advances virtual time by real time times speed, in whole ms', async () => {
    let advanced = 0;
    const stop = pumpClock({ now: () => 0, advance: (ms) => (advanced += ms), runDue: () => 0 }, 10, 5);
    await new Promise((r) => setTimeout(r, 60));
    stop();
    expect(advanced).toBeGreaterThanOrEqual(400);
    expect(Number.isInteger(advanced)).toBe(true);
    const frozen = advanced;
    await new Promise((r) => setTimeout(r, 20));
    expect(advanced).toBe(frozen);
  });
  it('does nothing at speed 0', async () => {
    let advanced = 0;
    const stop = pumpClock({ now: () => 0, advance: (ms) => (advanced += ms), runDue: () => 0 }, 0, 5);
    await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(advanced).toBe(0);
  });
});

describe('main', () => {
  it('answers unknown commands and unimplemented ones with exit 2', async () => {
    const err = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await main(['nope'])).toBe(2);
      expect(await main(['run'])).toBe(2);
      expect(await main(['apiserver', '--bogus'])).toBe(2);
    } finally {
      process.stderr.write = err;
    }
  });
});
