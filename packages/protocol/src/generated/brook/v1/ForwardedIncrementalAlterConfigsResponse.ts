// Original file: ../../proto/brook/v1/controller.proto

import type { IncrementalAlterConfigsResponse as _brook_v1_IncrementalAlterConfigsResponse, IncrementalAlterConfigsResponse__Output as _brook_v1_IncrementalAlterConfigsResponse__Output } from '../../brook/v1/IncrementalAlterConfigsResponse.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The controller's per-topic results and where in the metadata log they landed.
 */
export interface ForwardedIncrementalAlterConfigsResponse {
  /**
   * Per topic, in request order.
   */
  'response'?: (_brook_v1_IncrementalAlterConfigsResponse | null);
  /**
   * The offset of the batch holding the changes; -1 when nothing was written.
   */
  'metadataOffset'?: (number | string | Long);
}

/**
 * The controller's per-topic results and where in the metadata log they landed.
 */
export interface ForwardedIncrementalAlterConfigsResponse__Output {
  /**
   * Per topic, in request order.
   */
  'response': (_brook_v1_IncrementalAlterConfigsResponse__Output | null);
  /**
   * The offset of the batch holding the changes; -1 when nothing was written.
   */
  'metadataOffset': (string);
}
