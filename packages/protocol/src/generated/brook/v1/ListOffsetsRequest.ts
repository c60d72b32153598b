// Original file: ../../proto/brook/v1/offsets.proto

import type { ListOffsetsTopic as _brook_v1_ListOffsetsTopic, ListOffsetsTopic__Output as _brook_v1_ListOffsetsTopic__Output } from '../../brook/v1/ListOffsetsTopic.js';

/**
 * Look up offsets by timestamp (or the earliest and latest) for many partitions.
 */
export interface ListOffsetsRequest {
  /**
   * The partitions to look up, grouped by topic.
   */
  'topics'?: (_brook_v1_ListOffsetsTopic)[];
}

/**
 * Look up offsets by timestamp (or the earliest and latest) for many partitions.
 */
export interface ListOffsetsRequest__Output {
  /**
   * The partitions to look up, grouped by topic.
   */
  'topics': (_brook_v1_ListOffsetsTopic__Output)[];
}
