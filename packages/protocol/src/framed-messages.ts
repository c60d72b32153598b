// Messages serialized straight into gRPC's wire frame. grpc-js sends every message as a
// 5-byte prefix (compressed flag, length) and the serialized bytes, and builds that frame by
// allocating a second buffer and copying the serialized message into it. For a replica fetch
// answer of a megabyte of batches that is a megabyte copied, and allocated, per answer, on the
// leader's hot path (its CPU profile: a tenth of its time in that copy and the serializer's).
//
// A serializer that knows its message size allocates the prefix with the message
// (allocateFramedMessage) and writes the message after it; the server's serializeMessage and the
// client's identity writeMessage, patched here, fill the prefix in and send the whole buffer
// without a copy. Every other message goes the way grpc-js sends it. grpc-js keeps both private:
// installFramedResponses and installFramedRequests report whether they found them, and
// framed-messages.test.ts fails if a grpc-js upgrade moves them (messages would still be sent,
// copied as before).
import { createRequire } from 'node:module';

/** gRPC's message prefix: a compressed-flag byte and a big-endian uint32 length. */
export const GRPC_FRAME_PREFIX_BYTES = 5;

const framed = new WeakSet<Uint8Array>();

/**
 * A buffer of `bytes` for a serializer to write a message into, with room for the frame prefix
 * before it. Buffer.allocUnsafe: the serializer writes every byte.
 */
export function allocateFramedMessage(bytes: number): Buffer {
  const message = Buffer.allocUnsafe(GRPC_FRAME_PREFIX_BYTES + bytes).subarray(GRPC_FRAME_PREFIX_BYTES);
  framed.add(message);
  return message;
}

/** The gRPC frame of `message` (uncompressed): in place for a framed message, else a copy, as grpc-js makes it. */
export function frameMessage(message: Buffer): Buffer {
  let frame: Buffer;
  if (framed.has(message)) {
    frame = Buffer.from(message.buffer, message.byteOffset - GRPC_FRAME_PREFIX_BYTES, message.byteLength + GRPC_FRAME_PREFIX_BYTES);
  } else {
    frame = Buffer.allocUnsafe(message.byteLength + GRPC_FRAME_PREFIX_BYTES);
    message.copy(frame, GRPC_FRAME_PREFIX_BYTES);
  }
  frame.writeUInt8(0, 0);
  frame.writeUInt32BE(message.byteLength, 1);
  return frame;
}

interface IdentityHandlerPrototype {
  writeMessage?: (message: Buffer, compress: boolean) => Promise<Buffer>;
  brookFramedRequests?: true;
}

/**
 * Makes this process's grpc-js clients send framed messages without copying them when they send
 * uncompressed (identity, the only encoding Brook's clients use), as installFramedResponses does
 * for servers (idempotent). Returns false when this grpc-js has no identity writeMessage where it
 * is expected.
 */
export function installFramedRequests(): boolean {
  let prototype: IdentityHandlerPrototype | undefined;
  try {
    const require = createRequire(import.meta.url);
    const filters = require('@grpc/grpc-js/build/src/compression-filter.js') as { CompressionFilter?: new (options: object, shared: object) => { sendCompression?: object } };
    // The identity handler's class is not exported; a compression filter holds one.
    const handler = filters.CompressionFilter === undefined ? undefined : new filters.CompressionFilter({}, {}).sendCompression;
    prototype = handler === undefined ? undefined : (Object.getPrototypeOf(handler) as IdentityHandlerPrototype);
  } catch {
    return false;
  }
  if (prototype === undefined || typeof prototype.writeMessage !== 'function') return false;
  if (prototype.brookFramedRequests === true) return true;
  // grpc-js 1.14: identity framing ignores `compress` and always writes the flag 0.
  prototype.writeMessage = async function writeMessage(message: Buffer): Promise<Buffer> {
    return frameMessage(message);
  };
  prototype.brookFramedRequests = true;
  return true;
}

interface ServerCallInternals {
  handler: { serialize: (value: unknown) => Buffer };
}

interface ServerCallPrototype {
  serializeMessage?: (this: ServerCallInternals, value: unknown) => Buffer;
  brookFramedResponses?: true;
}

/**
 * Makes this process's grpc-js servers send framed messages without copying them (idempotent).
 * Returns false when this grpc-js has no serializeMessage where it is expected.
 */
export function installFramedResponses(): boolean {
  let prototype: ServerCallPrototype | undefined;
  try {
    const require = createRequire(import.meta.url);
    const interceptors = require('@grpc/grpc-js/build/src/server-interceptors.js') as { BaseServerInterceptingCall?: { prototype: ServerCallPrototype } };
    prototype = interceptors.BaseServerInterceptingCall?.prototype;
  } catch {
    return false;
  }
  if (prototype === undefined || typeof prototype.serializeMessage !== 'function') return false;
  if (prototype.brookFramedResponses === true) return true;
  // grpc-js 1.14: serialize with the method's serializer, then frame (response compression is
  // not supported by grpc-js servers, so the flag is always 0).
  prototype.serializeMessage = function serializeMessage(this: ServerCallInternals, value: unknown): Buffer {
    return frameMessage(this.handler.serialize(value));
  };
  prototype.brookFramedResponses = true;
  return true;
}
