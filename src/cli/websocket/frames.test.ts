// RFC 6455 framing: the accept key of the RFC's own example, server frames, and the parser on
// masked, fragmented and split client frames.
import { describe, expect, it } from 'vitest';
import { acceptKey, closeFrame, encodeFrame, frameParser, Opcode } from './frames';

/** A client frame: always masked (section 5.3). */
function clientFrame(opcode: number, payload: Buffer, fin = true, mask = [1, 2, 3, 4]): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | n]) : Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, n >> 8, n & 0xff]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i & 3]));
  return Buffer.concat([head, Buffer.from(mask), masked]);
}

function collect(opts?: { masked?: boolean }) {
  const events: unknown[] = [];
  const feed = frameParser(
    {
      message: (data, binary) => events.push(['message', binary, [...data]]),
      ping: (data) => events.push(['ping', data.toString()]),
      close: (code) => events.push(['close', code]),
      error: (code, reason) => events.push(['error', code, reason]),
    },
    opts,
  );
  return { events, feed };
}

describe('websocket frames', () => {
  it('computes the accept key of RFC 6455 section 1.3', () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
  it('encodes short, 16-bit and 64-bit lengths unmasked', () => {
    expect([...encodeFrame(Opcode.Binary, Buffer.from([1, 2]))]).toEqual([0x82, 2, 1, 2]);
    const mid = encodeFrame(Opcode.Binary, Buffer.alloc(300));
    expect([...mid.subarray(0, 4)]).toEqual([0x82, 126, 1, 44]);
    const big = encodeFrame(Opcode.Binary, Buffer.alloc(70000));
    expect(big[1]).toBe(127);
    expect(big.readBigUInt64BE(2)).toBe(70000n);
    expect([...closeFrame(1000)]).toEqual([0x88, 2, 0x03, 0xe8]);
  });
  it('unmasks, joins fragments, and copes with frames split across chunks', () => {
    const { events, feed } = collect();
    const all = Buffer.concat([
      clientFrame(Opcode.Binary, Buffer.from([0, 104, 105]), false),
      clientFrame(Opcode.Ping, Buffer.from('hb')),
      clientFrame(Opcode.Continuation, Buffer.from([33])),
      clientFrame(Opcode.Binary, Buffer.alloc(200, 7)),
      clientFrame(Opcode.Close, Buffer.from([0x03, 0xe8])),
    ]);
    for (let i = 0; i < all.length; i += 5) feed(all.subarray(i, i + 5));
    expect(events).toEqual([
      ['ping', 'hb'],
      ['message', true, [0, 104, 105, 33]],
      ['message', true, Array(200).fill(7)],
      ['close', 1000],
    ]);
  });
  it('refuses unmasked client frames and stray continuations', () => {
    const a = collect();
    a.feed(Buffer.from([0x82, 0x01, 0x00]));
    expect(a.events).toEqual([['error', 1002, 'client frames must be masked']]);
    const b = collect();
    b.feed(clientFrame(Opcode.Continuation, Buffer.from([1])));
    expect(b.events).toEqual([['error', 1002, 'continuation without a message']]);
  });
  it('a client masks its frames and parses the server\'s unmasked ones (masked: false)', () => {
    const mask = Buffer.from([1, 2, 3, 4]);
    const frame = encodeFrame(Opcode.Binary, Buffer.from([0, 104, 105]), mask);
    expect([...frame]).toEqual([0x82, 0x83, 1, 2, 3, 4, 0 ^ 1, 104 ^ 2, 105 ^ 3]);
    const server = collect();
    server.feed(frame);
    expect(server.events).toEqual([['message', true, [0, 104, 105]]]);
    const client = collect({ masked: false });
    client.feed(encodeFrame(Opcode.Binary, Buffer.from([1, 33])));
    client.feed(closeFrame(1000));
    client.feed(frame);
    expect(client.events).toEqual([['message', true, [1, 33]], ['close', 1000], ['error', 1002, 'server frames must not be masked']]);
  });
});
