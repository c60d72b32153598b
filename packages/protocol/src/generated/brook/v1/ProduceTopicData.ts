// Original file: ../../proto/brook/v1/produce.proto

import type { ProducePartitionData as _brook_v1_ProducePartitionData, ProducePartitionData__Output as _brook_v1_ProducePartitionData__Output } from '../../brook/v1/ProducePartitionData.js';

/**
 * The batches for the partitions of one topic.
 */
export interface ProduceTopicData {
  /**
   * The topic's name.
   */
  'name'?: (string);
  /**
   * The partitions of this topic that get a batch.
   */
  'partitions'?: (_brook_v1_ProducePartitionData)[];
}

/**
 * The batches for the partitions of one topic.
 */
export interface ProduceTopicData__Output {
  /**
   * The topic's name.
   */
  'name': (string);
  /**
   * The partitions of this topic that get a batch.
   */
  'partitions': (_brook_v1_ProducePartitionData__Output)[];
}
