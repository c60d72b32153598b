// Original file: ../../proto/brook/v1/controller.proto

import type { PartitionIsrResult as _brook_v1_PartitionIsrResult, PartitionIsrResult__Output as _brook_v1_PartitionIsrResult__Output } from '../../brook/v1/PartitionIsrResult.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Per-partition results of an AlterPartition.
 */
export interface AlterPartitionResponse {
  /**
   * In request order.
   */
  'partitions'?: (_brook_v1_PartitionIsrResult)[];
  /**
   * The offset of the batch holding the changes; -1 when nothing was written.
   */
  'metadataOffset'?: (number | string | Long);
}

/**
 * Per-partition results of an AlterPartition.
 */
export interface AlterPartitionResponse__Output {
  /**
   * In request order.
   */
  'partitions': (_brook_v1_PartitionIsrResult__Output)[];
  /**
   * The offset of the batch holding the changes; -1 when nothing was written.
   */
  'metadataOffset': (string);
}
