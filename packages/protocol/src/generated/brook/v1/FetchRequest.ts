// Original file: ../../proto/brook/v1/fetch.proto

import type { FetchTopic as _brook_v1_FetchTopic, FetchTopic__Output as _brook_v1_FetchTopic__Output } from '../../brook/v1/FetchTopic.js';

/**
 * Read batches from many partitions led by the receiving broker, long-polling.
 */
export interface FetchRequest {
  /**
   * The longest the broker may hold the request open waiting for min_bytes of data (long poll).
   */
  'maxWaitMs'?: (number);
  /**
   * The broker answers as soon as it has at least this many bytes of batches to return, or
   * max_wait_ms has passed. 0 = answer at once.
   */
  'minBytes'?: (number);
  /**
   * A soft upper bound on the records bytes of the whole response. As in Kafka, the first batch
   * of the first non-empty partition is returned whole even when it is larger, so a consumer can
   * always make progress. 0 = the default, 52428800 (50 MiB, Kafka's fetch.max.bytes).
   */
  'maxBytes'?: (number);
  /**
   * The partitions to read, grouped by topic.
   */
  'topics'?: (_brook_v1_FetchTopic)[];
}

/**
 * Read batches from many partitions led by the receiving broker, long-polling.
 */
export interface FetchRequest__Output {
  /**
   * The longest the broker may hold the request open waiting for min_bytes of data (long poll).
   */
  'maxWaitMs': (number);
  /**
   * The broker answers as soon as it has at least this many bytes of batches to return, or
   * max_wait_ms has passed. 0 = answer at once.
   */
  'minBytes': (number);
  /**
   * A soft upper bound on the records bytes of the whole response. As in Kafka, the first batch
   * of the first non-empty partition is returned whole even when it is larger, so a consumer can
   * always make progress. 0 = the default, 52428800 (50 MiB, Kafka's fetch.max.bytes).
   */
  'maxBytes': (number);
  /**
   * The partitions to read, grouped by topic.
   */
  'topics': (_brook_v1_FetchTopic__Output)[];
}
