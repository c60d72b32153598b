// What the consumer takes and yields.

/** Where to start reading a partition: an offset, or the log's start or end. */
export type OffsetInput = bigint | number | string | 'earliest' | 'latest';

export interface PartitionAssignment {
  readonly topic: string;
  readonly partition: number;
  readonly offset: OffsetInput;
}

export interface TopicPartitions {
  readonly topic: string;
  /** Every assigned partition of the topic when absent. */
  readonly partitions?: readonly number[];
}

export interface ConsumerMessage {
  readonly offset: bigint;
  /** A view into the fetched response, not a copy (Buffer.from(key) to keep it independently). */
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: ReadonlyArray<{ readonly key: string; readonly value: Buffer | null }>;
  /** Ms since the epoch: the create time, or the log append time for such topics. */
  readonly timestamp: bigint;
}

/** The records one fetch returned for one partition, in offset order. */
export interface ConsumerBatch {
  readonly topic: string;
  readonly partition: number;
  /** The partition's high watermark when fetched: the consumer's lag is highWatermark - next offset. */
  readonly highWatermark: bigint;
  readonly messages: readonly ConsumerMessage[];
}

export interface EachMessagePayload {
  readonly topic: string;
  readonly partition: number;
  readonly message: ConsumerMessage;
}

export interface RunOptions {
  readonly eachMessage?: (payload: EachMessagePayload) => Promise<void> | void;
  /** When given, called once per batch instead of eachMessage. */
  readonly eachBatch?: (batch: ConsumerBatch) => Promise<void> | void;
}

export type ResetPolicy = 'earliest' | 'latest' | 'none';

export interface ConsumerOptions {
  /** How long a broker may hold a fetch waiting for minBytes, in ms. Default 500 (Kafka's fetch.max.wait.ms). */
  readonly maxWaitMs?: number;
  /** A fetch answers once this many bytes are ready. Default 1 (Kafka's fetch.min.bytes). */
  readonly minBytes?: number;
  /** A soft cap on one fetch response, in bytes. Default 52428800 (Kafka's fetch.max.bytes). */
  readonly maxBytes?: number;
  /** A soft cap per partition per fetch, in bytes. Default 1048576 (Kafka's max.partition.fetch.bytes). */
  readonly partitionMaxBytes?: number;
  /**
   * What an OFFSET_OUT_OF_RANGE answer does: restart from the earliest or the latest offset, or
   * ('none') fail the iteration with the BrookError. Default 'latest' (Kafka's auto.offset.reset).
   */
  readonly resetPolicy?: ResetPolicy;
}

export interface ResolvedConsumerOptions {
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly partitionMaxBytes: number;
  readonly resetPolicy: ResetPolicy;
}
