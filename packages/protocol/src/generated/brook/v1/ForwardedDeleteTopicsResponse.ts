// Original file: ../../proto/brook/v1/controller.proto

import type { DeleteTopicsResponse as _brook_v1_DeleteTopicsResponse, DeleteTopicsResponse__Output as _brook_v1_DeleteTopicsResponse__Output } from '../../brook/v1/DeleteTopicsResponse.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The controller's per-topic results and where in the metadata log they landed.
 */
export interface ForwardedDeleteTopicsResponse {
  /**
   * Per topic, in request order.
   */
  'response'?: (_brook_v1_DeleteTopicsResponse | null);
  /**
   * The offset of the batch removing the topics; -1 when nothing was written.
   */
  'metadataOffset'?: (number | string | Long);
}

/**
 * The controller's per-topic results and where in the metadata log they landed.
 */
export interface ForwardedDeleteTopicsResponse__Output {
  /**
   * Per topic, in request order.
   */
  'response': (_brook_v1_DeleteTopicsResponse__Output | null);
  /**
   * The offset of the batch removing the topics; -1 when nothing was written.
   */
  'metadataOffset': (string);
}
