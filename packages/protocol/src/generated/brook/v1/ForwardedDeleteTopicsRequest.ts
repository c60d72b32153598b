// Original file: ../../proto/brook/v1/controller.proto

import type { DeleteTopicsRequest as _brook_v1_DeleteTopicsRequest, DeleteTopicsRequest__Output as _brook_v1_DeleteTopicsRequest__Output } from '../../brook/v1/DeleteTopicsRequest.js';

/**
 * DeleteTopics as a broker forwards it.
 */
export interface ForwardedDeleteTopicsRequest {
  /**
   * The client's request, unchanged.
   */
  'request'?: (_brook_v1_DeleteTopicsRequest | null);
}

/**
 * DeleteTopics as a broker forwards it.
 */
export interface ForwardedDeleteTopicsRequest__Output {
  /**
   * The client's request, unchanged.
   */
  'request': (_brook_v1_DeleteTopicsRequest__Output | null);
}
