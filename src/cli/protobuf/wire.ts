// The protobuf wire format, read only: varints, fixed 32/64-bit values and length-delimited
// fields (https://protobuf.dev/programming-guides/encoding/). Errors are thrown as WireError with
// the texts gogo-protobuf's generated Unmarshal methods use, which is what a real apiserver
// reports for a malformed body.

export class WireError extends Error {}

export const enum WireType {
  Varint = 0,
  Fixed64 = 1,
  Bytes = 2,
  StartGroup = 3,
  EndGroup = 4,
  Fixed32 = 5,
}

export interface WireField {
  num: number;
  wire: WireType;
  /** Varint and fixed values as bigint (64-bit safe); bytes as a view into the message. */
  value: bigint | Uint8Array;
}

export function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new WireError('unexpected EOF');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [BigInt.asUintN(64, result), pos];
    shift += 7n;
  }
  throw new WireError('proto: integer overflow');
}

/** Every field of one message, in wire order (repeated fields appear once per element). */
export function readFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p] = readVarint(buf, pos);
    pos = p;
    const num = Number(key >> 3n);
    const wire = Number(key & 7n) as WireType;
    if (num <= 0) throw new WireError(`proto: illegal tag ${num} (wire type ${wire})`);
    switch (wire) {
      case WireType.Varint: {
        const [v, q] = readVarint(buf, pos);
        out.push({ num, wire, value: v });
        pos = q;
        break;
      }
      case WireType.Fixed64:
      case WireType.Fixed32: {
        const n = wire === WireType.Fixed64 ? 8 : 4;
        if (pos + n > buf.length) throw new WireError('unexpected EOF');
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[pos + i]);
        out.push({ num, wire, value: v });
        pos += n;
        break;
      }
      case WireType.Bytes: {
        const [len, q] = readVarint(buf, pos);
        if (len > BigInt(buf.length - q)) throw new WireError('unexpected EOF');
        out.push({ num, wire, value: buf.subarray(q, q + Number(len)) });
        pos = q + Number(len);
        break;
      }
      default:
        // Groups are deprecated and never used by Kubernetes' messages.
        throw new WireError(`proto: illegal wireType ${wire}`);
    }
  }
  return out;
}
