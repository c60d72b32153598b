// Turns the producer's friendly message shape into the codec's record input: strings to UTF-8
// bytes, headers to a list, timestamps to milliseconds (a number, or the caller's bigint). Buffers
// are not copied here: `send` writes each record into its batch's buffer when it appends it, after
// the topic's metadata is known, so a caller must not modify a buffer it passed to `send` until
// that send has settled.
import { checkTimestamp, type RecordHeader, type RecordInput } from '@brook/record-batch';
import type { MessageBytes, MessageHeaders, ProducerMessage } from './producer-types.js';

export function toBytes(value: MessageBytes | undefined): Uint8Array | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`a key, value or header value must be a string, Buffer, Uint8Array or null, got ${typeof value}`);
}

// Shared by every record without headers (most of them), instead of a new empty array each.
const NO_HEADERS: readonly RecordHeader[] = Object.freeze([]);

export function toHeaders(headers: MessageHeaders | undefined): readonly RecordHeader[] {
  if (headers === undefined || (Array.isArray(headers) && headers.length === 0)) return NO_HEADERS;
  const entries = Array.isArray(headers)
    ? (headers as ReadonlyArray<{ key: string; value: MessageBytes }>).map((h) => [h.key, h.value] as const)
    : Object.entries(headers as Readonly<Record<string, MessageBytes>>);
  return entries.map(([key, value]) => {
    if (typeof key !== 'string') throw new TypeError('a header key must be a string');
    return { key, value: toBytes(value) };
  });
}

export function toTimestamp(timestamp: ProducerMessage['timestamp'], nowMs: number): number | bigint {
  if (timestamp === undefined) return nowMs;
  const value = timestamp instanceof Date ? timestamp.getTime() : timestamp;
  // Whole milliseconds: a safe integer, or an int64 bigint (RangeError otherwise).
  checkTimestamp(value, 'timestamp');
  return value;
}

export function toRecordInput(message: ProducerMessage, nowMs: number): RecordInput {
  return { key: toBytes(message.key), value: toBytes(message.value), headers: toHeaders(message.headers), timestamp: toTimestamp(message.timestamp, nowMs) };
}
