// Original file: ../../proto/brook/v1/fetch.proto

import type { FetchPartition as _brook_v1_FetchPartition, FetchPartition__Output as _brook_v1_FetchPartition__Output } from '../../brook/v1/FetchPartition.js';

/**
 * The partitions of one topic to read.
 */
export interface FetchTopic {
  /**
   * The topic's name.
   */
  'name'?: (string);
  /**
   * The partitions of this topic to read.
   */
  'partitions'?: (_brook_v1_FetchPartition)[];
}

/**
 * The partitions of one topic to read.
 */
export interface FetchTopic__Output {
  /**
   * The topic's name.
   */
  'name': (string);
  /**
   * The partitions of this topic to read.
   */
  'partitions': (_brook_v1_FetchPartition__Output)[];
}
