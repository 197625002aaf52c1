// The server side of RFC 6455, as much as the remotecommand protocol needs: the handshake's
// accept key, unmasked server frames, and an incremental parser of the client's masked frames
// (fragmented messages reassembled; ping, pong and close surfaced as their own events).
import { createHash } from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export const enum Opcode {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xa,
}

/** Sec-WebSocket-Accept for a client's Sec-WebSocket-Key (RFC 6455 section 4.2.2). */
export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

/**
 * One final frame: unmasked (servers never mask, section 5.1), or masked with the 4-byte key
 * a client must give every frame it sends.
 */
export function encodeFrame(opcode: Opcode, payload: Uint8Array = new Uint8Array(), mask?: Uint8Array): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.alloc(2) : n < 0x10000 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode;
  if (n < 126) head[1] = n;
  else if (n < 0x10000) {
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  if (!mask) return Buffer.concat([head, payload]);
  head[1] |= 0x80;
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] ^= mask[i & 3];
  return Buffer.concat([head, mask.subarray(0, 4), body]);
}

/** A close frame with a status code (1000 normal closure) and an optional reason. */
export function closeFrame(code = 1000, reason = '', mask?: Uint8Array): Buffer {
  const body = Buffer.alloc(2 + Buffer.byteLength(reason));
  body.writeUInt16BE(code, 0);
  body.write(reason, 2);
  return encodeFrame(Opcode.Close, body, mask);
}

export interface FrameEvents {
  /** A whole data message (text or binary), fragments joined. */
  message(data: Buffer, binary: boolean): void;
  ping(data: Buffer): void;
  close(code: number | undefined): void;
  /** A protocol violation: the connection should be closed with `code`. */
  error(code: number, reason: string): void;
}

/** Largest message accepted from a client: stdin chunks and resize events are small. */
const MAX_MESSAGE = 16 * 1024 * 1024;

/**
 * Feed it socket data as it arrives; it calls back once per complete frame or message. A server
 * parses the client's frames, which must be masked; a client (`masked: false`) parses the
 * server's, which must not be.
 */
export function frameParser(on: FrameEvents, opts: { masked?: boolean } = {}): (chunk: Buffer) => void {
  const expectMasked = opts.masked ?? true;
  let buf: Buffer = Buffer.alloc(0);
  let fragments: Buffer[] = [];
  let fragmentBinary = false;
  let failed = false;
  const fail = (code: number, reason: string): void => {
    failed = true;
    on.error(code, reason);
  };
  return (chunk) => {
    if (failed) return;
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (buf.length < 2) return;
      const fin = (buf[0] & 0x80) !== 0;
      const opcode = buf[0] & 0x0f;
      const masked = (buf[1] & 0x80) !== 0;
      let len = buf[1] & 0x7f;
      let pos = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        pos = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        const big = buf.readBigUInt64BE(2);
        if (big > BigInt(MAX_MESSAGE)) return fail(1009, 'message too big');
        len = Number(big);
        pos = 10;
      }
      if (masked !== expectMasked) return fail(1002, expectMasked ? 'client frames must be masked' : 'server frames must not be masked');
      const keyLen = masked ? 4 : 0;
      if (buf.length < pos + keyLen + len) return;
      const mask = buf.subarray(pos, pos + keyLen);
      const payload = Buffer.from(buf.subarray(pos + keyLen, pos + keyLen + len));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
      buf = buf.subarray(pos + keyLen + len);
      if (opcode >= 0x8) {
        if (!fin || len > 125) return fail(1002, 'bad control frame');
        if (opcode === Opcode.Ping) on.ping(payload);
        else if (opcode === Opcode.Close) on.close(payload.length >= 2 ? payload.readUInt16BE(0) : undefined);
        else if (opcode !== Opcode.Pong) return fail(1002, `unknown opcode ${opcode}`);
        continue;
      }
      if (opcode === Opcode.Continuation) {
        if (!fragments.length) return fail(1002, 'continuation without a message');
      } else if (opcode === Opcode.Text || opcode === Opcode.Binary) {
        if (fragments.length) return fail(1002, 'new message inside a fragmented one');
        fragmentBinary = opcode === Opcode.Binary;
      } else return fail(1002, `unknown opcode ${opcode}`);
      fragments.push(payload);
      if (fragments.reduce((n, f) => n + f.length, 0) > MAX_MESSAGE) return fail(1009, 'message too big');
      if (fin) {
        const data = fragments.length === 1 ? fragments[0] : Buffer.concat(fragments);
        fragments = [];
        on.message(data, fragmentBinary);
      }
    }
  };
}
