// The Node half of `kubeplay kubectl --server URL exec/attach`: a WebSocket client (RFC 6455)
// offering `v5.channel.k8s.io`, as kubectl 1.32 does, handed to the HTTP transport as its
// OpenChannels. The framing is the server's own (websocket/frames.ts), with masked client frames.
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { SUBPROTOCOL, type ChannelEvents, type ChannelSocket, type OpenChannels, type RefusedUpgrade } from '../transport/remotecommand';
import { acceptKey, closeFrame, encodeFrame, frameParser, Opcode } from './websocket/frames';

/** A fresh masking key per frame (section 5.3): clients must not let intermediaries predict it. */
const maskKey = (): Buffer => randomBytes(4);

export const openWebSocketChannels: OpenChannels = (url, headers, on) =>
  new Promise<ChannelSocket | RefusedUpgrade>((resolve, reject) => {
    const key = randomBytes(16).toString('base64');
    const u = new URL(url);
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, {
      // kubectl opens the WebSocket with GET, as RFC 6455 requires.
      method: 'GET',
      headers: {
        ...headers,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
        'Sec-WebSocket-Protocol': SUBPROTOCOL,
      },
    });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      // The upgrade was refused: an ordinary answer, usually an error Status.
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ refused: true, status: res.statusCode ?? 500, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('upgrade', (res: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (res.headers['sec-websocket-accept'] !== acceptKey(key) || res.headers['sec-websocket-protocol'] !== SUBPROTOCOL) {
        socket.destroy();
        reject(new Error(`${url}: the server's WebSocket handshake does not match the request`));
        return;
      }
      resolve(channelSocket(socket, head, on));
    });
    req.end();
  });

function channelSocket(socket: Duplex, head: Buffer, on: ChannelEvents): ChannelSocket {
  let open = true;
  let closeSent = false;
  const write = (frame: Buffer): void => {
    if (open && !socket.destroyed) socket.write(frame);
  };
  const closed = (): void => {
    if (!open) return;
    open = false;
    on.closed();
  };
  const sendClose = (code = 1000): void => {
    if (closeSent) return;
    closeSent = true;
    write(closeFrame(code, '', maskKey()));
  };
  const feed = frameParser(
    {
      message(data, binary) {
        if (binary && data.length) on.message(data[0], data.subarray(1));
      },
      ping(data) {
        write(encodeFrame(Opcode.Pong, data, maskKey()));
      },
      close() {
        // The server's half of the closing handshake (or its start): answer, then the server ends the TCP connection.
        sendClose();
        socket.end();
        closed();
      },
      error(code) {
        sendClose(code);
        socket.destroy();
        closed();
      },
    },
    { masked: false },
  );
  socket.on('data', feed);
  socket.on('close', closed);
  socket.on('error', () => {
    socket.destroy();
    closed();
  });
  if (head.length) feed(head);
  return {
    send(channel, data) {
      const payload = Buffer.alloc(1 + data.length);
      payload[0] = channel;
      payload.set(data, 1);
      write(encodeFrame(Opcode.Binary, payload, maskKey()));
    },
    close() {
      sendClose();
    },
  };
}
