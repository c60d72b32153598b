// Original file: ../../proto/brook/v1/produce.proto

import type { ProduceTopicData as _brook_v1_ProduceTopicData, ProduceTopicData__Output as _brook_v1_ProduceTopicData__Output } from '../../brook/v1/ProduceTopicData.js';

/**
 * Append one record batch to each of many partitions led by the receiving broker.
 */
export interface ProduceRequest {
  /**
   * Acknowledgement level, Kafka's `acks`: 0 = answer before appending (no durability, the
   * response carries no offsets), 1 = answer after the leader's append, -1 = all: answer once
   * the high watermark has passed the batch, i.e. every in-sync replica has it (fsynced under the
   * default flush policy). Not sent = -1, Kafka's producer default: proto3's 0 for a missing
   * field must not silently mean "no durability". Any other value is INVALID_REQUIRED_ACKS for
   * every partition.
   */
  'acks'?: (number);
  /**
   * How long the leader waits for the acknowledgement acks asks for before it answers
   * REQUEST_TIMED_OUT for the partitions still waiting (the batch may still commit later).
   * 0 = the default, 30000 ms (Kafka's request.timeout.ms).
   */
  'timeoutMs'?: (number);
  /**
   * The batches to append, grouped by topic: one RPC carries batches for many partitions.
   */
  'topics'?: (_brook_v1_ProduceTopicData)[];
  '_acks'?: "acks";
}

/**
 * Append one record batch to each of many partitions led by the receiving broker.
 */
export interface ProduceRequest__Output {
  /**
   * Acknowledgement level, Kafka's `acks`: 0 = answer before appending (no durability, the
   * response carries no offsets), 1 = answer after the leader's append, -1 = all: answer once
   * the high watermark has passed the batch, i.e. every in-sync replica has it (fsynced under the
   * default flush policy). Not sent = -1, Kafka's producer default: proto3's 0 for a missing
   * field must not silently mean "no durability". Any other value is INVALID_REQUIRED_ACKS for
   * every partition.
   */
  'acks'?: (number);
  /**
   * How long the leader waits for the acknowledgement acks asks for before it answers
   * REQUEST_TIMED_OUT for the partitions still waiting (the batch may still commit later).
   * 0 = the default, 30000 ms (Kafka's request.timeout.ms).
   */
  'timeoutMs': (number);
  /**
   * The batches to append, grouped by topic: one RPC carries batches for many partitions.
   */
  'topics': (_brook_v1_ProduceTopicData__Output)[];
  '_acks'?: "acks";
}
