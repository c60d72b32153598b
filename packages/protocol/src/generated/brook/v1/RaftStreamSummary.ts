// Original file: ../../proto/brook/v1/raft.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Sent when the receiver ends a stream normally (the sender half-closed it).
 */
export interface RaftStreamSummary {
  /**
   * Frames the receiver accepted on this stream.
   */
  'frames'?: (number | string | Long);
}

/**
 * Sent when the receiver ends a stream normally (the sender half-closed it).
 */
export interface RaftStreamSummary__Output {
  /**
   * Frames the receiver accepted on this stream.
   */
  'frames': (string);
}
