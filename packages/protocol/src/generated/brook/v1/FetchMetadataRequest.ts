// Original file: ../../proto/brook/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

/**
 * An observer (a broker) asking for the metadata log from an offset on.
 */
export interface FetchMetadataRequest {
  /**
   * The cluster the asker belongs to.
   */
  'clusterId'?: (string);
  /**
   * The asking node's id (for the quorum description's observer lag).
   */
  'nodeId'?: (number);
  /**
   * The offset of the last batch the asker has applied; -1 for none. The answer starts after it.
   */
  'afterOffset'?: (number | string | Long);
  /**
   * How long to wait for a batch past after_offset; 0 = answer at once.
   */
  'maxWaitMs'?: (number);
  /**
   * A soft cap on the answer's batch bytes (at least one batch is always sent).
   */
  'maxBytes'?: (number);
}

/**
 * An observer (a broker) asking for the metadata log from an offset on.
 */
export interface FetchMetadataRequest__Output {
  /**
   * The cluster the asker belongs to.
   */
  'clusterId': (string);
  /**
   * The asking node's id (for the quorum description's observer lag).
   */
  'nodeId': (number);
  /**
   * The offset of the last batch the asker has applied; -1 for none. The answer starts after it.
   */
  'afterOffset': (string);
  /**
   * How long to wait for a batch past after_offset; 0 = answer at once.
   */
  'maxWaitMs': (number);
  /**
   * A soft cap on the answer's batch bytes (at least one batch is always sent).
   */
  'maxBytes': (number);
}
