// Typed errors of the RecordBatch v2 codec. The kinds carry Kafka's error names; the broker and
// the client map them to the protocol's ErrorCode table.

export type RecordBatchErrorKind =
  /** CRC, length, or record framing is wrong (Kafka CORRUPT_MESSAGE, 2). */
  | 'CORRUPT_MESSAGE'
  /** A batch, record or header count is past its limit (Kafka MESSAGE_TOO_LARGE, 10). */
  | 'MESSAGE_TOO_LARGE'
  /** Another magic than 2 (Kafka UNSUPPORTED_FOR_MESSAGE_FORMAT, 43). */
  | 'UNSUPPORTED_FOR_MESSAGE_FORMAT'
  /** A compression codec Brook does not support (Kafka UNSUPPORTED_COMPRESSION_TYPE, 76). */
  | 'UNSUPPORTED_COMPRESSION_TYPE';

export class RecordBatchError extends Error {
  readonly kind: RecordBatchErrorKind;
  /**
   * Where the offending batch starts in a buffer of several (set by splitBatches and
   * scanValidPrefix), so that log recovery can truncate there; undefined for a single batch.
   */
  readonly position: number | undefined;

  constructor(kind: RecordBatchErrorKind, message: string, options?: { cause?: unknown; position?: number }) {
    super(message, options);
    this.name = 'RecordBatchError';
    this.kind = kind;
    this.position = options?.position;
  }
}
