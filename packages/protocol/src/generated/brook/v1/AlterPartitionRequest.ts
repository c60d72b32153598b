// Original file: ../../proto/brook/v1/controller.proto

import type { PartitionIsrProposal as _brook_v1_PartitionIsrProposal, PartitionIsrProposal__Output as _brook_v1_PartitionIsrProposal__Output } from '../../brook/v1/PartitionIsrProposal.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The partition leader's ISR proposals.
 */
export interface AlterPartitionRequest {
  /**
   * The proposing leader's broker id.
   */
  'brokerId'?: (number);
  /**
   * Its current broker epoch; a stale one gets STALE_BROKER_EPOCH.
   */
  'brokerEpoch'?: (number | string | Long);
  /**
   * The proposals, at most one per partition.
   */
  'partitions'?: (_brook_v1_PartitionIsrProposal)[];
}

/**
 * The partition leader's ISR proposals.
 */
export interface AlterPartitionRequest__Output {
  /**
   * The proposing leader's broker id.
   */
  'brokerId': (number);
  /**
   * Its current broker epoch; a stale one gets STALE_BROKER_EPOCH.
   */
  'brokerEpoch': (string);
  /**
   * The proposals, at most one per partition.
   */
  'partitions': (_brook_v1_PartitionIsrProposal__Output)[];
}
