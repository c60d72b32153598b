// Original file: ../../proto/brook/v1/offsets.proto

import type { ListOffsetsPartition as _brook_v1_ListOffsetsPartition, ListOffsetsPartition__Output as _brook_v1_ListOffsetsPartition__Output } from '../../brook/v1/ListOffsetsPartition.js';

/**
 * The partitions of one topic to look up.
 */
export interface ListOffsetsTopic {
  /**
   * The topic's name.
   */
  'name'?: (string);
  /**
   * The partitions of this topic to look up.
   */
  'partitions'?: (_brook_v1_ListOffsetsPartition)[];
}

/**
 * The partitions of one topic to look up.
 */
export interface ListOffsetsTopic__Output {
  /**
   * The topic's name.
   */
  'name': (string);
  /**
   * The partitions of this topic to look up.
   */
  'partitions': (_brook_v1_ListOffsetsPartition__Output)[];
}
