// Original file: ../../proto/brook/v1/controller.proto

import type { MetadataSnapshot as _brook_v1_MetadataSnapshot, MetadataSnapshot__Output as _brook_v1_MetadataSnapshot__Output } from '../../brook/v1/MetadataSnapshot.js';
import type { MetadataBatch as _brook_v1_MetadataBatch, MetadataBatch__Output as _brook_v1_MetadataBatch__Output } from '../../brook/v1/MetadataBatch.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Committed batches, or a snapshot followed by the batches after it.
 */
export interface FetchMetadataResponse {
  /**
   * Present when the asker must replace its image before applying `batches`.
   */
  'snapshot'?: (_brook_v1_MetadataSnapshot | null);
  /**
   * Consecutive committed batches after after_offset (or after the snapshot).
   */
  'batches'?: (_brook_v1_MetadataBatch)[];
  /**
   * The offset of the last committed batch the controller has applied (the asker's target).
   */
  'highWatermark'?: (number | string | Long);
  /**
   * The active controller's node id.
   */
  'leaderId'?: (number);
  /**
   * The active controller's Raft term.
   */
  'leaderEpoch'?: (number | string | Long);
}

/**
 * Committed batches, or a snapshot followed by the batches after it.
 */
export interface FetchMetadataResponse__Output {
  /**
   * Present when the asker must replace its image before applying `batches`.
   */
  'snapshot': (_brook_v1_MetadataSnapshot__Output | null);
  /**
   * Consecutive committed batches after after_offset (or after the snapshot).
   */
  'batches': (_brook_v1_MetadataBatch__Output)[];
  /**
   * The offset of the last committed batch the controller has applied (the asker's target).
   */
  'highWatermark': (string);
  /**
   * The active controller's node id.
   */
  'leaderId': (number);
  /**
   * The active controller's Raft term.
   */
  'leaderEpoch': (string);
}
