// The batch attributes (int16): bits 0-2 the compression codec, bit 3 the timestamp type, bit 4
// transactional, bit 5 control (PROTOCOL-NOTES.md section 1; Kafka docs "Message Format",
// DefaultRecordBatch.java). Bit 6 (hasDeleteHorizonMs, KIP-534) and above are carried through
// untouched: Brook neither sets nor interprets them.
import {
  ATTRIBUTE_COMPRESSION_MASK,
  ATTRIBUTE_CONTROL_BIT,
  ATTRIBUTE_TIMESTAMP_TYPE_BIT,
  ATTRIBUTE_TRANSACTIONAL_BIT,
} from './batch-header.js';

/** The codecs Kafka defines, by their ids 0-4 (CompressionType.java). */
export type CompressionType = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
/** The codecs Brook can write and read. */
export type SupportedCompressionType = 'none' | 'gzip';
export type TimestampType = 'create-time' | 'log-append-time';

export const COMPRESSION_TYPE_IDS: Readonly<{ [name in CompressionType]: number }> = Object.freeze({
  none: 0,
  gzip: 1,
  snappy: 2,
  lz4: 3,
  zstd: 4,
});

const COMPRESSION_TYPES_BY_ID: readonly CompressionType[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

/** The attributes as named flags. */
export interface BatchAttributes {
  /** null when bits 0-2 hold 5, 6 or 7, which no Kafka version defines. */
  compression: CompressionType | null;
  timestampType: TimestampType;
  transactional: boolean;
  control: boolean;
}

export function decodeAttributes(attributes: number): BatchAttributes {
  return {
    compression: COMPRESSION_TYPES_BY_ID[attributes & ATTRIBUTE_COMPRESSION_MASK] ?? null,
    timestampType: (attributes & ATTRIBUTE_TIMESTAMP_TYPE_BIT) !== 0 ? 'log-append-time' : 'create-time',
    transactional: (attributes & ATTRIBUTE_TRANSACTIONAL_BIT) !== 0,
    control: (attributes & ATTRIBUTE_CONTROL_BIT) !== 0,
  };
}

export function encodeAttributes(attributes: {
  compression?: CompressionType;
  timestampType?: TimestampType;
  transactional?: boolean;
  control?: boolean;
}): number {
  return (
    COMPRESSION_TYPE_IDS[attributes.compression ?? 'none'] |
    (attributes.timestampType === 'log-append-time' ? ATTRIBUTE_TIMESTAMP_TYPE_BIT : 0) |
    (attributes.transactional === true ? ATTRIBUTE_TRANSACTIONAL_BIT : 0) |
    (attributes.control === true ? ATTRIBUTE_CONTROL_BIT : 0)
  );
}
