// Original file: ../../proto/brook/v1/controller.proto

import type { CreateTopicsResponse as _brook_v1_CreateTopicsResponse, CreateTopicsResponse__Output as _brook_v1_CreateTopicsResponse__Output } from '../../brook/v1/CreateTopicsResponse.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The controller's per-topic results and where in the metadata log they landed.
 */
export interface ForwardedCreateTopicsResponse {
  /**
   * Per topic, in request order: error code and message, topic id, partitions, replication
   * factor. `configs` holds only the topic's own overrides (the forwarding broker adds defaults).
   */
  'response'?: (_brook_v1_CreateTopicsResponse | null);
  /**
   * The offset of the batch holding the new topics; -1 when nothing was written. The forwarding
   * broker waits until its image reaches it before answering the client (read-your-writes).
   */
  'metadataOffset'?: (number | string | Long);
}

/**
 * The controller's per-topic results and where in the metadata log they landed.
 */
export interface ForwardedCreateTopicsResponse__Output {
  /**
   * Per topic, in request order: error code and message, topic id, partitions, replication
   * factor. `configs` holds only the topic's own overrides (the forwarding broker adds defaults).
   */
  'response': (_brook_v1_CreateTopicsResponse__Output | null);
  /**
   * The offset of the batch holding the new topics; -1 when nothing was written. The forwarding
   * broker waits until its image reaches it before answering the client (read-your-writes).
   */
  'metadataOffset': (string);
}
