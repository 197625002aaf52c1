// One upgraded connection speaking the remotecommand channel protocol (k8s.io/apimachinery
// wsstream, `v5.channel.k8s.io`): every binary message starts with its channel byte, 0 stdin,
// 1 stdout, 2 stderr, 3 error (a metav1.Status), 4 resize; in v5 a message `[255, n]` half-closes
// channel n (kubectl sends `[255, 0]` when its stdin ends).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { acceptKey, closeFrame, encodeFrame, frameParser, Opcode } from './frames';

export const enum Channel {
  Stdin = 0,
  Stdout = 1,
  Stderr = 2,
  Error = 3,
  Resize = 4,
  Close = 255,
}

/**
 * Subprotocols served. kubectl (1.30 and later) offers only v5 over WebSockets; v4 and older
 * have no CLOSE signal, so piped stdin could never end, and are not offered here.
 */
export const PROTOCOLS = ['v5.channel.k8s.io'];

export interface ChannelConn {
  readonly protocol: string;
  send(channel: Channel, data: string | Uint8Array): void;
  /** The final metav1.Status on the error channel, then a normal closure (readers see EOF). */
  finish(status: object): void;
  onStdin?: (text: string) => void;
  onStdinClose?: () => void;
  /** The connection went away (client close, reset, or after finish). */
  onClose?: () => void;
}

/** Completes the handshake (101 Switching Protocols) and wraps the socket. */
export function acceptChannelConn(req: IncomingMessage, socket: Duplex, head: Buffer, protocol: string): ChannelConn {
  socket.write(
    [
      'HTTP/1.1 101 Switching Protocols',
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Accept: ${acceptKey(String(req.headers['sec-websocket-key']))}`,
      `Sec-WebSocket-Protocol: ${protocol}`,
      '',
      '',
    ].join('\r\n'),
  );
  let open = true;
  const stdin = new StringDecoder('utf8');
  const conn: ChannelConn = {
    protocol,
    send(channel, data) {
      if (!open) return;
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      socket.write(encodeFrame(Opcode.Binary, Buffer.concat([Buffer.from([channel]), bytes])));
    },
    finish(status) {
      if (!open) return;
      conn.send(Channel.Error, JSON.stringify(status));
      shut(1000);
    },
  };
  const closed = (): void => {
    if (!open) return;
    open = false;
    conn.onClose?.();
  };
  const shut = (code: number): void => {
    if (!open) return;
    socket.write(closeFrame(code));
    socket.end();
    closed();
  };
  const feed = frameParser({
    message(data, binary) {
      if (!binary || data.length === 0) return;
      const channel = data[0];
      if (channel === Channel.Stdin) {
        const text = stdin.write(data.subarray(1));
        if (text) conn.onStdin?.(text);
      } else if (channel === Channel.Close && data[1] === Channel.Stdin) {
        const rest = stdin.end();
        if (rest) conn.onStdin?.(rest);
        conn.onStdinClose?.();
      }
      // Resize events (channel 4) change nothing in a simulated terminal.
    },
    ping(data) {
      if (open) socket.write(encodeFrame(Opcode.Pong, data));
    },
    close() {
      shut(1000);
    },
    error(code) {
      shut(code);
    },
  });
  socket.on('data', feed);
  socket.on('close', closed);
  socket.on('error', () => {
    closed();
    socket.destroy();
  });
  if (head.length) feed(head);
  return conn;
}
