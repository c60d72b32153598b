// Big-endian byte writing and bounds-checked reading for the Raft driver's own encodings: the
// values it keeps in level (storage/storage-codec.ts) and the frames it sends peers
// (transport/message-codec.ts). Indexes and terms are integers below 2^53 and are written as
// 8 bytes (high and low 32-bit halves) so they sort and compare byte-wise like numbers.

/** A malformed or truncated encoding: a programmer error on our side, or bytes from a stranger. */
export class RaftCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RaftCodecError';
  }
}

const TWO_POW_32 = 0x1_0000_0000;

export class ByteWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(initialBytes = 256) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  u8(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  u32(value: number): void {
    this.reserve(4);
    this.buffer.writeUInt32BE(value, this.length);
    this.length += 4;
  }

  /** A non-negative safe integer (an index or a term) as 8 bytes, big-endian. */
  u53(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RaftCodecError(`not a non-negative safe integer: ${value}`);
    this.reserve(8);
    this.buffer.writeUInt32BE(Math.floor(value / TWO_POW_32), this.length);
    this.buffer.writeUInt32BE(value % TWO_POW_32, this.length + 4);
    this.length += 8;
  }

  /** A length-prefixed (u32) byte string. */
  bytes(value: Uint8Array): void {
    this.u32(value.byteLength);
    this.raw(value);
  }

  raw(value: Uint8Array): void {
    this.reserve(value.byteLength);
    this.buffer.set(value, this.length);
    this.length += value.byteLength;
  }

  /** The bytes written so far (a view: do not write again after taking it). */
  finish(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

export class ByteReader {
  private readonly view: DataView;
  private offset = 0;

  private readonly source: Uint8Array;

  constructor(source: Uint8Array) {
    this.source = source;
    this.view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  }

  get remaining(): number {
    return this.source.byteLength - this.offset;
  }

  u8(): number {
    this.need(1);
    return this.view.getUint8(this.offset++);
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset);
    this.offset += 4;
    return value;
  }

  u53(): number {
    this.need(8);
    const high = this.view.getUint32(this.offset);
    const low = this.view.getUint32(this.offset + 4);
    this.offset += 8;
    if (high >= 0x20_0000) throw new RaftCodecError(`integer past 2^53 at byte ${this.offset - 8}`);
    return high * TWO_POW_32 + low;
  }

  /**
   * A length-prefixed byte string, copied out so it does not pin the (possibly large) buffer it
   * came in; the length is checked against what remains before anything is allocated.
   */
  bytes(): Uint8Array {
    const length = this.u32();
    this.need(length);
    const value = copyBytes(this.source.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }

  /**
   * A length-prefixed byte string as a view of the source, without copying: for entries decoded
   * from a frame, whose data then shares the frame's memory (the frame holds little else).
   */
  bytesView(): Uint8Array {
    const length = this.u32();
    this.need(length);
    const value = new Uint8Array(this.source.buffer, this.source.byteOffset + this.offset, length);
    this.offset += length;
    return value;
  }

  /** Fails unless every byte was consumed: trailing garbage means a format mismatch. */
  end(): void {
    if (this.remaining !== 0) throw new RaftCodecError(`${this.remaining} unexpected trailing bytes`);
  }

  private need(bytes: number): void {
    if (this.offset + bytes > this.source.byteLength) {
      throw new RaftCodecError(`truncated: need ${bytes} bytes at ${this.offset}, have ${this.source.byteLength - this.offset}`);
    }
  }
}

/** A copy as a plain Uint8Array (not a Buffer, whatever the source was), owning its memory. */
export function copyBytes(source: Uint8Array): Uint8Array {
  const copy = new Uint8Array(source.byteLength);
  copy.set(source);
  return copy;
}
