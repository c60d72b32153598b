// What the producer takes and returns.

/** Keys, values and header values: a string is sent as its UTF-8 bytes; null is Kafka's null. */
export type MessageBytes = string | Buffer | Uint8Array | null;

/** Headers as an object (one value per key) or as a list (repeated keys kept, in order). */
export type MessageHeaders = Readonly<Record<string, MessageBytes>> | ReadonlyArray<{ readonly key: string; readonly value: MessageBytes }>;

export interface ProducerMessage {
  /** Records with the same key go to the same partition (Kafka's murmur2). */
  readonly key?: MessageBytes;
  readonly value: MessageBytes;
  readonly headers?: MessageHeaders;
  /** Send to this partition, bypassing the partitioner. */
  readonly partition?: number;
  /** Create time, ms since the epoch (number, bigint or Date). Default: when `send` was called. */
  readonly timestamp?: number | bigint | Date;
}

export interface ProducerRecord {
  readonly topic: string;
  readonly messages: readonly ProducerMessage[];
}

export interface ProducerBatchInput {
  readonly topicMessages: readonly ProducerRecord[];
}

/** Where an acknowledged message landed. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  /** The message's offset; -1n with acks=0, which waits for no answer from the log. */
  readonly offset: bigint;
}

export type Acks = 0 | 1 | -1 | 'all';

export interface ProducerOptions {
  /** 0: no acknowledgement; 1: the leader appended; -1 or 'all': every in-sync replica has it. Default 'all'. */
  readonly acks?: Acks;
  /** How long a batch may wait for more records before it is sent, in ms. Default 5 (Kafka 4's linger.ms). */
  readonly lingerMs?: number;
  /** A partition's batch is sent once it holds this many bytes (Kafka's batch.size). Default 262144; its buffer starts at 16 KiB and grows as records fill it. */
  readonly batchBytes?: number;
  /** Produce requests in flight per broker. Default 5. With more than 1, a retried batch can land after a later one. */
  readonly maxInFlight?: number;
  /** Compression of each batch's records. Default 'none'. */
  readonly compression?: 'none' | 'gzip';
  /** `send` waits while the records not yet acknowledged hold this many bytes. Default 33554432 (Kafka's buffer.memory). */
  readonly bufferBytesMax?: number;
  /** How long a batch may take in total, retries included, before it fails, in ms. Default 120000 (Kafka's delivery.timeout.ms). */
  readonly deliveryTimeoutMs?: number;
  /**
   * Idempotent delivery (KIP-98): batches carry a producer id and per-partition sequences, so a
   * retry never duplicates or reorders records. Default true (Kafka 3.0+): left unset, it turns
   * itself off when acks is not 'all' or maxInFlight exceeds 5; set to true, those are a
   * ProducerConfigError.
   */
  readonly idempotent?: boolean;
}

export interface ResolvedProducerOptions {
  readonly acks: 0 | 1 | -1;
  readonly lingerMs: number;
  readonly batchBytes: number;
  readonly maxInFlight: number;
  readonly compression: 'none' | 'gzip';
  readonly bufferBytesMax: number;
  readonly deliveryTimeoutMs: number;
  readonly idempotent: boolean;
}
